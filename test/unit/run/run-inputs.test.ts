import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv, resolveInputs, secretEnvName } from '../../../src/run/run-inputs';
import { applySets } from '../../../src/cli/run';
import { progressLine, ProgressTotals, runPassed, summaryTable } from '../../../src/run/console-format';
import { chat, constantRate, scenario } from '../../integration/engine/scenario-fixtures';
import type { Summary, Window } from '../../../src/protocol';

describe('run inputs', () => {
  test('.env parsing: quotes, export, comments', () => {
    assert.deepEqual(parseDotenv('# c\nexport A=1\nB = "two\\nlines"\nC=\'lit $x\'\nD=plain # note\n\nbad line\n'), {
      A: '1',
      B: 'two\nlines',
      C: 'lit $x',
      D: 'plain',
    });
  });

  test('only referenced names are taken; secrets from GATEWAY_LOAD_SECRET_* first; missing ones listed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gl-inputs-'));
    writeFileSync(join(dir, '.env'), 'FROM_FILE=f\nUNUSED=u\n');
    const sc = scenario('${env:URL}', constantRate(1, 1000), [
      chat({
        headers: { a: '${secret:gw-key}', b: '${dotenv:FROM_FILE}', c: '${env:OPTIONAL:-x}', d: '${secret:absent}' },
      }),
    ]);
    const r = resolveInputs(
      sc,
      { URL: 'http://h', PATH: '/bin', [secretEnvName('gw-key')]: 's1', 'gw-key': 's0' },
      join(dir, '.env'),
    );
    assert.deepEqual(r.env, { URL: 'http://h' });
    assert.deepEqual(r.dotenv, { FROM_FILE: 'f' });
    assert.deepEqual(r.secrets, { 'gw-key': 's1' });
    assert.equal(secretEnvName('gw-key'), 'GATEWAY_LOAD_SECRET_GW_KEY');
    assert.equal(r.missing.length, 1);
    assert.match(r.missing[0], /secret:absent/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('--set overrides typed as YAML reads them, paths with dots and indexes', () => {
    const text = 'name: x\nload:\n  duration: 30s\nrequests:\n  - name: a\n    stream: true\n';
    const r = applySets(text, [
      'load.duration=5s',
      'requests[0].stream=false',
      'requests.0.maxTokens=12',
      'target.baseUrl=http://127.0.0.1:1',
    ]);
    assert.equal(r.error, undefined);
    assert.match(r.text, /duration: 5s/);
    assert.match(r.text, /stream: false/);
    assert.match(r.text, /maxTokens: 12/);
    assert.match(r.text, /baseUrl: http:\/\/127\.0\.0\.1:1/);
    assert.match(applySets(text, ['nokey']).error ?? '', /key=value/);
  });
});

describe('console format', () => {
  const w = {
    index: 4,
    tMs: 5000,
    completed: 48,
    active: 3,
    duration: { p95: 123.4 },
    ttft: null,
    rateLimit: { status429: 2 },
    thresholds: [{ ok: false }],
    started: 50,
    failed: 2,
    dropped: 1,
  } as unknown as Window;
  test('progress line shows elapsed/planned, rate, p95, errors', () => {
    const t = new ProgressTotals();
    t.add(w);
    const line = progressLine(w, 30_000, t);
    assert.match(line, /5s\/30s/);
    assert.match(line, /48 req\/s/);
    assert.match(line, /p95 123ms/);
    assert.match(line, /errors 2 \(4\.2%\)/);
    assert.match(line, /429s 2/);
    assert.match(line, /thresholds failing 1/);
  });

  test('summary table lists thresholds with pass/fail; exit decision', () => {
    const s = {
      scenario: 'demo',
      status: 'completed',
      durationMs: 2000,
      executor: 'constant-vus',
      requests: { sent: 10, succeeded: 9, failed: 1 },
      errors: { http_5xx: 1 },
      metrics: {
        http_reqs: { count: 10, rate: 5 },
        http_req_duration: { count: 10, avg: 10, p50: 9, p90: 12, p95: 13, p99: 14, max: 15 },
      },
      tokens: { fromUsage: 0, counted: 0, usageVsCountedDiffPct: null },
      models: {},
      checks: [{ name: 'status == 200', passes: 9, fails: 1 }],
      thresholds: [
        { metric: 'http_req_duration', expression: 'p(95) < 100', ok: true, value: 13 },
        { metric: 'http_req_failed', expression: 'rate < 0.01', ok: false, value: 0.1 },
      ],
      generator: { latenessP99Ms: 0.3, eluMax: 0.2, saturated: false, warnings: [] },
    } as unknown as Summary;
    const text = summaryTable(s, '/tmp/r');
    assert.match(text, /✓ http_req_duration {2}p\(95\) < 100/);
    assert.match(text, /✗ http_req_failed {2}rate < 0\.01/);
    assert.match(text, /http_5xx 1/);
    assert.match(text, /results {4}\/tmp\/r/);
    assert.equal(runPassed(s), false);
    assert.equal(runPassed({ ...s, thresholds: [s.thresholds[0]] }), true);
    assert.equal(runPassed({ ...s, thresholds: [], status: 'failed' }), false);
  });
});
