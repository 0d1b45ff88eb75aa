import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Summary } from '../../../src/protocol';
import {
  planScenarioItem,
  scenarioVerdict,
  thresholdMessage,
  thresholdVerdicts,
  topErrorReasons,
} from '../../../src/extension/test-items-plan';
import { summaryWith } from './scenario-fixture';

const TEXT = `name: Chat baseline
target:
  baseUrl: http://127.0.0.1:8790
load: { executor: constant-arrival-rate, rate: 5/s, duration: 2s }
requests:
  - { name: chat, api: openai-chat, model: m, prompt: hi }
thresholds:
  http_req_duration:
    - "p(95) < 500"
    - threshold: "p(99) < 1000"
      abortOnFail: true
  http_req_failed: [ "rate < 0.01" ]
`;

/** The run of TEXT: two of its three thresholds failed, two requests with a 5xx. */
function summary(over: Partial<Summary> = {}): Summary {
  return summaryWith({
    scenario: 'Chat baseline',
    requests: { sent: 10, succeeded: 8, failed: 2 },
    errors: { http_5xx: 2 },
    thresholds: [
      { metric: 'http_req_duration', expression: 'p(95) < 500', ok: false, value: 612.4 },
      { metric: 'http_req_duration', expression: 'p(99) < 1000', ok: true, value: 700 },
      { metric: 'http_req_failed', expression: 'rate < 0.01', ok: false, value: 0.2 },
    ],
    ...over,
  });
}

test('a scenario file is one item with its thresholds as children, each at its line', () => {
  const plan = planScenarioItem(TEXT, '/w/chat.load.yaml', 'chat.load.yaml');
  assert.deepEqual(plan, {
    label: 'Chat baseline',
    description: 'chat.load.yaml',
    thresholds: [
      {
        id: 'http_req_duration: p(95) < 500',
        label: 'http_req_duration: p(95) < 500',
        metric: 'http_req_duration',
        expression: 'p(95) < 500',
        line: 8,
      },
      {
        id: 'http_req_duration: p(99) < 1000',
        label: 'http_req_duration: p(99) < 1000',
        metric: 'http_req_duration',
        expression: 'p(99) < 1000',
        line: 9,
      },
      {
        id: 'http_req_failed: rate < 0.01',
        label: 'http_req_failed: rate < 0.01',
        metric: 'http_req_failed',
        expression: 'rate < 0.01',
        line: 11,
      },
    ],
  });
});

test('a file that does not validate is an item with its first error and no children', () => {
  const plan = planScenarioItem('name: x\ntarget: {}\n', '/w/x.load.yaml', 'x.load.yaml');
  assert.equal(plan.label, 'x.load.yaml');
  assert.deepEqual(plan.thresholds, []);
  assert.match(plan.error ?? '', /^line \d+: /);
});

test('each threshold passes or fails with its measured value and its limit', () => {
  const plan = planScenarioItem(TEXT, '/w/chat.load.yaml', 'chat.load.yaml');
  assert.deepEqual(thresholdVerdicts(plan, summary()), [
    { id: 'http_req_duration: p(95) < 500', passed: false, message: 'p(95) = 612 ms, limit 500' },
    { id: 'http_req_duration: p(99) < 1000', passed: true, message: 'p(99) = 700 ms, limit 1000' },
    { id: 'http_req_failed: rate < 0.01', passed: false, message: 'rate = 20%, limit 0.01' },
  ]);
  assert.equal(
    thresholdMessage('http_req_duration', 'p(95) < 500', null),
    'p(95): no value measured (no request of this metric finished), limit 500',
  );
  assert.equal(thresholdMessage('time_to_first_token', 'avg <= 250', 87.456), 'avg = 87.46 ms, limit 250');
  assert.equal(thresholdMessage('http_reqs', 'count > 100', 120), 'count = 120, limit 100');
  const aborted = thresholdVerdicts(plan, summary({ status: 'aborted', thresholds: [] }));
  assert.deepEqual(aborted.map((v) => [v.passed, v.message]).slice(0, 1), [
    [false, 'p(95) < 500: not evaluated (the run ended as aborted)'],
  ]);
});

test('a failed run names its failed thresholds and its top error reasons, samples first', () => {
  assert.deepEqual(scenarioVerdict(summary(), 'run'), {
    passed: false,
    message:
      '2 of 3 thresholds failed: http_req_duration p(95) = 612 ms, limit 500; http_req_failed rate = 20%, limit 0.01. 2 of 10 requests failed. Top errors: 2 × http_5xx.',
  });
  const withSamples = summary({
    errorSamples: [
      { class: 'http_5xx', status: 502, message: 'Bad Gateway', count: 1 },
      { class: 'timeout', message: 'no answer in 10 s', count: 3 },
    ],
  } as Partial<Summary>);
  assert.deepEqual(topErrorReasons(withSamples), ['3 × timeout: no answer in 10 s', '1 × http_5xx 502: Bad Gateway']);
  assert.deepEqual(
    scenarioVerdict(
      summary({ thresholds: [{ metric: 'http_req_failed', expression: 'rate < 0.5', ok: true, value: 0.2 }] }),
      'run',
    ),
    { passed: true, message: '1 threshold passed; 2 of 10 requests failed.' },
  );
  assert.deepEqual(scenarioVerdict(summary(), 'dry'), {
    passed: false,
    message: 'Dry run: 2 of 10 requests failed. Top errors: 2 × http_5xx.',
  });
  assert.equal(
    scenarioVerdict(summary({ status: 'failed', reason: 'worker crashed' }), 'run').message,
    'The run failed: worker crashed. Top errors: 2 × http_5xx.',
  );
});
