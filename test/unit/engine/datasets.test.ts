// Dataset readers: the incremental scanners cut the same records out of a file however its bytes
// are chunked, report bad items at their line, and the feed reads a large file only as far as the
// records it hands out (never the whole file).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { checkHead, scannerFor, toRecord, type DatasetItem } from '../../../src/scenario/dataset-format';
import { DatasetFeed } from '../../../src/engine/dataset-feed';
import { spliceContext, TURN_MARK } from '../../../src/engine/conversation-plan';
import { buildBody } from '../../../src/dialects/body';
import type { DatasetFormat, RequestSpec } from '../../../src/scenario/model';

const dir = mkdtempSync(join(tmpdir(), 'gl-ds-'));

function scanAll(format: DatasetFormat, chunks: string[]): DatasetItem[] {
  const s = scannerFor(format);
  const out: DatasetItem[] = [];
  for (const c of chunks) s.push(c, out);
  s.end(out);
  return out;
}

const SHAREGPT = [
  {
    id: 'x',
    conversations: [
      { from: 'system', value: 'sys' },
      { from: 'human', value: 'a "quoted" [bracket] {brace} \\ back' },
      { from: 'gpt', value: 'reply ]}' },
      { from: 'human', value: 'second\nline' },
    ],
  },
  {
    conversations: [
      { from: 'user', value: 'é 日本' },
      { from: 'chatgpt', value: 'ok' },
    ],
  },
];

describe('dataset scanners', () => {
  test('a ShareGPT array gives the same records at every chunk boundary', () => {
    const text = JSON.stringify(SHAREGPT, null, 2);
    const whole = scanAll('sharegpt', [text]);
    assert.deepEqual(
      whole.map((i) => ('record' in i ? i.record : i)),
      [
        {
          system: 'sys',
          turns: [{ user: 'a "quoted" [bracket] {brace} \\ back', assistant: 'reply ]}' }, { user: 'second\nline' }],
        },
        { turns: [{ user: 'é 日本', assistant: 'ok' }] },
      ],
    );
    assert.deepEqual(
      whole.map((i) => i.line),
      [2, 23],
    );
    for (let cut = 1; cut < text.length; cut++)
      assert.deepEqual(scanAll('sharegpt', [text.slice(0, cut), text.slice(cut)]), whole, `split at ${cut}`);
  });

  test('JSONL: CRLF, blank lines and a BOM; a bad line is reported at its number', () => {
    const text =
      '\uFEFF{"prompt":"a","output_tokens":5}\r\n\r\n{"prompt":"b"}\nnot json\n{"text":"c"}\n{"prompt":"d","output_tokens":0}';
    const items = scanAll('jsonl', [...text]);
    assert.deepEqual(items, [
      { line: 1, record: { turns: [{ user: 'a' }], outputTokens: 5 } },
      { line: 3, record: { turns: [{ user: 'b' }] } },
      { line: 4, error: 'not valid JSON' },
      { line: 5, error: 'expected a "prompt" string' },
      { line: 6, error: '"output_tokens" must be a whole number of at least 1' },
    ]);
  });

  test('OpenAI messages: content parts, tool messages skipped, no user message is an error', () => {
    assert.deepEqual(
      toRecord('openai-messages', {
        messages: [
          { role: 'system', content: 's' },
          {
            role: 'user',
            content: [{ type: 'text', text: 'he' }, { type: 'image_url' }, { type: 'text', text: 'llo' }],
          },
          { role: 'assistant', content: null, tool_calls: [] },
          { role: 'tool', content: 'x' },
          { role: 'assistant', content: 'hi' },
        ],
      }),
      { system: 's', turns: [{ user: 'hello', assistant: 'hi' }] },
    );
    assert.equal(
      toRecord('openai-messages', { messages: [{ role: 'assistant', content: 'x' }] }),
      'the record has no user message',
    );
    assert.match(toRecord('sharegpt', [1]) as string, /expected an object/);
  });

  test('a file head is judged on what it holds whole', () => {
    const text = JSON.stringify(SHAREGPT);
    assert.equal(
      checkHead('sharegpt', text.slice(0, text.length - 20), false),
      null,
      'a record cut by the head is not an error',
    );
    assert.deepEqual(checkHead('sharegpt', text.slice(0, -20), true), {
      line: 1,
      error: 'the file ends inside this record',
    });
    assert.deepEqual(checkHead('sharegpt', '{"conversations": []}', true), {
      line: 1,
      error: 'a sharegpt file is one JSON array: expected [',
    });
    assert.deepEqual(
      checkHead('openai-messages', '{"messages":[{"role":"user","content":"a"}]}\n{"prompt":"x"}\n{"mess', false),
      {
        line: 2,
        error: 'expected a "messages" list',
      },
    );
  });
});

describe('dataset feed', () => {
  test('a large file is read only as far as the records handed out', async () => {
    // ~40 MB ShareGPT array, written in pieces (never built in memory whole).
    const file = join(dir, 'large.json');
    const out = createWriteStream(file);
    const filler = 'lorem ipsum '.repeat(300);
    out.write('[');
    for (let i = 0; i < 10_000; i++) {
      const rec = {
        id: i,
        conversations: [
          { from: 'human', value: `q${i} ${filler}` },
          { from: 'gpt', value: filler },
        ],
      };
      if (!out.write((i ? ',\n' : '\n') + JSON.stringify(rec))) await once(out, 'drain');
    }
    out.end(']\n');
    await once(out, 'finish');
    const size = statSync(file).size;
    assert.ok(size > 40e6, `${size} bytes`);
    const heapBefore = process.memoryUsage().heapUsed;
    const feed = new DatasetFeed({ path: file, format: 'sharegpt', replay: 'server' }, 64);
    await feed.prepare();
    for (let i = 0; i < 200; i++) {
      assert.equal(feed.next().turns[0].user.split(' ')[0], `q${i}`);
      // Requests come at a pace (here about one per millisecond); the feed refills between them.
      await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => setTimeout(r, 50));
    feed.close();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(feed.bytesRead < 3e6, `read ${feed.bytesRead} of ${size} bytes for 200 records`);
    assert.ok(heapGrowth < 30e6, `heap grew ${heapGrowth} bytes`);
    assert.equal(feed.stats.used, 200);
    assert.equal(feed.stats.underruns, 0);
  });

  test('a small file wraps around; bad items are skipped and counted once', async () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(file, '{"prompt":"a"}\n{"nope":1}\n{"prompt":"b"}\n');
    const feed = new DatasetFeed({ path: file, format: 'jsonl', replay: 'server' }, 8);
    await feed.prepare();
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      seen.push(feed.next().turns[0].user);
      await new Promise((r) => setImmediate(r));
    }
    feed.close();
    assert.deepEqual(seen, ['a', 'b', 'a', 'b', 'a', 'b']);
    assert.equal(feed.stats.skipped, 1);
    assert.equal(feed.stats.firstError, 'line 2: expected a "prompt" string');
    assert.equal(feed.stats.records, 2);
    assert.equal(feed.stats.wraps, 2, 'six records of a two-record file: past its end twice');
  });

  test('a file with no record is refused before the run', async () => {
    const file = join(dir, 'empty.jsonl');
    writeFileSync(file, '{"nope":1}\n');
    await assert.rejects(
      new DatasetFeed({ path: file, format: 'jsonl', replay: 'server' }).prepare(),
      /holds no jsonl records \(line 1: expected a "prompt" string\)/,
    );
    await assert.rejects(
      new DatasetFeed({ path: join(dir, 'missing.json'), format: 'sharegpt', replay: 'server' }).prepare(),
      /Cannot read dataset/,
    );
  });
});

describe('turn bodies', () => {
  const context = [
    { role: 'user' as const, content: 'one "1"' },
    { role: 'assistant' as const, content: 'uno' },
    { role: 'user' as const, content: 'two' },
  ];
  const spec = (api: RequestSpec['api']): RequestSpec => ({
    name: 'r',
    weight: 1,
    api,
    method: 'POST',
    path: '',
    model: 'm',
    stream: true,
    maxTokens: 9,
    system: 'sys',
    headers: {},
    checks: [],
  });
  test('chat, messages and responses carry the whole context in their own shape', () => {
    const chat = JSON.parse(
      spliceContext('openai-chat', JSON.stringify(buildBody(spec('openai-chat'), TURN_MARK)), context)!,
    );
    assert.deepEqual(chat.messages, [{ role: 'system', content: 'sys' }, ...context]);
    const anth = JSON.parse(
      spliceContext('anthropic-messages', JSON.stringify(buildBody(spec('anthropic-messages'), TURN_MARK)), context)!,
    );
    assert.deepEqual(anth.messages, context);
    assert.equal(anth.system, 'sys');
    const resp = JSON.parse(
      spliceContext('openai-responses', JSON.stringify(buildBody(spec('openai-responses'), TURN_MARK)), context)!,
    );
    assert.deepEqual(resp.input, context);
    assert.equal(resp.instructions, 'sys');
  });
  test('a body without the user message is not spliced', () => {
    assert.equal(spliceContext('openai-chat', '{"messages":[]}', context), null);
  });
});
