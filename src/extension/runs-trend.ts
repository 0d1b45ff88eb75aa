// The runs view's history per scenario: on the newest run of each scenario, a sparkline of p95
// duration (TTFT p95 when it streams) across its saved runs, the baseline's run marked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Summary } from '../protocol';
import { defaultTrendMetric } from '../report/trend';
import { textSparkline } from '../report/trend-svg';
import type { RunEntry } from './saved-runs';

/** What the newest run of a scenario shows of its history. */
export interface RunTrendBadge {
  text: string;
  tooltip: string;
}

const MAX_POINTS = 20;

async function readSummary(dir: string): Promise<Summary | undefined> {
  try {
    return JSON.parse(await fs.promises.readFile(path.join(dir, 'summary.json'), 'utf8')) as Summary;
  } catch {
    return undefined;
  }
}

/** Badges by run folder: one for the newest run of each scenario with at least two finished runs. */
export async function trendBadges(
  runs: readonly RunEntry[],
  baselineIds: ReadonlySet<string>,
): Promise<Map<string, RunTrendBadge>> {
  const byName = new Map<string, RunEntry[]>();
  for (const r of runs) if (r.status !== 'running') byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const out = new Map<string, RunTrendBadge>();
  await Promise.all(
    [...byName.values()].map(async (list) => {
      // `runs` come newest first; the line reads oldest to newest.
      const recent = list.slice(0, MAX_POINTS).reverse();
      if (recent.length < 2) return;
      const summaries = await Promise.all(recent.map((r) => readSummary(r.dir)));
      const known = summaries.filter((s): s is Summary => s !== undefined);
      if (known.length < 2) return;
      const { metric, stat } = defaultTrendMetric(known);
      const values = summaries.map((s) => {
        const v = (s?.metrics[metric] as Record<string, number | undefined> | undefined)?.[stat];
        return typeof v === 'number' ? v : null;
      });
      const base = recent.findIndex((r) => baselineIds.has(r.runId));
      const line = textSparkline(values);
      // The baseline's bar is followed by a pin so it stands out in plain text.
      const text = base >= 0 ? `${line.slice(0, base + 1)}📌${line.slice(base + 1)}` : line;
      const label = metric === 'time_to_first_token' ? 'TTFT p95' : 'p95 duration';
      const figures = values.map((v) => (v === null ? '—' : `${Math.round(v)}`)).join(' → ');
      out.set(recent[recent.length - 1].dir, {
        text: `${label} ${text}`,
        tooltip: `**${label}** over the last ${recent.length} runs (ms): ${figures}${base >= 0 ? ` — 📌 baseline is run ${base + 1}` : ''}`,
      });
    }),
  );
  return out;
}
