// Tool calls and reasoning through the real engine worker against the mock, in the OpenAI chat,
// Responses and Anthropic shapes: TTFT, TTFO, inter-token latency, output and reasoning tokens,
// each checked against what the mock was told and what it recorded answering (`stats().answers`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chat } from './scenario-fixtures';
import { close, INTERVAL, measure, messages, mock, OUT, REASONING, responses, TOOLS, useMock } from './dialect-helpers';

useMock();

for (const [name, make] of [
  ['chat', chat],
  ['responses', responses],
  ['messages', messages],
] as const) {
  test(`${name}: reasoning then a tool call — TTFT at the first reasoning delta, TTFO at the first tool-call delta`, async () => {
    mock().setConfig({ reasoningTokens: REASONING, toolCallRate: 1 });
    const { s, m, stats, wrote, overhead } = await measure(make({ tools: TOOLS[name], toolChoice: 'auto' }));
    const sent = s.requests.sent;
    assert.equal(stats.toolCalls, sent, 'every answer was a tool call');
    const told = stats.answers[0];
    assert.equal(told.reasoningTokens, REASONING);
    // Token i is due ttft + i × interval after the headers: reasoning first, the answer at i = REASONING.
    assert.ok(wrote.ttfo >= (told.ttftMs + REASONING * told.intervalMs) * 0.98, 'the mock is never early');
    close(m.time_to_first_token?.p50, wrote.ttft, 'ttft p50', overhead);
    close(m.time_to_first_output_token?.p50, wrote.ttfo, 'ttfo p50', overhead);
    // The thinking time shows as the gap (a difference of two medians: the overhead either way).
    const gap = m.time_to_first_output_token!.p50! - m.time_to_first_token!.p50!;
    const thinking = wrote.ttfo - wrote.ttft;
    assert.ok(
      Math.abs(gap - thinking) <= thinking * 0.1 + 5 + overhead,
      `ttfo − ttft: engine ${gap} vs mock ${thinking} (overhead ${overhead})`,
    );
    close(m.inter_token_latency?.avg, INTERVAL, 'itl avg');
    // Output tokens include reasoning (as usage reports them); tool-call argument deltas are output.
    assert.equal(m.output_tokens!.count, stats.outputTokens);
    assert.equal(m.output_tokens!.count, sent * (OUT + REASONING));
    assert.equal(m.reasoning_tokens!.count, stats.reasoningTokens);
    assert.equal(m.reasoning_tokens!.count, sent * REASONING);
    // Every reasoning and argument delta is a token event.
    assert.equal(m.inter_token_latency!.count, sent * (REASONING + OUT - 1));
  });
}

test('tool-call rate 0.5: tool-call and text answers alike give TTFT and output tokens', async () => {
  mock().setConfig({ reasoningTokens: 0, toolCallRate: 0.5 });
  const { s, m, stats, wrote, overhead } = await measure(chat({ tools: TOOLS.chat }));
  assert.ok(
    stats.toolCalls > 0 && stats.toolCalls < s.requests.sent,
    `tool calls ${stats.toolCalls} of ${s.requests.sent}`,
  );
  assert.equal(m.time_to_first_token!.count, s.requests.sent);
  close(m.time_to_first_token?.p50, wrote.ttft, 'ttft p50', overhead);
  assert.equal(m.output_tokens!.count, s.requests.sent * OUT);
});
