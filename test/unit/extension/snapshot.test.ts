import { test } from 'node:test';
import assert from 'node:assert/strict';
import { infoOfSaved, snapshotOfSaved } from '../../../src/extension/snapshot';
import type { RunInfo, Summary } from '../../../src/protocol';
import { scenarioWith, stage } from './scenario-fixture';

const summary = {
  runId: '2026-11-26T10-00-00-fixture',
  scenario: 'fixture',
  status: 'stopped',
  startedAt: '2026-11-26T10:00:00.000Z',
  plannedDurationMs: 30_000,
  executor: 'ramping-arrival-rate',
} as Summary;

test('a saved run with run.json uses it, pointing at its folder', () => {
  const info = {
    runId: 'r1',
    scenario: 's',
    executor: 'constant-vus',
    kind: 'closed',
    startedAt: 't',
    plannedDurationMs: 1,
    stages: [],
    targets: {},
  } as RunInfo;
  assert.deepEqual(infoOfSaved({ dir: '/w/runs/r1', summary: null, windows: [], info }), {
    ...info,
    resultsDir: '/w/runs/r1',
  });
});

test('without run.json the info is rebuilt from the scenario and the summary', () => {
  const scenario = scenarioWith([stage(10, 5), stage(20, 5)]);
  scenario.targets = { successRate: 0.99 };
  const info = infoOfSaved({ dir: '/w/runs/x', summary, windows: [], scenario });
  assert.deepEqual(info, {
    runId: summary.runId,
    scenario: 'fixture',
    file: undefined,
    executor: 'ramping-arrival-rate',
    kind: 'open',
    startedAt: summary.startedAt,
    plannedDurationMs: 30_000,
    stages: [
      { durationMs: 10_000, target: 5, label: '5' },
      { durationMs: 20_000, target: 5, label: '5' },
    ],
    targets: { successRate: 0.99 },
    resultsDir: '/w/runs/x',
  });
});

test('a run cut short (no summary) shows its windows as failed; an empty folder has no info', () => {
  const scenario = scenarioWith([stage(5, 1)], 'closed');
  const snap = snapshotOfSaved({ dir: '/w/runs/killed', summary: null, windows: [], scenario }, 'dark');
  assert.equal(snap.type, 'run/snapshot');
  assert.equal(snap.status, 'failed');
  assert.equal(snap.summary, null);
  assert.equal(snap.theme, 'dark');
  assert.equal(snap.info?.runId, 'killed');
  assert.equal(snap.info?.kind, 'closed');
  assert.equal(infoOfSaved({ dir: '/w/runs/empty', summary: null, windows: [] }), null);
});

test("the status of a finished run is its summary's", () => {
  assert.equal(snapshotOfSaved({ dir: '/d', summary, windows: [] }).status, 'stopped');
  assert.equal(snapshotOfSaved({ dir: '/d', summary, windows: [] }).info?.kind, 'open');
});
