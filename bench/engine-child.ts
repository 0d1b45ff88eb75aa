// Runs one scenario through the real run controller and engine worker (dist/worker.js) and
// prints the summary, the windows' completed counts and the worker's memory as JSON.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRun } from '../src/run/run-controller';
import type { Scenario } from '../src/scenario/model';

const sc = JSON.parse(process.argv[2]) as Scenario;
const h = startRun(sc, { workerPath: resolve('dist/worker.js'), resultsRoot: mkdtempSync(join(tmpdir(), 'gl-bench-')), env: {}, dotenv: {}, secrets: {} });
const rss: number[] = [];
h.on('window', () => { rss.push(process.memoryUsage().rss); });
h.on('log', (level, m) => { if (level !== 'info') console.error(`${level}: ${m}`); });
h.done.then((summary) => {
  console.log(JSON.stringify({ summary, completed: h.windows.map((w) => w.completed), lateness: h.windows.map((w) => w.latenessP99Ms), elu: h.windows.map((w) => w.elu), active: h.windows.map((w) => w.activeMax), rss }));
}, (err: unknown) => { console.error(err); process.exit(1); });
