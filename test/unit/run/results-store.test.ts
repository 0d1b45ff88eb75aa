import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRuns, readRun } from '../../../src/run/results-store';

describe('results store', () => {
  test('lists runs newest first with status and pass/fail; reads a killed run up to its torn line', () => {
    const root = mkdtempSync(join(tmpdir(), 'gl-store-'));
    const mk = (name: string, startedAt: string, summary: object | null, windows: string): string => {
      const dir = join(root, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ name: `scenario ${name}` }));
      writeFileSync(join(dir, 'run.json'), JSON.stringify({ runId: name, scenario: `scenario ${name}`, startedAt }));
      writeFileSync(join(dir, 'windows.ndjson'), windows);
      if (summary) writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
      return dir;
    };
    mk(
      'a',
      '2026-01-01T00:00:00.000Z',
      {
        runId: 'a',
        scenario: 'A',
        startedAt: '2026-01-01T00:00:00.000Z',
        status: 'completed',
        thresholds: [{ ok: true }],
      },
      '{"index":0}\n',
    );
    mk(
      'b',
      '2026-01-02T00:00:00.000Z',
      {
        runId: 'b',
        scenario: 'B',
        startedAt: '2026-01-02T00:00:00.000Z',
        status: 'completed',
        thresholds: [{ ok: false }],
      },
      '',
    );
    const killed = mk(
      'c',
      '2026-01-03T00:00:00.000Z',
      null,
      '{"index":0,"tMs":1000}\n{"index":1,"tMs":2000}\n{"index":2,"tM',
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(killed, 'windows.ndjson'), old, old);
    mkdirSync(join(root, 'not-a-run'));
    const runs = listRuns(root);
    assert.deepEqual(
      runs.map((r) => [r.runId, r.status, r.passed]),
      [
        ['c', 'failed', null],
        ['b', 'completed', false],
        ['a', 'completed', true],
      ],
    );
    assert.equal(runs[0].name, 'scenario c');
    const c = readRun(killed);
    assert.equal(c.summary, null);
    assert.equal(c.windows.length, 2);
    assert.equal(c.scenario?.name, 'scenario c');
    assert.deepEqual(listRuns(join(root, 'missing')), []);
    rmSync(root, { recursive: true, force: true });
  });
});
