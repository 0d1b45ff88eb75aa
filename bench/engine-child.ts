// Runs one scenario through the real run controller and engine worker (dist/worker.js) and
// prints the summary, the windows' completed counts and the worker's memory as JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRun } from '../src/run/run-controller';
import type { Scenario } from '../src/scenario/model';

const sc = JSON.parse(process.argv[2]) as Scenario;
const resultsRoot = mkdtempSync(join(tmpdir(), 'gl-bench-'));
const h = startRun(sc, {
  workerPath: resolve(process.env.BENCH_WORKER ?? 'dist/worker.js'),
  resultsRoot,
  env: {},
  dotenv: {},
  secrets: {},
});
const rss: number[] = [];
const cpu0 = process.cpuUsage();
/** Process CPU (µs, host thread + worker) at the end of each window: steady-state cost per request without start-up. */
const cpuAt: number[] = [];
h.on('window', () => {
  rss.push(process.memoryUsage().rss);
  const c = process.cpuUsage(cpu0);
  cpuAt.push(c.user + c.system);
});
h.on('log', (level, m) => {
  if (level !== 'info') console.error(`${level}: ${m}`);
});
h.done.then(
  (summary) => {
    rmSync(resultsRoot, { recursive: true, force: true });
    const c = process.cpuUsage(cpu0);
    console.log(
      JSON.stringify({
        cpuUs: c.user + c.system,
        cpuAt,
        summary,
        completed: h.windows.map((w) => w.completed),
        lateness: h.windows.map((w) => w.latenessP99Ms),
        elu: h.windows.map((w) => w.elu),
        active: h.windows.map((w) => w.activeMax),
        rss,
      }),
    );
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
