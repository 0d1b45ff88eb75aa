import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trendBadges } from '../../../src/extension/runs-trend';
import type { RunEntry } from '../../../src/extension/saved-runs';

function saved(root: string, id: string, name: string, minute: number, p95: number, ttft?: number): RunEntry {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  const metrics: Record<string, unknown> = { http_req_duration: { count: 10, p95 } };
  if (ttft !== undefined) metrics.time_to_first_token = { count: 10, p95: ttft };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ scenario: name, runId: id, metrics }));
  return { dir, runId: id, name, startedAt: `2026-12-02T10:0${minute}:00.000Z`, status: 'completed', passed: true };
}

test('the newest run of each scenario carries a sparkline of its history, the baseline pinned', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gl-runs-trend-'));
  try {
    // Newest first, as the runs view lists them.
    const runs = [
      saved(root, 'a3', 'A', 3, 300),
      saved(root, 'b2', 'B', 2, 0, 80),
      saved(root, 'a2', 'A', 2, 100),
      saved(root, 'b1', 'B', 1, 0, 40),
      saved(root, 'a1', 'A', 1, 200),
      saved(root, 'c1', 'C', 1, 50),
    ];
    const badges = await trendBadges(runs, new Set(['a1']));
    assert.deepEqual(
      [...badges.keys()].sort(),
      [join(root, 'a3'), join(root, 'b2')],
      'one badge per scenario with two runs or more, on its newest run',
    );
    assert.deepEqual(badges.get(join(root, 'a3')), {
      text: 'p95 duration ▅📌▁█',
      tooltip: '**p95 duration** over the last 3 runs (ms): 200 → 100 → 300 — 📌 baseline is run 1',
    });
    assert.equal(badges.get(join(root, 'b2'))?.text, 'TTFT p95 ▁█', 'a streaming scenario trends its TTFT');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
