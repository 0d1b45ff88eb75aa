// The SLO and capacity children of a scenario in the Test Explorer: planned from the scenario file,
// judged from a summary of the shape the engine writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CapacitySummary, SloSummary } from '../../../src/shared/capacity';
import { planScenarioItem } from '../../../src/extension/test-items-plan';
import { checkVerdicts, withChecks } from '../../../src/extension/test-checks-plan';
import { summaryWith } from './scenario-fixture';

const SLO_TEXT = `name: Chat with an SLO
target:
  baseUrl: http://127.0.0.1:8790
load: { executor: constant-arrival-rate, rate: 5/s, duration: 2s }
slo:
  time_to_first_token: 300ms
requests:
  - { name: chat, api: openai-chat, model: m, prompt: hi, stream: true }
thresholds:
  http_req_failed: [ "rate < 0.01" ]
`;

function slo(met: number, judged: number): SloSummary {
  return {
    bounds: { time_to_first_token: 300 },
    judged,
    met,
    attainment: met / judged,
    goodput: met / 2,
    goodputTokensPerSecond: 0,
    misses: { failed: 0, time_to_first_token: judged - met, time_per_output_token: 0, http_req_duration: 0 },
    worst: judged > met ? { reason: 'time_to_first_token', share: 1 } : null,
  };
}

test('a scenario with an slo has an SLO attainment child after its thresholds, at the slo line', () => {
  const plan = planScenarioItem(SLO_TEXT, '/w/slo.load.yaml', 'slo.load.yaml');
  assert.deepEqual(
    plan.thresholds.map((t) => t.id),
    ['http_req_failed: rate < 0.01'],
  );
  assert.deepEqual(plan.checks, [{ id: 'check:slo', label: 'SLO attainment ≥ 95%', kind: 'slo', bar: 0.95, line: 4 }]);
  // An slo_attainment threshold states the bar.
  const stated = planScenarioItem(
    SLO_TEXT.replace('http_req_failed: [ "rate < 0.01" ]', 'slo_attainment: [ "rate > 0.9" ]'),
    '/w/slo.load.yaml',
    'slo.load.yaml',
  );
  assert.equal(stated.checks?.[0].bar, 0.9);
  assert.equal(stated.checks?.[0].label, 'SLO attainment ≥ 90%');
  // Without an slo or a sweep there are no checks, and the plan carries no `checks` key.
  const plain = planScenarioItem(SLO_TEXT.replace(/slo:\n {2}time_to_first_token: 300ms\n/, ''), '/w/p.load.yaml', 'p');
  assert.equal(plain.error, undefined);
  assert.equal('checks' in plain, false);
});

test('the SLO child passes at or above its bar and fails below, with attainment, counts and the worst bound', () => {
  const plan = planScenarioItem(SLO_TEXT, '/w/slo.load.yaml', 'slo.load.yaml');
  const checks = plan.checks ?? [];
  assert.deepEqual(checkVerdicts(checks, summaryWith({ slo: slo(19, 20) })), [
    {
      id: 'check:slo',
      passed: true,
      message:
        'SLO attainment 95% (19 of 20 requests met it), bar 95%; goodput 9.5 req/s; time_to_first_token missed in 100% of misses',
    },
  ]);
  const low = checkVerdicts(checks, summaryWith({ slo: slo(17, 20) }));
  assert.equal(low[0].passed, false);
  assert.match(low[0].message, /^SLO attainment 85% \(17 of 20 requests met it\), bar 95%/);
  assert.deepEqual(checkVerdicts(checks, summaryWith({ status: 'aborted' })), [
    { id: 'check:slo', passed: false, message: 'SLO: not measured (no request was judged; the run aborted)' },
  ]);
  // Every threshold held, the SLO did not: the scenario fails, and says why first.
  assert.deepEqual(withChecks({ passed: true, message: '1 threshold passed.' }, low), {
    passed: false,
    message: `${low[0].message}. 1 threshold passed.`,
  });
  assert.deepEqual(
    withChecks({ passed: true, message: 'ok' }, checkVerdicts(checks, summaryWith({ slo: slo(20, 20) }))),
    {
      passed: true,
      message: 'ok',
    },
  );
});

test('a sweep has a capacity child: passes with the headline when measured, fails when the generator limited', () => {
  const text = readFileSync('examples/sweep.load.yaml', 'utf8');
  const plan = planScenarioItem(text, `${process.cwd()}/examples/sweep.load.yaml`, 'sweep.load.yaml');
  assert.equal(plan.error, undefined);
  const line = text.split('\n').findIndex((l) => /^\s+executor: sweep/.test(l));
  assert.deepEqual(plan.checks, [{ id: 'check:capacity', label: 'capacity (sweep)', kind: 'capacity', line }]);
  const cap: CapacitySummary = {
    executor: 'sweep',
    rate: 20,
    rpm: 1200,
    concurrency: 4,
    limitedBy: 'slo',
    bound: 'time_to_first_token',
    atStep: 3,
    stop: { sloAttainment: 0.95, errorRate: 0.05 },
    atCapacity: { ttftP95: 281, durationP95: 900 },
    steps: [],
  };
  const ok = checkVerdicts(plan.checks ?? [], summaryWith({ capacity: cap }));
  assert.deepEqual(ok, [
    {
      id: 'check:capacity',
      passed: true,
      message: 'Capacity: 1,200 RPM at ≥ 95% SLO attainment (p95 TTFT 281 ms); limited by time_to_first_token',
    },
  ]);
  const gen = checkVerdicts(
    plan.checks ?? [],
    summaryWith({ capacity: { ...cap, rate: null, rpm: null, limitedBy: 'generator' } }),
  );
  assert.equal(gen[0].passed, false);
  assert.match(gen[0].message, /^Capacity: not measured: the load generator was the limit/);
  assert.equal(
    checkVerdicts(plan.checks ?? [], summaryWith({ status: 'failed' }))[0].message,
    'Capacity: not measured (the run failed)',
  );
});
