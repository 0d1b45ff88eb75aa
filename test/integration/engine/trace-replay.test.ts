// Trace replay: a 1,000-row Mooncake-style trace written here is sent at its timestamps, with
// each row's input length (counted here with o200k) and output length (max_tokens).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { startMock, type MockServer } from '../../../src/mock/index';
import { seededRandom } from '../../../src/dialects/token-prompts';
import type { LoadSpec } from '../../../src/scenario/model';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { run } from './run-helpers';

let mock: MockServer;
const dir = mkdtempSync(join(tmpdir(), 'gl-trace-'));
before(async () => {
  mock = await startMock({ port: 0, latencyMs: 0, recordRequests: 5000 });
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

function traceLoad(file: string, speed = 1): LoadSpec {
  return {
    executor: 'trace',
    kind: 'open',
    stages: [],
    durationMs: 0,
    arrivals: 'uniform',
    gracefulStopMs: 5000,
    thinkTimeMs: 0,
    trace: { file, speed, columns: {} },
  };
}

test("a 1,000-row trace: every arrival on time (lateness p99 ≤ 5 ms) with the row's input and output lengths", async (t) => {
  const rand = seededRandom(4);
  const rows: Array<{ timestamp: number; input_length: number; output_length: number }> = [];
  let ms = 0;
  for (let i = 0; i < 1000; i++) {
    // Bursts of simultaneous arrivals and gaps up to 25 ms: ~10 s in all.
    if (rand() > 0.2) ms += Math.floor(rand() * 25);
    rows.push({
      timestamp: ms,
      input_length: 10 + Math.floor(rand() * 400),
      output_length: 1 + Math.floor(rand() * 40),
    });
  }
  const file = join(dir, 'mooncake.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify({ ...r, hash_ids: [1, 2] })).join('\n') + '\n');
  // The same machine's own noise, measured just before and after: an open model at the trace's mean
  // rate with prompts and answers of the trace's lengths (the mock counts every prompt: it costs).
  const like = chat({
    stream: false,
    prompt: { kind: 'tokens', seed: 2, tokens: { distribution: 'uniform', mean: 210, stddev: 115, min: 10, max: 409 } },
    maxTokensDist: { distribution: 'uniform', mean: 20, stddev: 11, min: 1, max: 40 },
  });
  const baseline = async (): Promise<number> =>
    (await run(scenario(mock.url, constantRate(Math.round(1000 / (ms / 1000)), 3000), [like]))).summary.generator
      .latenessP99Ms;
  const base1 = await baseline();
  mock.resetStats();
  const before = mock.requests().length;
  const { summary: s } = await run(scenario(mock.url, traceLoad(file), [chat({ stream: false, maxTokens: 100 })]));
  const got = mock
    .requests()
    .slice(before)
    .map((r) => {
      const content = (r.body.messages as Array<{ content: string }>).at(-1)!.content;
      return `${countTokens(content)}/${r.body.max_tokens as number}`;
    })
    .sort();
  const base = Math.max(base1, await baseline());
  t.diagnostic(
    `sent ${s.requests.sent} in ${s.durationMs} ms; lateness p99 ${s.generator.latenessP99Ms} ms (ELU max ${s.generator.eluMax}); open model at the same rate: ${base} ms`,
  );
  assert.equal(s.status, 'completed');
  assert.equal(
    s.requests.sent + (s.metrics.dropped_iterations?.count ?? 0),
    1000,
    'every row arrives (sent, or dropped at the connection cap)',
  );
  assert.equal(s.requests.succeeded, s.requests.sent);
  assert.ok(s.durationMs >= ms, `the run lasts the trace (${ms} ms)`);
  // 5 ms on a quiet machine (the bound); on a loaded one, within twice the open model's own lateness there.
  const bound = Math.max(5, 2 * base + 5);
  assert.ok(
    s.generator.latenessP99Ms <= bound,
    `send lateness p99 ${s.generator.latenessP99Ms} ms against the trace's times (bound ${bound} ms)`,
  );
  const want = new Set(rows.map((r) => `${r.input_length}/${r.output_length}`));
  assert.equal(got.length, s.requests.sent);
  assert.deepEqual(
    got.filter((g) => !want.has(g)),
    [],
    "each request has a row's lengths, to the token",
  );
  if (s.requests.sent === 1000) assert.deepEqual(got, rows.map((r) => `${r.input_length}/${r.output_length}`).sort());
  assert.equal(s.tokenLengths?.input.requested?.count, s.requests.sent);
});

test('speed 4 replays four times as fast; an Azure-style CSV with date timestamps is read', async () => {
  const file = join(dir, 'azure.csv');
  const lines = ['TIMESTAMP,ContextTokens,GeneratedTokens'];
  // 40 rows, one every 200 ms: 7.8 s of trace.
  for (let i = 0; i < 40; i++)
    lines.push(
      `2023-11-16 18:15:${String(10 + Math.floor(i / 5)).padStart(2, '0')}.${String((i % 5) * 200).padStart(3, '0')}0000,${20 + i},${1 + (i % 5)}`,
    );
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  const before = mock.requests().length;
  const { summary: s } = await run(scenario(mock.url, traceLoad(file, 4), [chat({ stream: false })]));
  assert.equal(s.requests.sent, 40);
  // 7.8 s of trace at speed 4: about 2 s.
  assert.ok(s.durationMs >= 1900 && s.durationMs < 5000, `duration ${s.durationMs}`);
  const got = mock
    .requests()
    .slice(before)
    .map((r) => countTokens((r.body.messages as Array<{ content: string }>).at(-1)!.content))
    .sort((a, b) => a - b);
  assert.deepEqual(
    got,
    Array.from({ length: 40 }, (_, i) => 20 + i),
  );
});
