import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWindows, readRunFolder, readWindows, ResultsFileError } from '../../../src/shared/results-folder';
import { readRun } from '../../../src/run/results-store';
import { InputError, loadRun } from '../../../src/report/load';

const w = (index: number) => JSON.stringify({ index, tMs: (index + 1) * 1000 });

function runDir(windows: string, summary = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'gl-folder-'));
  writeFileSync(join(dir, 'windows.ndjson'), windows);
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ name: 'torn' }));
  if (summary)
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify({ schemaVersion: 1, scenario: 'torn', metrics: {}, thresholds: [] }),
    );
  return dir;
}

describe('the one results-folder reader', () => {
  test('a torn last line is skipped and counted, with or without a trailing newline and blank lines', () => {
    assert.deepEqual(parseWindows(`${w(0)}\n${w(1)}\n{"index":2,"tM`), {
      windows: [JSON.parse(w(0)), JSON.parse(w(1))],
      skippedLines: 1,
    });
    assert.equal(parseWindows(`${w(0)}\n{"ind\n\n  \n`).skippedLines, 1);
    assert.deepEqual(parseWindows(`${w(0)}\n\n${w(1)}\n`), {
      windows: [JSON.parse(w(0)), JSON.parse(w(1))],
      skippedLines: 0,
    });
    assert.deepEqual(parseWindows(''), { windows: [], skippedLines: 0 });
  });

  test('a torn middle line is an error that names the file and the line', () => {
    const err = (() => {
      try {
        parseWindows(`${w(0)}\n\n{"ind\n${w(2)}\n`, 'run/windows.ndjson');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof ResultsFileError);
    assert.equal(err.line, 3);
    assert.equal(err.file, 'run/windows.ndjson');
    assert.match(err.message, /^run\/windows\.ndjson line 3 is not JSON/);
  });

  test('JSON lines that are not windows are passed over, not counted', () => {
    assert.deepEqual(parseWindows(`{"note":1}\n${w(0)}\n[]\n`), { windows: [JSON.parse(w(0))], skippedLines: 0 });
  });

  test('every consumer applies the same rule: the run store, the report loader, the folder reader', () => {
    const killed = runDir(`${w(0)}\n${w(1)}\n{"index":2`);
    const corrupt = runDir(`${w(0)}\n{"index":1\n${w(2)}\n`);
    try {
      assert.equal(readWindows(killed).skippedLines, 1);
      assert.equal(readRunFolder(killed).windows.length, 2);
      assert.deepEqual([readRun(killed).windows.length, readRun(killed).skippedLines], [2, 1]);
      assert.deepEqual([loadRun(killed).windows.length, loadRun(killed).skippedLines], [2, 1]);
      assert.throws(
        () => readRun(corrupt),
        (e: unknown) => e instanceof ResultsFileError && e.line === 2,
      );
      assert.throws(
        () => loadRun(corrupt),
        (e: unknown) => e instanceof InputError && /windows\.ndjson line 2 is not JSON/.test((e as Error).message),
      );
    } finally {
      rmSync(killed, { recursive: true, force: true });
      rmSync(corrupt, { recursive: true, force: true });
    }
  });

  test('a folder with no windows file or no summary reads as empty parts, not an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gl-folder-'));
    try {
      assert.deepEqual(readRunFolder(dir), { summary: null, scenario: null, info: null, windows: [], skippedLines: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
