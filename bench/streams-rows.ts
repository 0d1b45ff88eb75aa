// `BENCH_ONLY=streams`: issue #18's breakpoint row. 20,000 concurrent streams at 20 tokens/s each
// (400,000 token events/s) held for 20 s, against the mock in its own process, with 1 and with 2
// load workers. The mock batches a stream's writes every 250 ms (5 events a write): one write per
// token would need ~2.7 cores for the mock alone. Prints Markdown rows for bench/README.md.
import type { Scenario } from '../src/scenario/model';
import { chat, rampingVus, scenario, stage } from '../test/integration/engine/scenario-fixtures';
import type { EngineOut } from './run';

type Server = { url: string; stop: () => void };

const STREAMS = Number(process.env.BENCH_STREAMS ?? 20_000);
const HOLD_S = Number(process.env.BENCH_HOLD_S ?? 20);
const TOKENS_PER_S = 20;
const f0 = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

export async function streamsRows(
  startServer: (args: string[]) => Promise<Server>,
  engine: (sc: Scenario, cpu: number | null) => Promise<EngineOut>,
): Promise<void> {
  const rows: string[] = [];
  // Each stream lasts the ramp and the hold, so every VU holds one stream through the hold.
  const tokens = TOKENS_PER_S * (HOLD_S + 12);
  for (const workers of [1, 2]) {
    const mock = await startServer([
      'dist/cli.js',
      'mock',
      '--port',
      '0',
      '--ttft',
      '500ms',
      '--tokens-per-second',
      String(TOKENS_PER_S),
      '--output-tokens',
      String(tokens),
      '--flush-interval',
      '250ms',
    ]);
    try {
      const sc = scenario(
        mock.url,
        rampingVus([stage(10_000, STREAMS), stage(HOLD_S * 1000, STREAMS)], { gracefulStopMs: 0, workers }),
        [chat({ maxTokens: tokens })],
      );
      sc.target.maxConnections = STREAMS;
      sc.target.timeoutMs = 120_000;
      const e = await engine(sc, null);
      const stats = (await (await fetch(`${mock.url}/__mock/stats`)).json()) as { peakInFlightStreams?: number };
      const s = e.summary;
      const own = Object.entries(s.errors).filter(([c]) => c !== 'cancelled');
      const held = e.active.slice(10, 10 + HOLD_S);
      const heldMin = held.length ? Math.min(...held) : 0;
      // The streams outlast the run on purpose (cut at its end), so their tokens are not in
      // output_tokens: every inter-token gap is one event read.
      const heldElu = e.elu.slice(10, 10 + HOLD_S).sort((a, b) => a - b);
      const events = (s.metrics.inter_token_latency?.count ?? 0) / Math.max(1, s.durationMs / 1000);
      const row = `| ${f0(STREAMS)} streams × ${TOKENS_PER_S} tokens/s, held ${HOLD_S} s, ${workers} worker${workers > 1 ? 's' : ''} | in flight through the hold: min **${f0(heldMin)}** (peak ${f0(s.metrics.active_connections?.max ?? 0)}; mock peak ${f0(stats.peakInFlightStreams ?? 0)}); token events read ${f0(events)}/s over the run (${f0(STREAMS * TOKENS_PER_S)}/s offered once all are in); errors other than the end's cut ${JSON.stringify(Object.fromEntries(own))}; lateness p99 ${s.generator.latenessP99Ms} ms; ELU through the hold p50 ${pct(heldElu[heldElu.length >> 1] ?? 0)}, max ${pct(s.generator.eluMax)}${s.generator.saturated ? '; SATURATED' : ''} | hold all, no generator errors |`;
      console.log(row);
      rows.push(row);
    } finally {
      mock.stop();
    }
  }
  console.log(['', '| measure | result | goal |', '| --- | --- | --- |', ...rows].join('\n'));
}
