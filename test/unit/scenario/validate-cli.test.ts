// `gateway-load validate`: output formats and exit codes, run in-process over real files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/validate';

const root = join(__dirname, '..', '..', '..');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = process.stdout.write.bind(process.stdout);
  const ewrite = process.stderr.write.bind(process.stderr);
  const log = console.log;
  const error = console.error;
  process.stdout.write = ((s: string) => {
    out += s;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => {
    err += s;
    return true;
  }) as typeof process.stderr.write;
  console.log = (...a: unknown[]) => {
    out += `${a.join(' ')}\n`;
  };
  console.error = (...a: unknown[]) => {
    err += `${a.join(' ')}\n`;
  };
  try {
    return { code: await main(argv), out, err };
  } finally {
    process.stdout.write = write;
    process.stderr.write = ewrite;
    console.log = log;
    console.error = error;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'gl-validate-'));
const bad = join(dir, 'bad.load.yaml');
writeFileSync(
  bad,
  'name: x\ntarget: { baseUrl: http://127.0.0.1:1 }\nload:\n  executr: constant-vus\nrequests:\n  - model: m\n    prompt: { file: missing.jsonl }\n',
);
const warnOnly = join(dir, 'warn.load.yaml');
writeFileSync(
  warnOnly,
  'target: { baseUrl: http://127.0.0.1:1 }\nload: { executor: constant-vus, vus: 1, duration: 1s }\nrequests:\n  - prompt: hi\n',
);

describe('gateway-load validate', () => {
  test('clean examples: exit 0, nothing on stdout', async () => {
    const r = await run([
      join(root, 'examples', 'streaming-chat.load.yaml'),
      join(root, 'examples', 'baseline.load.yaml'),
    ]);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    assert.match(r.err, /2 files checked: 0 errors, 0 warnings/);
  });
  test('text: file:line:col: severity: message, 1-based; exit 1 on errors', async () => {
    const r = await run([bad]);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines[0].startsWith(`${bad}:4:3: error: Unknown key 'executr'`), lines[0]);
    assert.ok(lines[1].startsWith(`${bad}:4:3: error: 'load' needs 'executor'`), lines[1]);
    assert.ok(lines[2].startsWith(`${bad}:7:21: error: Prompt file 'missing.jsonl' not found`), lines[2]);
    assert.match(lines[0], /Did you mean 'executor'\?/);
  });
  test('json: 0-based ranges', async () => {
    const r = await run(['--format', 'json', bad]);
    assert.equal(r.code, 1);
    const items = JSON.parse(r.out) as Array<{
      file: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }>;
    assert.equal(items.length, 3);
    assert.deepEqual(items[0].range, { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } });
    assert.equal(items[0].file, bad);
    assert.equal(items[0].severity, 'error');
    assert.deepEqual(items[2].range, { start: { line: 6, character: 20 }, end: { line: 6, character: 33 } });
  });
  test('warnings alone exit 0', async () => {
    const r = await run(['--format=text', warnOnly]);
    assert.equal(r.code, 0);
    assert.match(r.out, /warn\.load\.yaml:4:5: warning: requests\[0\] has no 'model'/);
  });
  test('usage errors exit 2; unreadable files are errors', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--format', 'xml', bad])).code, 2);
    assert.equal((await run(['--nope', bad])).code, 2);
    const r = await run([join(dir, 'absent.load.yaml')]);
    assert.equal(r.code, 1);
    assert.match(r.out, /absent\.load\.yaml:1:1: error: cannot read file \(ENOENT\)/);
  });
});
