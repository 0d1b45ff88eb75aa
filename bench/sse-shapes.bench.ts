// Reader cost per event for today's stream shapes: tool calls and reasoning in the OpenAI chat,
// Responses API and Anthropic forms, next to plain chat content (the existing hot path).
// `node --import tsx bench/sse-shapes.bench.ts` (BENCH_MS sets the time per row; run it alone).
// With `--json` it prints its rows as one JSON line last: `npm run bench` (run.ts) reads them.
import { loadavg } from 'node:os';
import { createReader, type ReaderOptions } from '../src/engine/ai/index';
import type { ApiDialect } from '../src/scenario/model';
import { blackhole, measure } from './measure';

const WORDS = ' the quick brown fox jumps over a lazy dog , and then — naïve café ✓ 42 tokens per second\n'.split(
  /(?= )/,
);
const word = (i: number): string => JSON.stringify(WORDS[i % WORDS.length]).slice(1, -1);

const CHAT_HEAD =
  '{"id":"chatcmpl-AZ9kQ2x7RbX1mYJ0cLk3pN8sTq4v","object":"chat.completion.chunk","created":1732612345,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1",';
const chatEv = (delta: string, usage = 'null'): string =>
  `data: ${CHAT_HEAD}"choices":[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":null}],"usage":${usage}}\n\n`;

/** Chat: `reasoning` reasoning_content deltas, then `tokens` content or tool-call argument deltas. */
function chat(reasoning: number, tokens: number, tool: boolean): string {
  let s = chatEv('{"role":"assistant","content":""}');
  for (let i = 0; i < reasoning; i++) s += chatEv(`{"reasoning_content":"${word(i)}"}`);
  for (let i = 0; i < tokens; i++) {
    if (!tool) s += chatEv(`{"content":"${word(i)}"}`);
    else if (i === 0)
      s += chatEv(
        '{"tool_calls":[{"index":0,"id":"call_Q2x7RbX1","type":"function","function":{"name":"get_weather","arguments":"{\\"q\\":\\""}}]}',
      );
    else s += chatEv(`{"tool_calls":[{"index":0,"function":{"arguments":"${word(i)}"}}]}`);
  }
  s += chatEv(`{},"logprobs":null,"finish_reason":"${tool ? 'tool_calls' : 'stop'}"}],"x":{`, 'null').replace(
    ',"logprobs":null,"finish_reason":null}],"x":{',
    '',
  );
  s += `data: ${CHAT_HEAD}"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":${reasoning + tokens},"total_tokens":${9 + reasoning + tokens},"completion_tokens_details":{"reasoning_tokens":${reasoning}}}}\n\n`;
  return `${s}data: [DONE]\n\n`;
}

/** Responses API: reasoning summary deltas, then text or function-call argument deltas, completed. */
function responses(reasoning: number, tokens: number, tool: boolean): string {
  let seq = 0;
  const ev = (type: string, rest: string): string =>
    `event: ${type}\ndata: {"type":"${type}","sequence_number":${seq++},${rest}}\n\n`;
  const r =
    '"id":"resp_67ccd2bed1ec8190","object":"response","created_at":1741476542,"status":"STATUS","model":"gpt-5-mini-2025-08-07"';
  let s = ev('response.created', `"response":{${r.replace('STATUS', 'in_progress')},"output":[],"usage":null}`);
  for (let i = 0; i < reasoning; i++)
    s += ev(
      'response.reasoning_summary_text.delta',
      `"item_id":"rs_67ccd2bf17f0","output_index":0,"summary_index":0,"delta":"${word(i)}"`,
    );
  for (let i = 0; i < tokens; i++) {
    s += tool
      ? ev(
          'response.function_call_arguments.delta',
          `"item_id":"fc_67ccd3acc8d4","output_index":1,"delta":"${word(i)}"`,
        )
      : ev(
          'response.output_text.delta',
          `"item_id":"msg_67ccd2bf17f0","output_index":1,"content_index":0,"delta":"${word(i)}","logprobs":[]`,
        );
  }
  let all = '';
  for (let i = 0; i < tokens; i++) all += word(i);
  return (
    s +
    ev(
      'response.completed',
      `"response":{${r.replace('STATUS', 'completed')},"output":[{"type":"message","content":[{"type":"output_text","text":"${all}"}]}],"usage":{"input_tokens":9,"output_tokens":${reasoning + tokens},"output_tokens_details":{"reasoning_tokens":${reasoning}},"total_tokens":${9 + reasoning + tokens}}}`,
    )
  );
}

/** Anthropic: a thinking block, then a text or tool_use block. */
function anthropic(reasoning: number, tokens: number, tool: boolean): string {
  const ev = (name: string, data: string): string => `event: ${name}\ndata: ${data}\n\n`;
  let s = ev(
    'message_start',
    '{"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":9,"output_tokens":1}}}',
  );
  if (reasoning)
    s += ev(
      'content_block_start',
      '{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}',
    );
  for (let i = 0; i < reasoning; i++)
    s += ev(
      'content_block_delta',
      `{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"${word(i)}"}}`,
    );
  if (reasoning)
    s +=
      ev(
        'content_block_delta',
        '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}',
      ) + ev('content_block_stop', '{"type":"content_block_stop","index":0}');
  for (let i = 0; i < tokens; i++) {
    s += tool
      ? ev(
          'content_block_delta',
          `{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"${word(i)}"}}`,
        )
      : ev(
          'content_block_delta',
          `{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"${word(i)}"}}`,
        );
  }
  return (
    s +
    ev(
      'message_delta',
      `{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":${reasoning + tokens}}}`,
    ) +
    ev('message_stop', '{"type":"message_stop"}')
  );
}

function perEvent(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    const e = bytes.indexOf('\n\n', i) + 2;
    out.push(bytes.subarray(i, e));
    i = e;
  }
  return out;
}

const onGap = (ms: number): void => {
  blackhole.sink += ms;
};

function runOnce(api: ApiDialect, chunks: Buffer[], opts: ReaderOptions): number {
  const r = createReader(api, true, 'text/event-stream', opts);
  let t = 0;
  for (const c of chunks) r.onData(c, t++);
  const res = r.finish(t, true);
  if (!res.ok) throw new Error(`${api}: ${res.error}`);
  return res.tokenEvents + (res.outputTokens ?? 0) + (res.reasoningTokens ?? 0);
}

const budgetMs = Number(process.env.BENCH_MS ?? 500);
const SHAPES: Array<[string, ApiDialect, string]> = [
  ['chat content (baseline)', 'openai-chat', chat(0, 50, false)],
  ['chat tool call', 'openai-chat', chat(0, 50, true)],
  ['chat reasoning + content', 'openai-chat', chat(50, 50, false)],
  ['responses text', 'openai-responses', responses(0, 50, false)],
  ['responses reasoning + tool call', 'openai-responses', responses(50, 50, true)],
  ['anthropic thinking + text', 'anthropic-messages', anthropic(50, 50, false)],
  ['anthropic thinking + tool_use', 'anthropic-messages', anthropic(50, 50, true)],
];
const rows: string[][] = [['stream (1 chunk per event)', 'events', 'ns/event', 'no text kept']];
for (const [name, api, text] of SHAPES) {
  const chunks = perEvent(Buffer.from(text));
  const [full, lean] = measure(
    [
      () => runOnce(api, chunks, { needBody: false, needText: false, onGap }),
      () => runOnce(api, chunks, { needBody: false, needText: false, tokenCount: 'never', onGap }),
    ],
    chunks.length,
    budgetMs,
    40,
  );
  rows.push([name, String(chunks.length), full.toFixed(0), lean.toFixed(0)]);
}
if (process.argv.includes('--json')) {
  const out = rows.slice(1).map(([name, events, ns, lean]) => ({ name, events: +events, ns: +ns, lean: +lean }));
  console.log(JSON.stringify({ rows: out }));
  process.exit(0);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`node ${process.version}, load average ${loadavg()[0].toFixed(1)} (best rounds; compare within one run)`);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
if (blackhole.sink === 42) console.log('');
