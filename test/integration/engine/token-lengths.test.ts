// Lengths in tokens end to end: prompts generated to the token and answers of planned lengths,
// against the mock, which counts prompts with its own o200k tokenizer and honours min_tokens.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, constantVus, scenario } from './scenario-fixtures';
import { near, run } from './run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, latencyMs: 0, outputTokens: 64, recordRequests: 20000 });
  // Loads the mock's tokenizer before the run (it takes a moment), then forgets the request.
  await fetch(`${mock.url}/v1/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ messages: [{ role: 'user', content: 'warm up' }] }),
  });
  await fetch(`${mock.url}/__mock/reset`, { method: 'POST' });
});
after(async () => {
  await mock.close();
});

function moments(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
}

test('tokens { mean 300, stddev 50 } and maxTokens { mean 150, stddev 20 } are served as asked, to the token', async (t) => {
  mock.resetStats();
  const request = chat({
    stream: false,
    maxTokens: 150,
    exactOutput: true,
    prompt: { kind: 'tokens', seed: 11, tokens: { distribution: 'normal', mean: 300, stddev: 50 } },
    maxTokensDist: { distribution: 'normal', mean: 150, stddev: 20 },
  });
  // A closed loop: how fast the machine is does not matter, only the lengths (a few hundred requests at
  // least). The think time keeps a fast machine within the mock's 20,000 recorded requests.
  const { summary: s } = await run(scenario(mock.url, constantVus(8, 6000, { thinkTimeMs: 5 }), [request]));
  assert.equal(s.status, 'completed');
  assert.equal(s.requests.succeeded, s.requests.sent);
  const L = s.tokenLengths!;
  const inReq = L.input.requested!;
  const inServed = L.input.served!;
  const outServed = L.output.served!;
  assert.equal(inReq.count, s.requests.sent);
  // Seed 11's draws: mean and stddev within 2–3% of the asked from the 90th request on.
  assert.ok(s.requests.sent >= 100, `enough requests to judge a stddev (${s.requests.sent})`);
  t.diagnostic(
    `${s.requests.sent} requests; input requested ${inReq.mean}±${inReq.stddev}, served ${inServed.mean}±${inServed.stddev}; output served ${outServed.mean}±${outServed.stddev}`,
  );
  // Served input = the prompt's tokens + 7 of chat framing (3 per message + the role + 3 priming).
  assert.equal(L.input.overheadMean, 7);
  assert.ok(near(inServed.mean, 300, 0.05), `served input mean ${inServed.mean}`);
  assert.ok(near(inServed.stddev, 50, 0.05), `served input stddev ${inServed.stddev}`);
  assert.ok(near(outServed.mean, 150, 0.05), `served output mean ${outServed.mean}`);
  assert.ok(near(outServed.stddev, 20, 0.05), `served output stddev ${outServed.stddev}`);
  assert.equal(L.output.shortAnswers, 0, 'min_tokens/ignore_eos: no answer ended early (the mock would stop at 64)');
  assert.deepEqual(L.output.served, L.output.requested);
  assert.ok(inReq.p50 < inReq.p90 && inReq.p90 < inReq.p99);
  // Every prompt the mock received, counted by this test: the same distribution as planned, exactly.
  const prompts = mock.requests().map((r) => (r.body.messages as Array<{ content: string }>).at(-1)!.content);
  assert.equal(prompts.length, s.requests.sent);
  const counted = prompts.map((p) => countTokens(p));
  const m = moments(counted);
  assert.equal(Math.round(m.mean * 1000) / 1000, inReq.mean);
  assert.equal(Math.min(...counted), inReq.min);
  assert.equal(Math.max(...counted), inReq.max);
  // A prompt is a slice of a seeded text: the same start and length can recur by chance, rarely.
  assert.ok(
    new Set(prompts).size >= prompts.length * 0.98,
    `prompts vary: ${new Set(prompts).size} distinct of ${prompts.length}`,
  );
  assert.equal(
    mock.stats().promptTokens,
    counted.reduce((a, b) => a + b, 0) + 7 * counted.length,
    "the mock's usage: the sent tokens plus framing",
  );
});

test('shared prefixes: each prompt starts with one of the groups, and TTFT is split by group', async () => {
  const before = mock.requests().length;
  const request = chat({
    stream: true,
    maxTokens: 5,
    prompt: {
      kind: 'tokens',
      seed: 3,
      tokens: { distribution: 'fixed', mean: 30, stddev: 0 },
      prefix: { tokens: 500, groups: 4 },
    },
  });
  const { summary: s } = await run(scenario(mock.url, constantVus(4, 2000, { thinkTimeMs: 5 }), [request]));
  assert.equal(s.requests.succeeded, s.requests.sent);
  const groups = s.tokenLengths!.ttftByPrefixGroup;
  assert.deepEqual(
    groups.map((g) => g.group),
    [0, 1, 2, 3],
  );
  assert.equal(
    groups.reduce((a, g) => a + g.count, 0),
    s.requests.sent,
  );
  const prompts = mock
    .requests()
    .slice(before)
    .map((r) => (r.body.messages as Array<{ content: string }>).at(-1)!.content);
  const prefixes = new Set(prompts.map((p) => p.slice(0, 200)));
  assert.equal(prefixes.size, 4, 'four distinct prefixes');
  for (const p of prompts.slice(0, 50)) assert.equal(countTokens(p), 530);
});
