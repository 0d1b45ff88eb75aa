// `gateway-load compare <baseline> <current> [--tolerance …] [--format text|md|json]`
// Exit 0: no regression; 1: a regression; 2: usage error or unreadable input.
import { writeFileSync } from 'node:fs';
import { compareSummaries, JUDGED_METRICS, parseTolerances, type Comparison, type Tolerance } from '../report/compare';
import { renderComparisonJson, renderComparisonMarkdown, renderComparisonText } from '../shared/compare-render';
import { resolveBaselineArg } from '../report/baseline';
import { InputError, loadRun } from '../report/load';
import { parseArgs } from './report';

const USAGE = `usage: gateway-load compare <baseline> <current> [--tolerance SPEC] [--format text|md|json] [-o FILE] [--all]

<baseline> and <current> are run folders, summary.json files or baseline files
(.gateway-load/baselines/<scenario>.json); <baseline> 'auto' is the workspace's baseline of the
current run's scenario (exit 0 with a note when none is marked). Exit code 1 when current regressed.
  --workspace   the workspace folder for 'auto' (default: the current directory)
  --tolerance   e.g. http_req_duration=15%,http_req_failed=1pt,http_reqs=5%
                (defaults: latency percentiles 10%, error rate 0.5pt, throughput 5%;
                 metric.stat such as time_to_first_token.p99=20% targets one statistic)
  --format, -f  text (default), md or json
  --output, -o  also write the comparison to this file
  --all         text: show every statistic, not only the deciding ones`;

/** GitHub Actions shows these as annotations on the job. */
function annotations(c: Comparison): string[] {
  return c.worse.map(
    (w) => `::error title=Performance regression::${w} is worse than the baseline beyond its tolerance`,
  );
}

const VALUED = {
  '--tolerance': 'tolerance',
  '-t': 'tolerance',
  '--format': 'format',
  '-f': 'format',
  '--output': 'output',
  '-o': 'output',
  '--workspace': 'workspace',
};
const FORMATS = ['text', 'md', 'markdown', 'json'];

/** A usage error in the arguments, or undefined when they are accepted. */
export function parse(argv: string[]): string | undefined {
  const { positional, options, error } = parseArgs(argv, VALUED, ['--all']);
  if (error || positional.length !== 2) return error ?? 'give a baseline and a current run';
  if (!FORMATS.includes(options.format ?? 'text')) return `unknown format '${options.format}'`;
  if (options.tolerance !== undefined) {
    try {
      parseTolerances(options.tolerance);
    } catch (err) {
      return (err as Error).message;
    }
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const { positional, options, error } = parseArgs(argv, VALUED, ['--all']);
  if (error || positional.length !== 2) {
    console.error(`gateway-load compare: ${error ?? 'give a baseline and a current run'}\n\n${USAGE}`);
    return 2;
  }
  const format = options.format ?? 'text';
  if (!FORMATS.includes(format)) {
    console.error(`gateway-load compare: unknown format '${format}': use text, md or json`);
    return 2;
  }
  let tolerances: Record<string, Tolerance> = {};
  try {
    tolerances = options.tolerance ? parseTolerances(options.tolerance) : {};
  } catch (err) {
    console.error(`gateway-load compare: ${(err as Error).message}`);
    return 2;
  }
  const unknown = Object.keys(tolerances)
    .map((k) => k.split('.')[0])
    .filter((m) => !JUDGED_METRICS.includes(m));
  if (unknown.length) {
    console.error(
      `gateway-load compare: no verdict is given for ${unknown.join(', ')}; tolerances apply to ${JUDGED_METRICS.join(', ')}`,
    );
    return 2;
  }
  let comparison: Comparison;
  try {
    const current = loadRun(positional[1]);
    const baseline = resolveBaselineArg(positional[0], current.summary.scenario, options.workspace ?? process.cwd());
    if (!baseline) {
      console.error(
        `gateway-load compare: no baseline marked for '${current.summary.scenario}' (gateway-load report <run> --mark-baseline): nothing to compare`,
      );
      return 0;
    }
    comparison = compareSummaries(loadRun(baseline).summary, current.summary, tolerances);
  } catch (err) {
    if (err instanceof InputError) {
      console.error(`gateway-load compare: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const text =
    format === 'json'
      ? renderComparisonJson(comparison) + '\n'
      : format === 'text'
        ? renderComparisonText(comparison, { full: options.all === 'true' }) + '\n'
        : renderComparisonMarkdown(comparison) + '\n';
  process.stdout.write(text);
  if (options.output) writeFileSync(options.output, text);
  if (process.env.GITHUB_ACTIONS === 'true' && comparison.regression)
    for (const a of annotations(comparison)) console.log(a);
  return comparison.regression ? 1 : 0;
}
