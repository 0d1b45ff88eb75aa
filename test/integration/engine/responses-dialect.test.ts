// The openai-responses dialect through the real engine worker against the mock: TTFT, ITL and
// tokens on its typed event streams, within 10% of what the mock was told and recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { close, INTERVAL, measure, mock, OUT, REASONING, responses, TTFT, useMock } from './dialect-helpers';

useMock();

test('openai-responses streams: TTFT, ITL and tokens within 10% of what the mock was told', async () => {
  mock().setConfig({ reasoningTokens: 0, toolCallRate: 0 });
  const { s, m, stats, wrote, overhead } = await measure(responses());
  assert.ok(s.requests.sent >= 15);
  assert.ok(wrote.ttft >= TTFT * 0.98, 'the mock is never early');
  close(m.time_to_first_token?.p50, wrote.ttft, 'ttft p50', overhead);
  close(m.time_to_first_token?.p50, TTFT, 'ttft p50 vs told', overhead + wrote.ttft - TTFT);
  // Gaps on an absolute schedule average the interval even when a late timer batches two tokens.
  close(m.inter_token_latency?.avg, INTERVAL, 'itl avg');
  // Without reasoning the first output token is the first token.
  assert.equal(m.time_to_first_output_token!.p50, m.time_to_first_token!.p50);
  assert.equal(m.output_tokens!.count, s.requests.sent * OUT);
  assert.equal(m.output_tokens!.count, stats.outputTokens, 'the engine counted what the mock sent');
  assert.equal(m.reasoning_tokens!.count, 0);
  assert.equal(s.tokens.fromUsage, s.requests.sent * OUT, 'counts come from response.completed usage');
  assert.equal(m.inter_token_latency!.count, s.requests.sent * (OUT - 1));
  assert.deepEqual(Object.keys(s.models), ['gpt-4o-mini']);
});

test('openai-responses not streamed: tokens from usage, no TTFT', async () => {
  mock().setConfig({ reasoningTokens: REASONING, toolCallRate: 0 });
  const { s, m, stats } = await measure(responses({ stream: false }));
  assert.equal(m.output_tokens!.count, s.requests.sent * (OUT + REASONING));
  assert.equal(m.reasoning_tokens!.count, stats.reasoningTokens);
  assert.equal(m.reasoning_tokens!.count, s.requests.sent * REASONING);
  assert.equal(m.time_to_first_token, undefined);
  assert.equal(m.time_to_first_output_token, undefined);
});
