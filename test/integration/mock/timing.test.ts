// The mock keeps the time it was told: TTFT, token rate, non-streamed latency, latencyFactor,
// each measured from the client side with undici and held to 10%.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { post, timedStream, type TimedEvent } from './helpers';

function within(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= expected * tolerance, `${what}: ${actual.toFixed(1)} not within ${tolerance * 100}% of ${expected.toFixed(1)}`);
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** TTFT (first non-empty content) and output rate between first and last token, in tokens/s. */
function measure(events: TimedEvent[], tokenOf: (e: TimedEvent) => string | undefined): { ttft: number; rate: number; tokens: number } {
  const tokenEvents = events.filter((e) => !!tokenOf(e));
  const first = tokenEvents[0].at, last = tokenEvents.at(-1)!.at;
  return { ttft: first, rate: (tokenEvents.length - 1) / ((last - first) / 1000), tokens: tokenEvents.length };
}

const openaiToken = (e: TimedEvent): string | undefined => (e.data.startsWith('{') ? JSON.parse(e.data).choices[0]?.delta?.content : undefined);
const anthropicToken = (e: TimedEvent): string | undefined => (e.event === 'content_block_delta' ? JSON.parse(e.data).delta.text : undefined);

describe('mock timing', () => {
  let mock: MockServer;
  before(async () => { mock = await startMock({ port: 0, ttftMs: 200, tokensPerSecond: 50, outputTokens: 21, seed: 5 }); });
  after(() => mock.close());

  test('TTFT and token rate of OpenAI and Anthropic streams within 10%', async (t) => {
    // Warm up connections and JIT so the first measured stream is not paying for them.
    await Promise.all(Array.from({ length: 6 }, () => post(`${mock.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'x' }] })));
    const runs = await Promise.all([
      ...Array.from({ length: 4 }, () => timedStream(`${mock.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'x' }], stream: true }).then((r) => measure(r.events, openaiToken))),
      ...Array.from({ length: 2 }, () => timedStream(`${mock.url}/v1/messages`, { max_tokens: 100, messages: [{ role: 'user', content: 'x' }], stream: true }).then((r) => measure(r.events, anthropicToken))),
    ]);
    for (const r of runs) assert.equal(r.tokens, 21);
    t.diagnostic(`ttft ${mean(runs.map((r) => r.ttft)).toFixed(1)} ms, ${mean(runs.map((r) => r.rate)).toFixed(1)} tokens/s`);
    within(mean(runs.map((r) => r.ttft)), 200, 0.1, 'ttft');
    within(mean(runs.map((r) => r.rate)), 50, 0.1, 'tokens/s');
  });

  test('the role chunk comes with the headers, well before the first token', async () => {
    const { events, headersAt } = await timedStream(`${mock.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'x' }], stream: true, max_tokens: 1 });
    assert.ok(headersAt < 100, `headers after ${headersAt} ms`);
    assert.ok(events[0].at < 100, `role chunk after ${events[0].at} ms`);
    assert.ok(events[1].at >= 180, `first token after ${events[1].at} ms`);
  });

  test('latencyFactor 1.3 makes every delay 30% longer', async () => {
    mock.setConfig({ latencyFactor: 1.3 });
    try {
      const runs = await Promise.all(Array.from({ length: 4 }, () =>
        timedStream(`${mock.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'x' }], stream: true }).then((r) => measure(r.events, openaiToken))));
      within(mean(runs.map((r) => r.ttft)), 260, 0.1, 'ttft × 1.3');
      within(mean(runs.map((r) => r.rate)), 50 / 1.3, 0.1, 'tokens/s ÷ 1.3');
    } finally { mock.setConfig({ latencyFactor: 1 }); }
  });

  test('non-streamed latency: fixed, and a lognormal distribution', async () => {
    const timeOne = async (): Promise<number> => {
      const t0 = performance.now();
      const r = await post(`${mock.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'x' }] });
      assert.equal(r.status, 200);
      return performance.now() - t0;
    };
    mock.setConfig({ latencyMs: 120 });
    within(mean(await Promise.all(Array.from({ length: 5 }, timeOne))), 120, 0.1, 'fixed latency');
    mock.setConfig({ latencyMs: { dist: 'lognormal', mean: 60, stddev: 20 }, seed: 11 });
    // Rounds of 20 over warm keep-alive connections, so connection setup is not counted as latency.
    const xs: number[] = [];
    for (let round = 0; round < 3; round++) xs.push(...await Promise.all(Array.from({ length: 20 }, timeOne)));
    within(mean(xs), 60, 0.15, 'lognormal mean');
    assert.ok(Math.max(...xs) - Math.min(...xs) > 30, 'the latencies spread');
    mock.setConfig({ latencyMs: 0 });
  });
});
