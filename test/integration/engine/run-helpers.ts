// Runs a scenario through the real run controller and the real engine worker (dist/worker.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Summary, Window } from '../../../src/protocol';
import { startRun } from '../../../src/run/run-controller';
import type { RunHandle, StartRunOptions } from '../../../src/run/types';
import type { Scenario } from '../../../src/scenario/model';

/** The bundled worker; `npm run test:integration` builds it first. */
export const WORKER = resolve('dist/worker.js');

const roots = new Set<string>();
process.on('exit', () => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Starts a run in a fresh results root (removed when the test process exits). */
export function start(sc: Scenario, extra: Partial<StartRunOptions> = {}): RunHandle {
  const resultsRoot = mkdtempSync(join(tmpdir(), 'gl-it-'));
  roots.add(resultsRoot);
  return startRun(sc, { workerPath: WORKER, resultsRoot, env: {}, dotenv: {}, secrets: {}, ...extra });
}

/** Runs to the end; returns the summary, the windows and the log lines. */
export async function run(
  sc: Scenario,
  extra: Partial<StartRunOptions> = {},
): Promise<{ summary: Summary; windows: Window[]; logs: string[] }> {
  const h = start(sc, extra);
  const logs: string[] = [];
  h.on('log', (level, m) => logs.push(`${level}: ${m}`));
  const summary = await h.done;
  return { summary, windows: [...h.windows], logs };
}

/** Σ of the error classes. */
export function errorSum(s: Summary): number {
  return Object.values(s.errors).reduce((a: number, b) => a + (b ?? 0), 0);
}

/** |a − b| ≤ max(abs, rel × b). */
export function near(a: number, b: number, rel: number, abs = 0): boolean {
  return Math.abs(a - b) <= Math.max(abs, rel * Math.abs(b));
}
