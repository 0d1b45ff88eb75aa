// The comparison on real runs: a mock made 30% slower between two runs is a regression;
// two runs of the same configuration are not.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Comparison } from '../../../src/report/compare';
import { cli, ensureBuilt, startMock, tempDir, writeScenario, type Mock } from './helpers';

describe('comparison of real runs', () => {
  let mock: Mock;
  const out = tempDir();
  const scenario = writeScenario({ name: 'Regression integration', rate: 25, seconds: 4 });
  const runs: Record<'a' | 'b' | 'slow', string> = { a: join(out, 'a'), b: join(out, 'b'), slow: join(out, 'slow') };

  before(async () => {
    ensureBuilt();
    // Fixed (not random) delays large enough that timer jitter on a busy machine stays small beside them.
    mock = await startMock(['--ttft', '80ms', '--tokens-per-second', '50', '--output-tokens', '6']);
    for (const key of ['a', 'b'] as const) {
      const r = await cli(['run', scenario, '--out', runs[key]], { GATEWAY_URL: mock.url, CI: 'true' });
      assert.equal(r.code, 0, r.stderr);
    }
    await mock.setConfig({ latencyFactor: 1.3 });
    const r = await cli(['run', scenario, '--out', runs.slow], { GATEWAY_URL: mock.url, CI: 'true' });
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => { await mock?.stop(); });

  test('two runs of the same configuration: no regression, exit 0', async () => {
    const r = await cli(['compare', runs.a, runs.b, '--format', 'json']);
    const c = JSON.parse(r.stdout) as Comparison;
    assert.equal(c.regression, false, `worse: ${c.worse.join(', ')}\n${(await cli(['compare', runs.a, runs.b, '--all'])).stdout}`);
    assert.equal(r.code, 0);
    const d = c.metrics.find((m) => m.metric === 'http_req_duration');
    assert.equal(d?.verdict, 'same');
  });

  test('the mock 30% slower: regression on latency, TTFT and ITL, exit 1', async () => {
    const r = await cli(['compare', join(runs.a, 'summary.json'), runs.slow, '--format', 'json']);
    const c = JSON.parse(r.stdout) as Comparison;
    assert.equal(r.code, 1, r.stderr);
    assert.equal(c.regression, true);
    for (const metric of ['http_req_duration', 'time_to_first_token', 'inter_token_latency']) {
      const m = c.metrics.find((x) => x.metric === metric);
      assert.equal(m?.verdict, 'worse', metric);
      const p50 = m?.stats.find((s) => s.stat === 'p50');
      // 30% slower delays: the median moves by roughly that much (the fixed overheads dilute it a little).
      assert.ok((p50?.changePct ?? 0) > 15 && (p50?.changePct ?? 0) < 45, `${metric} p50 ${p50?.changePct}%`);
    }
    const text = await cli(['compare', runs.a, runs.slow]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^REGRESSION: .*http_req_duration\.p50/m);
  });

  test('a tolerance wide enough accepts the slower run', async () => {
    const r = await cli(['compare', runs.a, runs.slow, '--tolerance', 'http_req_duration=60%,http_req_service_duration=60%,time_to_first_token=60%,inter_token_latency=60%,time_per_output_token=60%,output_tokens_per_second=60%,http_reqs=60%,output_tokens=60%']);
    assert.equal(r.code, 0, r.stdout);
  });
});
