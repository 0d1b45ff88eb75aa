// `npm run bench`: the engine against its peers and its own promises, on this machine, in one run.
// Server (or mock) pinned to core 0, generator to core 1 when `taskset` exists. Prints ratios and
// writes the figures to bench/README.md. BENCH_QUICK=1 runs a short smoke version.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Summary } from '../src/protocol';
import type { Scenario } from '../src/scenario/model';
import { workersRows } from './workers-rows';
import { streamsRows } from './streams-rows';
import {
  chat,
  constantRate,
  constantVus,
  rampingVus,
  scenario,
  stage,
} from '../test/integration/engine/scenario-fixtures';

const QUICK = process.env.BENCH_QUICK === '1';
/** `BENCH_ONLY=closed`: only the closed-model pairs (A/B runs of the hot path; figures not written). */
const ONLY_CLOSED = process.env.BENCH_ONLY === 'closed';
const CLOSED_S = QUICK ? 3 : 10;
const OPEN_S = QUICK ? 5 : 20;
const OPEN_RATE = 2000;
const STREAMS = QUICK ? 1000 : 10_000;
const MEMORY_REQUESTS = QUICK ? 200_000 : 1_000_000;
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

function pinned(cpu: number, args: string[]): [string, string[]] {
  return hasTaskset && cpus().length > 1 ? ['taskset', ['-c', String(cpu), ...args]] : [args[0], args.slice(1)];
}

/** Starts a server process on core 0; resolves with its URL and a stop function. */
function startServer(args: string[]): Promise<{ url: string; stop: () => void }> {
  const [cmd, argv] = pinned(0, [process.execPath, ...args]);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

/** Runs a generator process on core 1 (or, with `cpu` null, on any core) and parses the JSON it prints last. */
function runChild<T>(args: string[], cpu: number | null = 1): Promise<T> {
  const [cmd, argv] = cpu === null ? [process.execPath, args] : pinned(cpu, [process.execPath, ...args]);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        reject(new Error(`child ${args.join(' ')} exited ${code}: ${out.slice(-500)}`));
      }
    });
  });
}

/** What the engine child prints. */
export interface EngineOut {
  cpuUs: number;
  cpuAt: number[];
  summary: Summary;
  completed: number[];
  lateness: number[];
  elu: number[];
  active: number[];
  rss: number[];
}
interface CannonOut {
  cpuUs: number;
  rps: number;
  total: number;
  errors: number;
  non2xx: number;
}

const engine = (sc: Scenario, cpu: number | null = 1): Promise<EngineOut> =>
  runChild<EngineOut>(['--import', 'tsx', 'bench/engine-child.ts', JSON.stringify(sc)], cpu);
const cannon = (url: string): Promise<CannonOut> =>
  runChild<CannonOut>(['--import', 'tsx', 'bench/autocannon-child.ts', url, '50', String(CLOSED_S)]);

/** Requests/s over the full seconds, the first (warm-up) excluded. */
function steadyRps(e: EngineOut): number {
  const full = e.completed.slice(1, Math.max(2, Math.floor(e.summary.plannedDurationMs / 1000)));
  return full.reduce((a, b) => a + b, 0) / full.length;
}

/** CPU µs per request over the full seconds after the first (start-up and warm-up excluded). */
function steadyCpuUs(e: EngineOut): number {
  const last = Math.max(2, Math.floor(e.summary.plannedDurationMs / 1000)) - 1;
  const reqs = e.completed.slice(1, last + 1).reduce((a, b) => a + b, 0);
  return (e.cpuAt[last] - e.cpuAt[0]) / Math.max(1, reqs);
}

/** Worst per-second lateness p99 after the first second (the first includes start-up). */
function steadyLatenessMs(e: EngineOut): number {
  return Math.max(0, ...e.lateness.slice(1, Math.floor(e.summary.plannedDurationMs / 1000)));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f0 = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

interface Pair {
  engine: number;
  cannon: number;
  ratio: number;
  engineErrors: number;
  engineUs: number;
  cannonUs: number;
}

async function closedPair(mode: 'json' | 'sse'): Promise<Pair> {
  const server = await startServer(['--import', 'tsx', 'bench/server.ts', mode]);
  try {
    const sc = scenario(server.url, constantVus(50, CLOSED_S * 1000), [
      chat({ stream: mode === 'sse', maxTokens: 20 }),
    ]);
    sc.target.maxConnections = 50;
    const e: number[] = [];
    const c: number[] = [];
    const eUs: number[] = [];
    const cUs: number[] = [];
    let engineErrors = 0;
    // Alternate, so drift in the machine hits both alike; median of the rounds.
    for (let round = 0; round < (QUICK ? 1 : 3); round++) {
      const ac = await cannon(server.url);
      c.push(ac.rps);
      cUs.push(ac.cpuUs / Math.max(1, ac.total));
      const out = await engine(sc);
      e.push(steadyRps(out));
      eUs.push(steadyCpuUs(out));
      engineErrors += out.summary.requests.failed;
    }
    const em = median(e);
    const cm = median(c);
    return { engine: em, cannon: cm, ratio: em / cm, engineErrors, engineUs: median(eUs), cannonUs: median(cUs) };
  } finally {
    server.stop();
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const load = loadavg()[0];
  console.log(
    `bench: ${cpus().length} cores, load average ${load.toFixed(2)}, taskset ${hasTaskset ? 'yes' : 'no'}${QUICK ? ', QUICK' : ''}`,
  );
  if (process.env.BENCH_ONLY === 'streams') {
    await streamsRows(startServer, engine);
    return;
  }
  if (process.env.BENCH_ONLY === 'workers') {
    await workersRows(startServer, engine, { steadyRps, steadyCpuUs, steadyLatenessMs });
    return;
  }

  const json = await closedPair('json');
  console.log(
    `closed JSON, 50 connections, ${CLOSED_S} s: engine ${f0(json.engine)} req/s vs autocannon ${f0(json.cannon)} → ${pct(json.ratio)} (goal ≥ 90%); CPU ${json.engineUs.toFixed(0)} vs ${json.cannonUs.toFixed(0)} µs/req`,
  );
  const sse = await closedPair('sse');
  console.log(
    `closed SSE (20 events), 50 connections: engine ${f0(sse.engine)} req/s vs autocannon ${f0(sse.cannon)} → ${pct(sse.ratio)} (goal ≥ 75%); CPU ${sse.engineUs.toFixed(0)} vs ${sse.cannonUs.toFixed(0)} µs/req`,
  );

  if (ONLY_CLOSED) return;
  const server = await startServer(['--import', 'tsx', 'bench/server.ts', 'json']);
  let open: EngineOut;
  try {
    await runChild<CannonOut>(['--import', 'tsx', 'bench/autocannon-child.ts', server.url, '50', '2']); // warm the server's JIT
    const sc = scenario(server.url, constantRate(OPEN_RATE, OPEN_S * 1000), [chat({ stream: false })]);
    sc.target.maxConnections = 500;
    open = await engine(sc);
  } finally {
    server.stop();
  }
  const planned = OPEN_RATE * OPEN_S;
  const openErr =
    Math.abs(open.summary.requests.sent + (open.summary.metrics.dropped_iterations?.count ?? 0) - planned) / planned;
  const achievedErr = Math.abs(open.summary.requests.sent - planned) / planned;
  const rssGrowthMb = (open.rss[open.rss.length - 1] - open.rss[Math.min(2, open.rss.length - 1)]) / 1048576;
  console.log(
    `open ${OPEN_RATE}/s for ${OPEN_S} s: sent ${f0(open.summary.requests.sent)} of ${f0(planned)} (error ${pct(achievedErr)}, goal ≤ 1%), lateness p99 ${open.summary.generator.latenessP99Ms} ms over the run, worst second after the first ${steadyLatenessMs(open)} ms (goal < 5), ELU max ${pct(open.summary.generator.eluMax)}, dropped ${open.summary.metrics.dropped_iterations?.count ?? 0}`,
  );

  const mock = await startServer([
    'dist/cli.js',
    'mock',
    '--port',
    '0',
    '--ttft',
    '1s',
    '--tokens-per-second',
    '2',
    '--output-tokens',
    '20',
  ]);
  let streams: EngineOut;
  let mockStats: { peakInFlightStreams?: number; peakConnections?: number } = {};
  try {
    const sc = scenario(
      mock.url,
      rampingVus([stage(8000, STREAMS), stage(12_000, STREAMS)], { gracefulStopMs: 15_000 }),
      [chat({ maxTokens: 20 })],
    );
    sc.target.maxConnections = STREAMS;
    sc.target.timeoutMs = 60_000;
    streams = await engine(sc);
    mockStats = (await (await fetch(`${mock.url}/__mock/stats`)).json()) as typeof mockStats;
  } finally {
    mock.stop();
  }
  const sErr = streams.summary.errors;
  console.log(
    `${f0(STREAMS)} concurrent streams: peak in flight ${f0(streams.summary.metrics.active_connections?.max ?? 0)} (mock saw ${f0(mockStats.peakInFlightStreams ?? 0)}), ${f0(streams.summary.requests.succeeded)} ok, errors ${JSON.stringify(sErr)}, lateness p99 ${streams.summary.generator.latenessP99Ms} ms, ELU max ${pct(streams.summary.generator.eluMax)}`,
  );

  const mem = await runChild<{
    readings: Array<{ requests: number; rssMb: number }>;
    growthMb: number;
    growthAfterWarmupMb: number;
  }>(['--expose-gc', '--import', 'tsx', 'bench/memory-child.ts', String(MEMORY_REQUESTS)]);
  console.log(
    `memory over ${f0(MEMORY_REQUESTS)} recorded requests: RSS ${mem.readings.map((r) => `${f0(r.requests)}→${r.rssMb.toFixed(1)} MB`).join(', ')}; growth ${mem.growthMb.toFixed(1)} MB (goal < 50); during the open run, process RSS grew ${rssGrowthMb.toFixed(1)} MB`,
  );

  // The SSE reader's cost per event on today's stream shapes (tool calls, reasoning), beside plain content.
  const shapes = await runChild<{ rows: Array<{ name: string; events: number; ns: number; lean: number }> }>([
    '--import',
    'tsx',
    'bench/sse-shapes.bench.ts',
    '--json',
  ]);
  const shapesText = shapes.rows.map((r) => `${r.name} ${r.ns} ns`).join('; ');
  console.log(`SSE reader per event (1 chunk per event, best rounds): ${shapesText}`);

  if (QUICK) return;
  const table = [
    `## Figures (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, load average at start ${load.toFixed(2)}, taskset ${hasTaskset ? 'server core 0 / generator core 1' : 'not available'})`,
    '',
    '| measure | result | goal |',
    '| --- | --- | --- |',
    `| closed JSON, 50 connections, ${CLOSED_S} s, median of 3 | engine ${f0(json.engine)} req/s vs autocannon ${f0(json.cannon)} req/s = **${pct(json.ratio)}**; CPU per request engine ${json.engineUs.toFixed(0)} µs vs autocannon ${json.cannonUs.toFixed(0)} µs; engine errors ${json.engineErrors} | ≥ 90% |`,
    `| closed SSE (20 events a response) | engine ${f0(sse.engine)} req/s vs autocannon ${f0(sse.cannon)} req/s = **${pct(sse.ratio)}**; CPU per request engine ${sse.engineUs.toFixed(0)} µs vs autocannon ${sse.cannonUs.toFixed(0)} µs; engine errors ${sse.engineErrors} | ≥ 75% |`,
    `| open model ${OPEN_RATE}/s for ${OPEN_S} s | sent ${f0(open.summary.requests.sent)} of ${f0(planned)}: rate error **${pct(achievedErr)}** (incl. dropped ${pct(openErr)}); lateness p99 **${open.summary.generator.latenessP99Ms} ms** over the run (worst single second after the first: ${steadyLatenessMs(open)} ms); ELU max ${pct(open.summary.generator.eluMax)} | ≤ 1%; < 5 ms |`,
    `| ${f0(STREAMS)} concurrent streams vs the mock | peak in flight **${f0(streams.summary.metrics.active_connections?.max ?? 0)}** (mock: ${f0(mockStats.peakInFlightStreams ?? 0)}); ${f0(streams.summary.requests.succeeded)} ok; errors ${JSON.stringify(sErr)} | no generator errors |`,
    `| SSE reader per event, tool-call and reasoning streams (1 chunk per event, best rounds, \`sse-shapes.bench.ts\`) | ${shapesText} | ~1 µs an event (DESIGN) |`,
    `| memory, ${f0(MEMORY_REQUESTS)} recorded requests | RSS growth **${mem.growthMb.toFixed(1)} MB** (${mem.readings.map((r) => `${f0(r.requests)}: ${r.rssMb.toFixed(1)} MB`).join(', ')}) | < 50 MB |`,
  ].join('\n');
  const readme = join('bench', 'README.md');
  let text = '';
  try {
    text = readFileSync(readme, 'utf8');
  } catch {
    /* first run */
  }
  const marker = '<!-- figures -->';
  const intro = text.includes(marker) ? text.slice(0, text.indexOf(marker)) : text || '# Benchmarks\n\n';
  writeFileSync(readme, `${intro}${marker}\n${table}\n`);
  console.log(`figures written to ${readme}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
