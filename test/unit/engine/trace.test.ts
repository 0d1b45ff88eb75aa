// Trace files: the public traces' columns and time formats, read as a stream.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTraceTime, splitCsv, TraceReader } from '../../../src/engine/trace';

const dir = mkdtempSync(join(tmpdir(), 'gl-trace-u-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

async function readAll(name: string, text: string, extra: Partial<ConstructorParameters<typeof TraceReader>[0]> = {}) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = new TraceReader({ file, speed: 1, columns: {}, ...extra });
  const rows = [];
  for (let batch = await r.next(2); batch.length; batch = await r.next(2)) rows.push(...batch);
  return { rows, reader: r };
}

describe('trace reader', () => {
  test('Azure LLM inference trace: TIMESTAMP dates with 7 fractional digits, ContextTokens, GeneratedTokens', async () => {
    const { rows } = await readAll(
      'azure.csv',
      '\ufeffTIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:15:46.6805900,374,44\r\n2023-11-16 18:15:50.9951690,396,109\r\n',
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], { atMs: 0, input: 374, output: 44 });
    assert.ok(Math.abs(rows[1].atMs - 4314.579) < 0.01, `${rows[1].atMs}`);
    assert.equal(rows[1].input, 396);
  });

  test('Mooncake JSONL: timestamp in ms, input_length, output_length; speed scales the times', async () => {
    const { rows } = await readAll(
      'm.jsonl',
      '{"timestamp": 0, "input_length": 6755, "output_length": 500, "hash_ids": [0]}\n\n{"timestamp": 3052, "input_length": 7319, "output_length": 490}\n',
      { speed: 2 },
    );
    assert.deepEqual(rows, [
      { atMs: 0, input: 6755, output: 500 },
      { atMs: 1526, input: 7319, output: 490 },
    ]);
  });

  test('BurstGPT CSV: Timestamp in seconds, Request tokens, Response tokens (0 = failed answer: no max_tokens)', async () => {
    const { rows } = await readAll(
      'b.csv',
      'Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,ChatGPT,472,18,490,Conversation log\n45,ChatGPT,1087,0,1087,Conversation log\n',
    );
    assert.deepEqual(rows, [
      { atMs: 0, input: 472, output: 18 },
      { atMs: 40_000, input: 1087 },
    ]);
  });

  test('named columns and units; rows going back in time are sent at once and counted; unreadable rows skipped', async () => {
    const { rows, reader } = await readAll('c.csv', 't,in,out\n1,10,2\n3,20,3\n2,30,4\nx,1,1\n', {
      columns: { time: 't', input: 'in', output: 'out' },
      timeUnit: 's',
    });
    assert.deepEqual(
      rows.map((r) => r.atMs),
      [0, 2000, 2000],
    );
    assert.equal(reader.backwards, 1);
    assert.equal(reader.skipped, 1);
    await assert.rejects(
      readAll('d.csv', 'when,n\n1,2\n'),
      /no time column \(looked for TIMESTAMP, timestamp, Timestamp\)/,
    );
    await assert.rejects(
      readAll('e.csv', 'timestamp,n\n1,2\n', { columns: { input: 'tokens' } }),
      /no column 'tokens'/,
    );
  });

  test('CSV quotes and time formats', () => {
    assert.deepEqual(splitCsv('a,"b,c","d""e"'), ['a', 'b,c', 'd"e']);
    assert.equal(parseTraceTime('1.5', 1000), 1500);
    assert.equal(parseTraceTime(2, 1), 2);
    assert.equal(parseTraceTime('2023-11-16T00:00:01.25', 1)! - parseTraceTime('2023-11-16 00:00:00', 1)!, 1250);
    assert.equal(parseTraceTime('soon', 1), null);
  });
});
