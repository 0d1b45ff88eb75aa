import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/scenario';
import { exportArtillery } from '../../../src/export/artillery';
import { importArtillery } from '../../../src/export/import-artillery';
import { scenario } from './fixtures';

const SCRIPT = `
config:
  target: "{{ $processEnvironment.TARGET }}"
  http: { timeout: 20 }
  phases:
    - { duration: 60, arrivalRate: 5, rampTo: 50 }
    - { duration: 120, arrivalRate: 50 }
    - { pause: 10 }
    - { duration: 30, arrivalCount: 15 }
  ensure:
    thresholds:
      - http.response_time.p95: 400
    maxErrorRate: 1
scenarios:
  - name: chat
    weight: 2
    flow:
      - post:
          url: /v1/chat/completions
          headers: { Authorization: "Bearer {{ $env.OPENAI_KEY }}" }
          json: { model: gpt-4o-mini, messages: [{ role: user, content: hi }] }
          expect:
            - statusCode: 200
            - hasProperty: choices
      - think: 1
`;

test('an Artillery script becomes a valid scenario with the same plan and limits', () => {
  const { text, warnings } = importArtillery(SCRIPT, 'imported');
  const result = parseScenario(text, {});
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const s = result.scenario!;
  assert.equal(s.target.baseUrl, '${env:TARGET}');
  assert.equal(s.target.timeoutMs, 20_000);
  assert.deepEqual(
    s.load.stages.map((st) => [st.durationMs, Math.round(st.target * 100) / 100]),
    [
      [0, 5],
      [60_000, 50],
      [120_000, 50],
      [0, 0],
      [10_000, 0],
      [0, 0.5],
      [30_000, 0.5],
    ],
  );
  assert.deepEqual(
    s.thresholds.map((t) => `${t.metric}: ${t.expression}`),
    ['http_req_duration: p(95) < 400', 'http_req_failed: rate < 0.01'],
  );
  const r = s.requests[0];
  assert.deepEqual(
    [r.name, r.weight, r.method, r.path, r.headers.Authorization],
    ['chat', 2, 'POST', '/v1/chat/completions', 'Bearer ${env:OPENAI_KEY}'],
  );
  assert.deepEqual(
    r.checks.map((c) => c.text),
    ['status == 200', 'body.choices exists'],
  );
  assert.ok(
    warnings.some((w) => w.includes('first HTTP step')),
    'the dropped think step is reported',
  );
});

test('export then import keeps the open-model plan', () => {
  const original = scenario({
    thresholds: [],
    load: {
      ...scenario().load,
      stages: [
        { durationMs: 10_000, target: 20, label: '20/s' },
        { durationMs: 20_000, target: 30, label: '30/s' },
        { durationMs: 0, target: 10, label: '10/s' },
        { durationMs: 5000, target: 10, label: '10/s' },
      ],
    },
  });
  const exported = exportArtillery(original, '/tmp/rt.artillery.yml').files[0].content;
  const imported = parseScenario(importArtillery(exported).text, { file: '/tmp/rt.load.yaml', fileExists: () => true });
  assert.deepEqual(
    imported.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const back = imported.scenario!;
  assert.equal(back.requests[0].prompt?.kind, 'file', 'the prompt payload comes back as a prompt file');
  const arrivals = (st: { durationMs: number; target: number }[]) => {
    let prev = 0;
    let sum = 0;
    for (const x of st) {
      sum += ((prev + x.target) / 2) * (x.durationMs / 1000);
      prev = x.target;
    }
    return Math.round(sum);
  };
  assert.ok(
    Math.abs(arrivals(back.load.stages) - arrivals(original.load.stages)) <= arrivals(original.load.stages) * 0.02,
  );
});

test('text that is not an Artillery script is refused with a reason', () => {
  assert.throws(() => importArtillery('name: x\n'), /not an Artillery script/);
});
