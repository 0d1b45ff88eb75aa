// SSE reader micro-benchmark: the engine's byte-level reader against a naive reader (decode,
// split lines, JSON.parse every event) on the same OpenAI chat streams, split into random-size
// chunks, in the same run. Prints ns per event and the ratio.
// Run: node --import tsx bench/sse-reader.bench.ts
import { loadavg } from 'node:os';
import { createReader, type ReaderOptions } from '../src/engine/ai/index';
import { blackhole, measure } from './measure';

const WORDS = ' the quick brown fox jumps over a lazy dog , and then — naïve café ✓ 42 tokens per second\n'.split(
  /(?= )/,
);

/** A realistic OpenAI chat stream with `tokens` content events (plus role, finish, usage, [DONE]). */
function openAiStream(tokens: number): { bytes: Buffer; events: number } {
  const head =
    '{"id":"chatcmpl-AZ9kQ2x7RbX1mYJ0cLk3pN8sTq4v","object":"chat.completion.chunk","created":1732612345,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1",';
  const ev = (choices: string, usage = 'null') => `data: ${head}"choices":${choices},"usage":${usage}}\n\n`;
  let s = ev(
    '[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]',
  );
  for (let i = 0; i < tokens; i++) {
    s += ev(
      `[{"index":0,"delta":{"content":${JSON.stringify(WORDS[i % WORDS.length])}},"logprobs":null,"finish_reason":null}]`,
    );
  }
  s += ev('[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]');
  s += ev(
    '[]',
    `{"prompt_tokens":31,"completion_tokens":${tokens},"total_tokens":${31 + tokens},"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}`,
  );
  s += 'data: [DONE]\n\n';
  return { bytes: Buffer.from(s), events: tokens + 4 };
}

/** Splits into chunks of 1..maxChunk bytes from a fixed-seed generator (same splits for both readers). */
function split(bytes: Buffer, maxChunk: number, seed: number): Buffer[] {
  let x = seed >>> 0 || 1;
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const n = 1 + (x % maxChunk);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

/** One chunk per SSE event. */
function perEvent(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    const e = bytes.indexOf('\n\n', i) + 2;
    out.push(bytes.subarray(i, e));
    i = e;
  }
  return out;
}

/** What most clients do: text-decode, split on blank lines, JSON.parse each event. */
class NaiveReader {
  private dec = new TextDecoder();
  private pending = '';
  firstTokenAt: number | null = null;
  lastTokenAt: number | null = null;
  tokens = 0;
  outputTokens: number | null = null;
  model: string | null = null;
  done = false;
  constructor(private readonly onGap: (ms: number) => void) {}
  onData(chunk: Uint8Array, now: number): void {
    this.pending += this.dec.decode(chunk, { stream: true });
    let i: number;
    while ((i = this.pending.indexOf('\n\n')) >= 0) {
      const event = this.pending.slice(0, i);
      this.pending = this.pending.slice(i + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') {
          this.done = true;
          continue;
        }
        const o = JSON.parse(data) as {
          model?: string;
          usage?: { completion_tokens?: number } | null;
          choices?: Array<{ delta?: { content?: string } }>;
        };
        if (this.model === null && o.model !== undefined) this.model = o.model;
        if (o.usage) this.outputTokens = o.usage.completion_tokens ?? null;
        const c = o.choices?.[0]?.delta?.content;
        if (c) {
          if (this.lastTokenAt !== null) this.onGap(now - this.lastTokenAt);
          else this.firstTokenAt = now;
          this.lastTokenAt = now;
          this.tokens++;
        }
      }
    }
  }
}

const onGap = (ms: number): void => {
  blackhole.sink += ms;
};

function runOurs(chunks: Buffer[], opts: ReaderOptions): number {
  const r = createReader('openai-chat', true, 'text/event-stream', opts);
  let t = 0;
  for (const c of chunks) r.onData(c, t++);
  const res = r.finish(t, true);
  if (!res.ok) throw new Error(res.error);
  return res.tokenEvents + (res.outputTokens ?? 0);
}

function runNaive(chunks: Buffer[]): number {
  const r = new NaiveReader(onGap);
  let t = 0;
  for (const c of chunks) r.onData(c, t++);
  if (!r.done) throw new Error('naive: no [DONE]');
  return r.tokens + (r.outputTokens ?? 0);
}

const budgetMs = Number(process.env.BENCH_MS ?? 700);
const rows: string[][] = [['stream', 'chunks', 'naive ns/event', 'ours ns/event', 'ours, no text kept', 'naive/ours']];
// maxChunk 0: one chunk per event, as a server flushing each token delivers them.
for (const [tokens, maxChunk] of [
  [20, 512],
  [200, 512],
  [20, 64],
  [200, 4096],
  [20, 0],
  [200, 0],
] as const) {
  const { bytes, events } = openAiStream(tokens);
  const chunks = maxChunk === 0 ? perEvent(bytes) : split(bytes, maxChunk, 0x9e3779b9 + tokens);
  const [naive, ours, lean] = measure(
    [
      () => runNaive(chunks),
      () => runOurs(chunks, { needBody: false, needText: false, onGap }),
      () => runOurs(chunks, { needBody: false, needText: false, onGap, tokenCount: 'never' }),
    ],
    events,
    budgetMs,
  );
  rows.push([
    `${events} events (${bytes.length} B)`,
    maxChunk === 0 ? `${chunks.length} (1 per event)` : `${chunks.length} (1–${maxChunk} B)`,
    naive.toFixed(0),
    ours.toFixed(0),
    lean.toFixed(0),
    `${(naive / ours).toFixed(1)}×`,
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(
  `node ${process.version}, load average ${loadavg()[0].toFixed(1)} (figures are best rounds; compare within one run)`,
);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
if (blackhole.sink === 42) console.log('');
