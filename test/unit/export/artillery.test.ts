import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { exportArtillery, artilleryPhases } from '../../../src/export/artillery';
import { Warnings } from '../../../src/export/common';
import { scenario, threshold } from './fixtures';

test('stages become phases that ramp from the previous target; the plan is counted', () => {
  const s = scenario({
    load: {
      executor: 'ramping-arrival-rate',
      kind: 'open',
      arrivals: 'uniform',
      gracefulStopMs: 0,
      thinkTimeMs: 0,
      durationMs: 30_000,
      stages: [
        { durationMs: 10_000, target: 20, label: '20/s' },
        { durationMs: 0, target: 40, label: '40/s' },
        { durationMs: 10_000, target: 40, label: '40/s' },
        { durationMs: 10_000, target: 0, label: '0/s' },
      ],
    },
  });
  const { phases, planned } = artilleryPhases(s, new Warnings());
  assert.deepEqual(
    phases.map((p) => [p.duration, p.arrivalRate, p.rampTo]),
    [
      [10, 0, 20],
      [10, 40, undefined],
      [10, 40, 0],
    ],
  );
  assert.equal(planned, 100 + 400 + 200);
});

test('fractional per-second rates keep their count through arrivalCount', () => {
  const s = scenario({
    load: {
      executor: 'constant-arrival-rate',
      kind: 'open',
      arrivals: 'uniform',
      gracefulStopMs: 0,
      thinkTimeMs: 0,
      durationMs: 60_000,
      stages: [
        { durationMs: 0, target: 0.5, label: '30/min' },
        { durationMs: 60_000, target: 0.5, label: '30/min' },
      ],
    },
  });
  const w = new Warnings();
  const { phases, planned } = artilleryPhases(s, w);
  assert.deepEqual(
    phases.map((p) => [p.duration, p.arrivalCount]),
    [[60, 30]],
  );
  assert.equal(planned, 30);
});

test('the script carries ensure, weights, env lookups and prompt payloads; what cannot be expressed is listed', () => {
  const { files, warnings, envVars } = exportArtillery(scenario(), '/tmp/out/chat.artillery.yml');
  const script = files[0].content;
  const doc = parse(script);
  assert.equal(doc.config.target, 'http://127.0.0.1:8790');
  assert.deepEqual(doc.config.ensure.thresholds, [{ 'http.response_time.p95': 500 }]);
  assert.equal(doc.config.ensure.maxErrorRate, 1);
  assert.deepEqual(doc.config.plugins.ensure, {});
  const step = doc.scenarios[0].flow[0].post;
  assert.equal(doc.scenarios[0].weight, 3);
  assert.equal(step.url, '/v1/chat/completions');
  assert.equal(step.headers.Authorization, 'Bearer {{ $processEnvironment.GATEWAY_KEY }}');
  assert.equal(step.json.messages.at(-1).content, '{{ prompt_1 }}');
  assert.deepEqual(step.expect, [{ statusCode: 200 }]);
  assert.equal(doc.config.payload.fields[0], 'prompt_1');
  const csv = files.find((f) => f.path.endsWith('.prompts.csv'));
  assert.equal(csv?.content, 'Say hello\n"Write, ""quoted"", text"\n');
  assert.deepEqual(envVars.map((v) => v.name).sort(), ['GATEWAY_KEY', 'GATEWAY_URL']);
  for (const fragment of ['time_to_first_token', 'inter_token_latency', 'ttft < 300ms', 'Streaming']) {
    assert.ok(
      warnings.some((w) => w.includes(fragment)),
      `warning about ${fragment}`,
    );
    assert.ok(script.includes(fragment), `header comment mentions ${fragment}`);
  }
  assert.ok(!script.includes('secret-value'), 'no secret value can be in the script: none was given');
});

test('comparisons other than < become ensure conditions', () => {
  const s = scenario({
    thresholds: [
      threshold('http_req_duration', 'avg <= 200', 'avg', '<=', 200),
      threshold('http_reqs', 'count > 10', 'count', '>', 10),
    ],
  });
  const doc = parse(exportArtillery(s, '/tmp/x.yml').files[0].content);
  assert.deepEqual(doc.config.ensure.conditions, [
    { expression: 'http.response_time.mean <= 200', strict: true },
    { expression: 'http.requests > 10', strict: true },
  ]);
});
