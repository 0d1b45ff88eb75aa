// Streaming metrics against the real mock: TTFT and token rate within 10% of what it was told.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { near, run } from './run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({
    port: 0,
    ttftMs: 100,
    tokensPerSecond: 100,
    outputTokens: 20,
    routeModel: 'routed-model-x',
  });
});
after(async () => {
  await mock.close();
});

test('time to first token, inter-token latency, TPOT and tokens/s match the mock', async () => {
  const { summary: s, windows } = await run(scenario(mock.url, constantRate(20, 3000), [chat({ maxTokens: 20 })]));
  assert.equal(s.status, 'completed');
  assert.equal(s.requests.succeeded, s.requests.sent);
  const m = s.metrics;
  assert.ok(near(m.time_to_first_token!.p50!, 100, 0.1), `ttft p50 ${m.time_to_first_token!.p50}`);
  assert.ok(near(m.inter_token_latency!.p50!, 10, 0.1), `itl p50 ${m.inter_token_latency!.p50}`);
  assert.ok(near(m.time_per_output_token!.p50!, 10, 0.1), `tpot p50 ${m.time_per_output_token!.p50}`);
  // 20 tokens, the first at TTFT and 19 gaps of 10 ms: 20 / 0.19 s
  assert.ok(near(m.output_tokens_per_second!.p50!, 20 / 0.19, 0.1), `tokens/s p50 ${m.output_tokens_per_second!.p50}`);
  assert.equal(m.output_tokens!.count, s.requests.sent * 20);
  assert.equal(s.tokens.fromUsage, s.requests.sent * 20);
  assert.ok(m.inter_token_latency!.count! >= s.requests.sent * 19 * 0.95);
  assert.deepEqual(Object.keys(s.models), ['routed-model-x'], 'the model that answered, not the one asked');
  assert.ok(windows.some((w) => w.ttft !== null && w.itl !== null && w.outputTokens > 0));
  // A tokenizer count was sampled and compared with usage.
  assert.notEqual(s.tokens.usageVsCountedDiffPct, null);
});

test('answers without usage are counted with the tokenizer (off the engine thread)', async () => {
  const { summary: s } = await run(
    scenario(mock.url, constantRate(20, 2000), [chat({ maxTokens: 20, body: { stream_options: null } })]),
  );
  assert.equal(s.requests.succeeded, s.requests.sent);
  assert.equal(s.tokens.fromUsage, 0);
  assert.equal(s.tokens.counted, s.metrics.output_tokens!.count);
  // The mock's 20 tokens are words; a real tokenizer counts them within a few.
  assert.ok(
    near(s.metrics.output_tokens!.count! / s.requests.sent, 20, 0.5),
    `tokens per answer ${s.metrics.output_tokens!.count! / s.requests.sent}`,
  );
  assert.equal(s.metrics.time_per_output_token!.count, s.requests.sent);
  assert.ok(s.metrics.output_tokens_per_second!.count! > 0);
});
