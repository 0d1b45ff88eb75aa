import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as compare } from '../../../src/cli/compare';
import { main as report } from '../../../src/cli/report';
import { writeReports } from '../../../src/report/write';
import { makeSummary, writeRunDir } from './fixture';

/** Runs a command in-process, capturing what it prints. */
async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w = process.stdout.write.bind(process.stdout);
  const log = console.log;
  const error = console.error;
  process.stdout.write = ((s: string) => {
    out += s;
    return true;
  }) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => {
    out += a.join(' ') + '\n';
  };
  console.error = (...a: unknown[]) => {
    err += a.join(' ') + '\n';
  };
  try {
    return { code: await fn(), out, err };
  } finally {
    process.stdout.write = w;
    console.log = log;
    console.error = error;
  }
}

describe('gateway-load compare', () => {
  const base = writeRunDir(makeSummary());
  const same = writeRunDir(makeSummary({ runId: 'same' }));
  const slow = writeRunDir(makeSummary({ runId: 'slow', latencyScale: 1.3 }));
  test('exit 0 without a regression, 1 with one', async () => {
    const ok = await capture(() => compare([base, same]));
    assert.equal(ok.code, 0);
    assert.match(ok.out, /no regression/);
    const bad = await capture(() => compare([base, join(slow, 'summary.json'), '--format', 'json']));
    assert.equal(bad.code, 1);
    assert.equal((JSON.parse(bad.out) as { regression: boolean }).regression, true);
  });
  test('tolerances from the command line decide', async () => {
    const r = await capture(() =>
      compare([
        base,
        slow,
        '--tolerance',
        'http_req_duration=40%,time_to_first_token=40%,inter_token_latency=40%',
        '-f',
        'md',
      ]),
    );
    assert.equal(r.code, 0);
    assert.match(r.out, /\| http_req_duration \| p95 \| 180\.0 ms \| 234\.0 ms \| \+30\.0% \| 40% \| ⚪ same \|/);
  });
  test('usage errors exit 2', async () => {
    assert.equal((await capture(() => compare([base]))).code, 2);
    assert.equal((await capture(() => compare([base, slow, '--tolerance', 'http_req_duration=fast']))).code, 2);
    assert.equal((await capture(() => compare([base, slow, '--tolerance', 'vus=5%']))).code, 2);
    assert.equal((await capture(() => compare([base, slow, '--format', 'pdf']))).code, 2);
    assert.equal((await capture(() => compare([base, '/nonexistent']))).code, 2);
    assert.equal((await capture(() => compare([base, slow, '--bogus']))).code, 2);
  });
});

describe('gateway-load report', () => {
  test('writes each format to -o; md to stdout by default', async () => {
    const run = writeRunDir(makeSummary());
    const out = mkdtempSync(join(tmpdir(), 'gl-out-'));
    for (const f of ['html', 'md', 'json', 'junit']) {
      const file = join(out, `r.${f}`);
      const r = await capture(() => report([run, '--format', f, '-o', file]));
      assert.equal(r.code, 0, r.err);
      assert.ok(readFileSync(file, 'utf8').length > 100);
    }
    const md = await capture(() => report([run, '--format=md']));
    assert.match(md.out, /^## ✅ Load test/);
    assert.equal((await capture(() => report([run, '--format', 'pdf']))).code, 2);
    assert.equal((await capture(() => report([]))).code, 2);
  });
  test('writeReports writes the asked formats into the run folder, with a comparison when given a baseline', () => {
    const base = writeRunDir(makeSummary());
    const run = writeRunDir(makeSummary({ latencyScale: 1.5 }));
    const res = writeReports(run, ['html,junit', 'md'], { baseline: base });
    assert.deepEqual(Object.keys(res.files).sort(), ['html', 'junit', 'md']);
    assert.ok(
      existsSync(join(run, 'report.html')) && existsSync(join(run, 'junit.xml')) && existsSync(join(run, 'report.md')),
    );
    assert.equal(res.comparison?.regression, true);
    assert.match(readFileSync(join(run, 'junit.xml'), 'utf8'), /type="regression"/);
    assert.throws(() => writeReports(run, ['pdf']), /unknown report format 'pdf'/);
    const ws = mkdtempSync(join(tmpdir(), 'gl-ws-'));
    assert.equal(writeReports(run, ['md'], { baseline: 'auto', workspace: ws }).comparison, undefined);
  });
});

describe('baselines from the command line', () => {
  test("report --mark-baseline writes the workspace baseline; compare 'auto' finds it, and passes with a note when none exists", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gl-ws-'));
    const base = writeRunDir(makeSummary({ name: 'CLI smoke' }));
    const slow = writeRunDir(makeSummary({ name: 'CLI smoke', runId: 'slow', latencyScale: 1.3 }));
    const none = await capture(() => compare(['auto', slow, '--workspace', ws]));
    assert.equal(none.code, 0);
    assert.match(none.err, /no baseline marked for 'CLI smoke'/);
    const mark = await capture(() => report([base, '--mark-baseline', '--workspace', ws]));
    assert.equal(mark.code, 0);
    assert.equal(mark.out.trim(), join(ws, '.gateway-load', 'baselines', 'cli-smoke.json'));
    assert.equal((await capture(() => compare(['auto', slow, '--workspace', ws]))).code, 1);
    const md = await capture(() => report([slow, '-f', 'md', '--baseline', 'auto', '--workspace', ws]));
    assert.match(md.out, /🔴 Regression/);
    const index = await capture(() => report(['--baselines', '--workspace', ws]));
    assert.equal(index.code, 0);
    assert.match(index.out, /^\| CLI smoke \| 2026-11-26T10:00:00\.000Z \|/m);
  });
});
