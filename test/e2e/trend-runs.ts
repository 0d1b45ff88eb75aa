// Five saved runs of one scenario for the runs view's trend (issue #19): the shapes a run writes
// (run.json, windows.ndjson, summary.json), the second marked as baseline, the fourth regressed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markBaseline } from '../../src/report/baseline';
import { syntheticRun } from '../webview/synthetic';

/** p95 duration (ms) of each run, oldest first: the fourth is the regression. */
export const TREND_P95 = [241, 236, 248, 612, 244];

/** Writes the runs into `ws`'s default results folder; returns their folders, oldest first. */
export function writeTrendRuns(ws: string, scenario = 'e2e testing'): string[] {
  const root = join(ws, '.gateway-load', 'runs');
  return TREND_P95.map((p95, i) => {
    const run = syntheticRun(30, 20, 11 + i);
    const startedAt = new Date(Date.UTC(2026, 11, 1 + i, 9, 0, 0)).toISOString();
    const runId = `2026-12-0${1 + i}T09-00-00-trend`;
    const dir = join(root, runId);
    mkdirSync(dir, { recursive: true });
    const info = { ...run.info, runId, scenario, startedAt, resultsDir: dir };
    const d = run.summary.metrics.http_req_duration as Record<string, number>;
    const summary = {
      ...run.summary,
      runId,
      scenario,
      startedAt,
      metrics: { ...run.summary.metrics, http_req_duration: { ...d, p95, p99: p95 * 1.3 } },
      thresholds: [{ metric: 'http_req_duration', expression: 'p(95) < 400', ok: p95 < 400, value: p95 }],
    };
    writeFileSync(join(dir, 'run.json'), JSON.stringify(info, null, 1));
    writeFileSync(join(dir, 'windows.ndjson'), run.windows.map((w) => JSON.stringify(w)).join('\n') + '\n');
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1));
    if (i === 1) markBaseline(ws, dir, new Date(startedAt));
    return dir;
  });
}
