// `BENCH_ONLY=workers`: the rows of issue #18. The open model at 10,000 arrivals/s (rate error,
// drops, lateness p99 after the first second, ELU), and workers 1 against 2 where the generator
// is the limit (closed model, 50 VUs: req/s and CPU µs per request). The server is pinned to
// core 0; one worker runs on core 1, two workers on any core (pinning them to one core would
// measure nothing). Prints Markdown rows for bench/README.md.
import type { Scenario } from '../src/scenario/model';
import { chat, constantRate, constantVus, scenario } from '../test/integration/engine/scenario-fixtures';
import type { EngineOut } from './run';

type Server = { url: string; stop: () => void };
type Figures = {
  steadyRps: (e: EngineOut) => number;
  steadyCpuUs: (e: EngineOut) => number;
  steadyLatenessMs: (e: EngineOut) => number;
};

const OPEN_RATE = 10_000;
const OPEN_S = Number(process.env.BENCH_OPEN_S ?? 8);
const CLOSED_S = Number(process.env.BENCH_CLOSED_S ?? 6);
const f0 = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${(n * 100).toFixed(2)}%`;

export async function workersRows(
  startServer: (args: string[]) => Promise<Server>,
  engine: (sc: Scenario, cpu: number | null) => Promise<EngineOut>,
  fig: Figures,
): Promise<void> {
  const server = await startServer(['--import', 'tsx', 'bench/server.ts', 'json']);
  const rows: string[] = [];
  try {
    for (const workers of [1, 2]) {
      const sc = scenario(server.url, constantRate(OPEN_RATE, OPEN_S * 1000, { workers }), [chat({ stream: false })]);
      sc.target.maxConnections = 300;
      const e = await engine(sc, workers === 1 ? 1 : null);
      const s = e.summary;
      const planned = OPEN_RATE * OPEN_S;
      const dropped = s.metrics.dropped_iterations?.count ?? 0;
      const err = Math.abs(s.requests.sent - planned) / planned;
      const first = e.lateness[0] ?? 0;
      const row = `| open ${f0(OPEN_RATE)}/s for ${OPEN_S} s, ${workers} worker${workers > 1 ? 's' : ''} | sent ${f0(s.requests.sent)} of ${f0(planned)}: rate error **${pct(err)}**, dropped ${f0(dropped)}; lateness p99 after the first second **${s.generator.latenessP99Ms} ms** (worst second ${fig.steadyLatenessMs(e)} ms; first second ${first} ms); ELU max ${pct(s.generator.eluMax)}; CPU ${fig.steadyCpuUs(e).toFixed(0)} µs/req | ≤ 1%, no drops, < 2 ms, ELU < 0.8 |`;
      console.log(row);
      rows.push(row);
    }
    for (const workers of [1, 2]) {
      const sc = scenario(server.url, constantVus(50, CLOSED_S * 1000, { workers }), [chat({ stream: false })]);
      sc.target.maxConnections = 50;
      const e = await engine(sc, workers === 1 ? 1 : null);
      const row = `| closed JSON, 50 VUs, ${CLOSED_S} s, ${workers} worker${workers > 1 ? 's' : ''} | **${f0(fig.steadyRps(e))} req/s**; CPU ${fig.steadyCpuUs(e).toFixed(0)} µs/req (all threads); errors ${e.summary.requests.failed} | workers 2 > 1 |`;
      console.log(row);
      rows.push(row);
    }
  } finally {
    server.stop();
  }
  console.log(['', '| measure | result | goal |', '| --- | --- | --- |', ...rows].join('\n'));
}
