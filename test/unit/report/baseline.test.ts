import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselinePath, getBaseline, listBaselines, markBaseline, scenarioSlug } from '../../../src/report/baseline';
import { InputError, loadRun } from '../../../src/report/load';
import { parseWindows, ResultsFileError } from '../../../src/shared/results-folder';
import { makeSummary, makeWindows, writeRunDir } from './fixture';

describe('baselines', () => {
  test('slugs are file-name safe', () => {
    assert.equal(scenarioSlug('Chat completions — baseline'), 'chat-completions-baseline');
    assert.equal(scenarioSlug('Café / Ünïcode'), 'cafe-unicode');
    assert.equal(scenarioSlug('///'), 'scenario');
  });
  test('mark copies summary, windows and the redacted scenario; get and list find it; loadRun reads it back', () => {
    const ws = mkdtempSync(join(tmpdir(), 'gl-ws-'));
    const run = writeRunDir(makeSummary({ name: 'Chat smoke' }));
    const file = markBaseline(ws, run, new Date('2026-11-26T12:00:00Z'));
    assert.equal(file, join(ws, '.gateway-load', 'baselines', 'chat-smoke.json'));
    assert.equal(baselinePath(ws, 'Chat smoke'), file);
    const b = getBaseline(ws, 'Chat smoke');
    assert.equal(b?.summary.runId, makeSummary().runId);
    assert.equal(b?.windows.length, 4);
    assert.equal(b?.markedAt, '2026-11-26T12:00:00.000Z');
    assert.ok(!readFileSync(file, 'utf8').includes('sk-live-123456'));
    assert.deepEqual(
      listBaselines(ws).map((e) => e.scenario),
      ['Chat smoke'],
    );
    const again = loadRun(file);
    assert.equal(again.baselineFile, file);
    assert.equal(again.windows.length, 4);
    assert.equal(getBaseline(ws, 'Other'), undefined);
  });
  test('marking again replaces the baseline; unreadable files are skipped in lists', () => {
    const ws = mkdtempSync(join(tmpdir(), 'gl-ws-'));
    markBaseline(ws, writeRunDir(makeSummary({ name: 'A', runId: 'one' })));
    markBaseline(ws, writeRunDir(makeSummary({ name: 'A', runId: 'two' })));
    writeFileSync(join(ws, '.gateway-load', 'baselines', 'junk.json'), '{not json');
    assert.deepEqual(
      listBaselines(ws).map((e) => e.runId),
      ['two'],
    );
  });
});

describe('loading runs', () => {
  test('a torn last line is skipped; a torn middle line is an error', () => {
    const lines = makeWindows(3).map((w) => JSON.stringify(w));
    assert.equal(parseWindows(`${lines[0]}\n${lines[1]}\n${lines[2].slice(0, 20)}`).windows.length, 2);
    assert.throws(() => parseWindows(`${lines[0]}\n{"ind\n${lines[2]}\n`), ResultsFileError);
  });
  test('a folder, or its summary.json, loads the siblings; a folder without summary is an input error', () => {
    const dir = writeRunDir(makeSummary());
    assert.equal(loadRun(dir).windows.length, 4);
    assert.equal(loadRun(join(dir, 'summary.json')).scenario?.name, 'Chat <smoke> & "quotes"');
    assert.throws(() => loadRun(mkdtempSync(join(tmpdir(), 'gl-empty-'))), /no summary\.json/);
    assert.throws(() => loadRun('/nonexistent/x'), InputError);
    const bad = join(mkdtempSync(join(tmpdir(), 'gl-bad-')), 'x.json');
    writeFileSync(bad, '{"a":1}');
    assert.throws(() => loadRun(bad), /not a gateway-load summary/);
  });
});
