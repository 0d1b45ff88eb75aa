// `gateway-load trend <scenario|runs-folder> [--metric M] [--format md|html|json] [--last N]`:
// the history of a scenario's runs, each judged against its baseline, as a table (and for html a
// chart). Exit 0, or 1 when the newest run shown regressed (so CI can publish and gate at once).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { getBaseline } from '../report/baseline';
import { parseTolerances } from '../report/compare';
import { InputError, isSummary, loadRun } from '../report/load';
import { buildTrend, runsByScenario, type Trend, type TrendRun } from '../report/trend';
import { renderTrendHtml, renderTrendJson, renderTrendMarkdown } from '../report/trend-render';
import { parseArgs } from './report';

const USAGE = `usage: gateway-load trend <scenario.load.yaml|runs-folder> [--metric M] [--format md|html|json] [--last N] [-o FILE]

  <scenario>    its runs are read from <workspace>/.gateway-load/runs (or --runs DIR)
  <runs-folder> a folder of run folders; one trend per scenario found there
  --metric      metric or metric.stat (default: p95 of time_to_first_token when streaming, else http_req_duration)
  --last N      the last N runs (default 20)
  --baseline    a baseline file or run folder (default: the workspace's baseline of the scenario)
  --tolerance   as for compare, e.g. http_req_duration=15%
  --workspace   the workspace folder (default: the current directory)
  --output, -o  write to this file instead of stdout
Exit code 1 when the newest run shown regressed against the baseline.`;

/** Every run folder under `dir` with a readable summary. */
function readRuns(dir: string): TrendRun[] {
  const out: TrendRun[] = [];
  for (const name of readdirSync(dir)) {
    const run = join(dir, name);
    const file = join(run, 'summary.json');
    if (!statSync(run).isDirectory() || !existsSync(file)) continue;
    try {
      const s: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isSummary(s)) out.push({ summary: s, dir: run });
    } catch {
      // A torn or foreign summary.json is not a run of this history.
    }
  }
  return out;
}

/** The scenario's name as written in its file (no validation needed to find its runs). */
function scenarioName(file: string): string {
  const doc: unknown = parseYaml(readFileSync(file, 'utf8'));
  const name = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name ? name : basename(file).replace(/\.load\.ya?ml$/, '');
}

const OPTIONS = {
  '--metric': 'metric',
  '-m': 'metric',
  '--format': 'format',
  '-f': 'format',
  '--last': 'last',
  '-n': 'last',
  '--output': 'output',
  '-o': 'output',
  '--workspace': 'workspace',
  '--runs': 'runs',
  '--baseline': 'baseline',
  '--tolerance': 'tolerance',
};

/** The trend command's arguments, parsed without side effects: a usage error, or what to show. */
function parseTrendArgs(argv: string[]): {
  positional: string[];
  options: Record<string, string | undefined>;
  format: string;
  last: number;
  error?: string;
} {
  const { positional, options, error } = parseArgs(argv, OPTIONS);
  const format = options.format ?? 'md';
  const last = options.last !== undefined ? Number(options.last) : 20;
  const base = { positional, options, format, last };
  if (error || positional.length !== 1) return { ...base, error: error ?? 'give one scenario file or runs folder' };
  if (!['md', 'markdown', 'html', 'json'].includes(format))
    return { ...base, error: `unknown format '${format}': use md, html or json` };
  if (!Number.isInteger(last) || last < 1)
    return { ...base, error: `--last needs a whole number of runs, got '${options.last}'` };
  return base;
}

/** A usage error in the arguments, or undefined when they are accepted (the README test uses it). */
export function parse(argv: string[]): string | undefined {
  return argv.includes('--help') || argv.includes('-h') ? undefined : parseTrendArgs(argv).error;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const { positional, options, format, last, error } = parseTrendArgs(argv);
  if (error) {
    console.error(`gateway-load trend: ${error}\n\n${USAGE}`);
    return 2;
  }
  const input = resolve(positional[0]);
  if (!existsSync(input)) {
    console.error(`gateway-load trend: ${positional[0]}: no such file or folder`);
    return 2;
  }
  let tolerances = {};
  try {
    tolerances = options.tolerance ? parseTolerances(options.tolerance) : {};
  } catch (err) {
    console.error(`gateway-load trend: ${(err as Error).message}`);
    return 2;
  }

  let groups: Map<string, TrendRun[]>;
  let workspace = resolve(options.workspace ?? process.cwd());
  if (statSync(input).isDirectory()) {
    if (!options.workspace && basename(input) === 'runs' && basename(dirname(input)) === '.gateway-load')
      workspace = dirname(dirname(input));
    groups = runsByScenario(readRuns(input));
  } else {
    const name = scenarioName(input);
    const root = resolve(options.runs ?? join(workspace, '.gateway-load', 'runs'));
    const runs = existsSync(root) ? readRuns(root).filter((r) => r.summary.scenario === name) : [];
    groups = new Map([[name, runs]]);
  }
  const trends: Trend[] = [];
  try {
    for (const [name, runs] of groups) {
      if (runs.length === 0) {
        console.error(`gateway-load trend: no saved run of '${name}' yet`);
        continue;
      }
      const baseline = options.baseline
        ? loadRun(resolve(options.baseline)).summary
        : getBaseline(workspace, name)?.summary;
      trends.push(buildTrend(runs, baseline, { metric: options.metric, last, tolerances }));
    }
  } catch (err) {
    if (err instanceof InputError) {
      console.error(`gateway-load trend: ${err.message}`);
      return 2;
    }
    throw err;
  }
  if (trends.length === 0) {
    console.error('gateway-load trend: no runs to show');
    return 2;
  }
  const text =
    format === 'json'
      ? renderTrendJson(trends)
      : format === 'html'
        ? renderTrendHtml(trends)
        : trends.map(renderTrendMarkdown).join('\n');
  if (options.output) {
    writeFileSync(options.output, text);
    console.log(`wrote ${resolve(options.output)}`);
  } else process.stdout.write(text);
  return trends.some((t) => t.points[t.points.length - 1]?.verdict === 'regressed') ? 1 : 0;
}
