// Conversations and datasets end to end, judged by the mock's own record of what it received:
// each turn's messages are the previous turn's plus the answer the mock gave (verbatim) and a
// new user message, in closed and open models; ShareGPT and OpenAI-messages files drive runs.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock, type MockServer } from '../../../src/mock/index';
import { outputText } from '../../../src/mock/text';
import type { RecordedRequest } from '../../../src/mock/types';
import type { Summary } from '../../../src/protocol';
import type { RequestSpec } from '../../../src/scenario/model';
import { chat, constantRate, constantVus, scenario } from './scenario-fixtures';
import { run } from './run-helpers';

/** Answers are as long as max_tokens (up to 64), so varying max_tokens makes each answer distinct. */
const MOCK_OUTPUT = 64;
let mock: MockServer;
const dir = mkdtempSync(join(tmpdir(), 'gl-conv-'));

before(async () => {
  mock = await startMock({
    port: 0,
    latencyMs: 0,
    ttftMs: 2,
    tokensPerSecond: 0,
    outputTokens: MOCK_OUTPUT,
    recordRequests: 20000,
  });
});
after(async () => {
  await mock.close();
});
beforeEach(async () => {
  await fetch(`${mock.url}/__mock/reset`, { method: 'POST' });
});

type Msg = { role: string; content: string };
const messagesOf = (r: RecordedRequest): Msg[] => (r.body.messages ?? r.body.input) as Msg[];

/**
 * For every request beyond a first turn, the request it continues: one whose messages are its
 * messages minus the last two. Asserts the answer in between is what the mock answered, verbatim.
 * Two conversations may open with the same generated message (12-token slices of a 65k-token
 * corpus meet by the birthday bound: about 1 in 40 runs of this file), so a prefix may name several
 * requests; the answer must be one of theirs.
 */
function checkGrowth(reqs: RecordedRequest[], systemCount = 0): Map<number, number> {
  const byPrefix = new Map<string, RecordedRequest[]>();
  for (const r of reqs) {
    const key = JSON.stringify(messagesOf(r));
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), r]);
  }
  const counts = new Map<number, number>();
  for (const r of reqs) {
    const m = messagesOf(r);
    counts.set(m.length, (counts.get(m.length) ?? 0) + 1);
    assert.equal((m.length - systemCount) % 2, 1, `a turn ends with a user message (${m.length} messages)`);
    assert.equal(m[m.length - 1].role, 'user');
    if (m.length - systemCount === 1) continue;
    const prevs = byPrefix.get(JSON.stringify(m.slice(0, -2)));
    assert.ok(prevs, `turn with ${m.length} messages continues a request the mock received`);
    const answer = m[m.length - 2];
    assert.equal(answer.role, 'assistant');
    const answers = prevs.map((prev) =>
      outputText(Math.min(MOCK_OUTPUT, (prev.body.max_tokens ?? prev.body.max_output_tokens) as number)),
    );
    assert.ok(
      answers.includes(answer.content),
      `the previous answer, verbatim as the mock sent it: ${JSON.stringify(answer.content)} is none of ${JSON.stringify(answers)}`,
    );
  }
  return counts;
}

function convChat(extra: Partial<RequestSpec> = {}): RequestSpec {
  return chat({
    stream: true,
    prompt: undefined,
    maxTokensDist: { distribution: 'uniform', mean: 30, stddev: 10, min: 5, max: 60 },
    conversation: {
      turns: { min: 4, max: 4 },
      thinkTimeMs: 0,
      userTokens: { distribution: 'fixed', mean: 12, stddev: 0 },
      seed: 3,
    },
    ...extra,
  });
}

function turnsTable(s: Summary): void {
  const c = s.conversations!;
  assert.ok(c, 'the summary has conversations');
  const sent = c.turns.reduce((a, t) => a + t.count, 0);
  assert.equal(sent, s.requests.sent - (s.errors.cancelled ?? 0), 'every turn that ended is in the table');
}

test('closed model: each VU holds a conversation whose context grows by the answer it got', async (t) => {
  const req = convChat();
  const sc = scenario(mock.url, constantVus(3, 1500), [req]);
  sc.thresholds = [
    {
      metric: 'http_req_duration',
      tag: { key: 'turn', value: '3' },
      expression: 'p(95) < 10000',
      stat: 'p',
      percentile: 95,
      op: '<',
      value: 10000,
      abortOnFail: false,
      delayAbortEvalMs: 0,
    },
  ];
  const { summary: s } = await run(sc);
  assert.equal(s.status, 'completed');
  const counts = checkGrowth(mock.requests());
  t.diagnostic(`messages per request → requests: ${JSON.stringify([...counts])}`);
  for (const n of [1, 3, 5, 7]) assert.ok((counts.get(n) ?? 0) >= 3, `${n}-message turns were sent`);
  assert.ok(![...counts.keys()].some((n) => n > 7), 'no conversation went beyond 4 turns');
  turnsTable(s);
  const rows = s.conversations!.turns;
  assert.deepEqual(
    rows.map((r) => r.turn),
    [1, 2, 3, 4],
  );
  // Context grows turn by turn: 12 user tokens + the answer (5–60 tokens) per turn.
  for (let i = 1; i < rows.length; i++)
    assert.ok(rows[i].inputTokens!.mean > rows[i - 1].inputTokens!.mean + 12, `turn ${i + 1} sends more context`);
  assert.ok(s.conversations!.completed >= 3);
  assert.ok(s.metrics['http_req_duration{turn:3}']?.count === rows[2].count, 'the {turn:3} series counts turn 3');
  assert.equal(s.thresholds[0].ok, true);
});

for (const api of ['anthropic-messages', 'openai-responses'] as const) {
  test(`${api}: the context grows in the dialect's own shape`, async () => {
    const req = convChat({ api, name: api, path: api === 'anthropic-messages' ? '/v1/messages' : '/v1/responses' });
    const { summary: s } = await run(scenario(mock.url, constantVus(2, 800), [req]));
    assert.equal(s.requests.failed, 0, JSON.stringify(s.errorSamples));
    const counts = checkGrowth(mock.requests());
    for (const n of [1, 3, 5]) assert.ok((counts.get(n) ?? 0) >= 1, `${api}: ${JSON.stringify([...counts])}`);
  });
}

test('open model: a conversation per arrival, later turns scheduled thinkTime after the answer', async () => {
  const req = convChat({ conversation: { turns: { min: 3, max: 3 }, thinkTimeMs: 150, seed: 5 } });
  const { summary: s } = await run(scenario(mock.url, constantRate(20, 2000), [req]));
  assert.equal(s.status, 'completed');
  const reqs = mock.requests();
  const counts = checkGrowth(reqs);
  const first = counts.get(1) ?? 0;
  const c = s.conversations!;
  assert.equal(c.started, first, 'one conversation per first turn the mock saw');
  assert.ok(first >= 30, `about 40 arrivals in 2 s (${first})`);
  assert.ok((counts.get(3) ?? 0) >= first * 0.7 && (counts.get(5) ?? 0) >= first * 0.5, JSON.stringify([...counts]));
  // Every conversation is accounted for: finished, broken, dropped or cut by the end of the run.
  assert.equal(c.started, c.completed + c.broken + c.dropped + c.unfinished);
  assert.equal(s.requests.sent, reqs.length, 'later turns are arrivals of their own');
  turnsTable(s);
  // Follow-ups keep their own send lateness: thinkTime after the answer, not at the next arrival.
  const times = new Map<string, number>();
  for (const r of reqs) times.set(JSON.stringify(messagesOf(r)), r.atMs);
  const gaps = reqs
    .filter((r) => messagesOf(r).length > 1)
    .map((r) => r.atMs - times.get(JSON.stringify(messagesOf(r).slice(0, -2)))!);
  gaps.sort((a, b) => a - b);
  assert.ok(gaps[0] >= 140, `no later turn before its thinkTime (${gaps[0]} ms)`);
  assert.ok(gaps[Math.floor(gaps.length / 2)] < 600, `median gap ${gaps[Math.floor(gaps.length / 2)]} ms`);
});

test('a ShareGPT file drives conversations: user turns from the record, the server answers in the context', async () => {
  const file = join(dir, 'sharegpt.json');
  const records = [
    {
      id: 'a',
      conversations: [
        { from: 'human', value: 'What is a gateway?' },
        { from: 'gpt', value: 'A proxy.' },
        { from: 'human', value: 'And a load test?' },
        { from: 'gpt', value: 'Traffic.' },
      ],
    },
    {
      id: 'b',
      conversations: [
        { from: 'system', value: 'Be brief.' },
        { from: 'human', value: 'Hi' },
        { from: 'gpt', value: 'Hello' },
        { from: 'human', value: 'Tell me, "why"?\nOn two lines.' },
        { from: 'gpt', value: 'Because.' },
        { from: 'human', value: 'Thanks' },
      ],
    },
  ];
  writeFileSync(file, JSON.stringify(records, null, 2));
  const req = chat({
    stream: false,
    maxTokens: 7,
    prompt: { kind: 'dataset', path: file, format: 'sharegpt', replay: 'server' },
    conversation: { turns: { min: 1, max: 10 }, thinkTimeMs: 0, seed: 1 },
  });
  const { summary: s } = await run(scenario(mock.url, constantVus(2, 1000), [req]));
  assert.equal(s.status, 'completed');
  assert.equal(s.requests.failed, 0);
  const reqs = mock.requests();
  const users = new Set(
    reqs.flatMap((r) =>
      messagesOf(r)
        .filter((m) => m.role === 'user')
        .map((m) => m.content),
    ),
  );
  assert.deepEqual(
    [...users].sort(),
    ['And a load test?', 'Hi', 'Tell me, "why"?\nOn two lines.', 'Thanks', 'What is a gateway?'].sort(),
  );
  for (const r of reqs) {
    const m = messagesOf(r);
    if (m[0].content === 'Be brief.') assert.equal(m[0].role, 'system');
    for (const a of m.filter((x) => x.role === 'assistant'))
      assert.equal(a.content, outputText(7), 'the server’s answer');
  }
  assert.ok(
    reqs.some((r) => messagesOf(r).length === 6),
    'record b reached its third turn',
  );
  assert.ok(s.datasets![0].used >= 2 && s.datasets![0].wraps >= 1, JSON.stringify(s.datasets));
});

test('replay: recorded puts the record’s replies in the context', async () => {
  const file = join(dir, 'recorded.json');
  writeFileSync(
    file,
    JSON.stringify([
      {
        conversations: [
          { from: 'human', value: 'One' },
          { from: 'gpt', value: 'Uno' },
          { from: 'human', value: 'Two' },
        ],
      },
    ]),
  );
  const req = chat({
    stream: true,
    prompt: { kind: 'dataset', path: file, format: 'sharegpt', replay: 'recorded' },
    conversation: { turns: { min: 1, max: 10 }, thinkTimeMs: 0, seed: 1 },
  });
  const { summary: s } = await run(scenario(mock.url, constantVus(1, 500), [req]));
  assert.equal(s.requests.failed, 0);
  const second = mock.requests().filter((r) => messagesOf(r).length === 3);
  assert.ok(second.length > 0);
  for (const r of second)
    assert.deepEqual(messagesOf(r), [
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'Uno' },
      { role: 'user', content: 'Two' },
    ]);
});

test('an OpenAI-messages JSONL file drives single-turn requests (no conversation key)', async () => {
  const file = join(dir, 'chat.jsonl');
  const lines = [
    {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'ok' },
      ],
    },
    { messages: [{ role: 'user', content: [{ type: 'text', text: 'Second question' }] }] },
  ];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const req = chat({
    stream: false,
    prompt: { kind: 'dataset', path: file, format: 'openai-messages', replay: 'server' },
  });
  const { summary: s } = await run(scenario(mock.url, constantVus(2, 600), [req]));
  assert.equal(s.requests.failed, 0);
  const seen = new Set(mock.requests().map((r) => JSON.stringify(messagesOf(r))));
  assert.deepEqual(
    [...seen].sort(),
    [
      JSON.stringify([
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'First question' },
      ]),
      JSON.stringify([{ role: 'user', content: 'Second question' }]),
    ].sort(),
  );
});

test('a { prompt, output_tokens } JSONL file gives each request its prompt and max_tokens', async () => {
  const file = join(dir, 'prompts.jsonl');
  writeFileSync(file, '{"prompt":"alpha","output_tokens":3}\n{"prompt":"beta","output_tokens":9}\n');
  const req = chat({ stream: false, prompt: { kind: 'dataset', path: file, format: 'jsonl', replay: 'server' } });
  const { summary: s } = await run(scenario(mock.url, constantVus(1, 400), [req]));
  assert.equal(s.requests.failed, 0);
  for (const r of mock.requests()) {
    const m = messagesOf(r);
    assert.equal(r.body.max_tokens, m[0].content === 'alpha' ? 3 : 9);
  }
});

test('open model at capacity: later turns that find no free connection are dropped and counted', async () => {
  await fetch(`${mock.url}/__mock/config`, { method: 'POST', body: JSON.stringify({ latencyMs: 60 }) });
  try {
    // A later turn due at once would take the connection its own answer just freed; 40 ms later,
    // first turns arriving every 17 ms have taken it.
    const req = convChat({ stream: false, conversation: { turns: { min: 3, max: 3 }, thinkTimeMs: 40, seed: 2 } });
    const sc = scenario(mock.url, constantRate(60, 1000), [req]);
    sc.target.maxConnections = 3;
    const { summary: s } = await run(sc);
    const c = s.conversations!;
    assert.equal(c.started, c.completed + c.broken + c.dropped + c.unfinished, JSON.stringify(c));
    assert.ok(c.dropped > 0, `later turns were dropped at capacity (${JSON.stringify(c)})`);
    assert.ok(s.metrics.dropped_iterations.count! >= c.dropped, 'and counted among dropped iterations');
  } finally {
    await fetch(`${mock.url}/__mock/config`, { method: 'POST', body: JSON.stringify({ latencyMs: 0 }) });
  }
});
