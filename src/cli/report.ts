// `gateway-load report <run-folder|summary.json> --format html|md|json|junit [-o FILE] [--baseline B]`
import { writeFileSync } from 'node:fs';
import { compareSummaries, parseTolerances, type Comparison } from '../report/compare';
import { listBaselines, markBaseline, resolveBaselineArg } from '../report/baseline';
import { renderBaselineIndex } from '../report/markdown';
import { InputError, loadRun, type RunData } from '../report/load';
import { renderReport, reportFormat, REPORT_FORMATS } from '../report/write';

const USAGE = `usage: gateway-load report <run-folder|summary.json> [--format html|md|json|junit] [-o FILE]
                           [--baseline <run-folder|summary.json|baseline.json|auto>] [--tolerance SPEC]
                           [--mark-baseline] [--workspace DIR]
       gateway-load report --baselines [--workspace DIR] [-o FILE]

Renders a finished run. Without -o the report goes to standard output.
  --format, -f     html (default), md, json or junit
  --output, -o     file to write
  --baseline       add a comparison with this run or baseline (md, html, junit); 'auto' is the
                   workspace's baseline of the run's scenario, if one is marked
  --tolerance      per-metric tolerances for the comparison, e.g. http_req_duration=15%,http_req_failed=1pt
  --mark-baseline  make this run the baseline of its scenario (.gateway-load/baselines/<scenario>.json
                   in the workspace) and print that file's path; renders nothing unless -f or -o is given
  --workspace      the workspace folder (default: the current directory)
  --baselines      a Markdown page of the workspace's baselines and their key figures`;

/** Options shared by report and compare: `--name value`, `--name=value`, and short aliases. */
export function parseArgs(
  argv: string[],
  valued: Record<string, string>,
  flags: string[] = [],
): { positional: string[]; options: Record<string, string>; error?: string } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const raw = eq >= 0 ? a.slice(0, eq) : a;
    const name = valued[raw];
    if (flags.includes(raw)) {
      options[raw.replace(/^-+/, '')] = 'true';
      continue;
    }
    if (!name) return { positional, options, error: `unknown option '${raw}'` };
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) return { positional, options, error: `option '${raw}' needs a value` };
    options[name] = value;
  }
  return { positional, options };
}

const VALUED = {
  '--format': 'format',
  '-f': 'format',
  '--output': 'output',
  '-o': 'output',
  '--baseline': 'baseline',
  '--tolerance': 'tolerance',
  '--workspace': 'workspace',
};
const FLAGS = ['--mark-baseline', '--baselines'];

/** A usage error in the arguments, or undefined when they are accepted. */
export function parse(argv: string[]): string | undefined {
  const { positional, options, error } = parseArgs(argv, VALUED, FLAGS);
  if (error) return error;
  if (positional.length !== 1 && !(options.baselines && positional.length === 0))
    return positional.length ? 'one run at a time' : 'which run?';
  if (options.format !== undefined && !reportFormat(options.format)) return `unknown format '${options.format}'`;
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const { positional, options, error } = parseArgs(argv, VALUED, FLAGS);
  if (!error && options.baselines && positional.length === 0) {
    const ws = options.workspace ?? process.cwd();
    const text = renderBaselineIndex(
      listBaselines(ws).map((e) => ({ scenario: e.scenario, markedAt: e.markedAt, summary: loadRun(e.file).summary })),
    );
    if (options.output) writeFileSync(options.output, text);
    else process.stdout.write(text);
    return 0;
  }
  if (error || positional.length !== 1) {
    console.error(
      `gateway-load report: ${error ?? (positional.length ? 'one run at a time' : 'which run? give a run folder or summary.json')}\n\n${USAGE}`,
    );
    return 2;
  }
  const format = reportFormat(options.format ?? 'html');
  if (!format) {
    console.error(`gateway-load report: unknown format '${options.format}': use ${REPORT_FORMATS.join(', ')}`);
    return 2;
  }
  try {
    const run = loadRun(positional[0]);
    if (run.skippedLines)
      console.error(
        `gateway-load report: windows.ndjson ended in a torn line (the run was cut off mid-write): skipped it`,
      );
    const workspace = options.workspace ?? process.cwd();
    if (options['mark-baseline']) {
      console.log(markBaseline(workspace, positional[0]));
      if (!options.format && !options.output) return 0;
    }
    let comparison: Comparison | undefined;
    let baseRun: RunData | undefined;
    const baseline = options.baseline
      ? resolveBaselineArg(options.baseline, run.summary.scenario, workspace)
      : undefined;
    if (options.baseline && !baseline)
      console.error(`gateway-load report: no baseline marked for '${run.summary.scenario}': no comparison`);
    if (baseline) {
      baseRun = loadRun(baseline);
      comparison = compareSummaries(
        baseRun.summary,
        run.summary,
        options.tolerance ? parseTolerances(options.tolerance) : {},
      );
    }
    const text = renderReport(run, format, comparison, baseRun);
    if (options.output) {
      writeFileSync(options.output, text);
      // Under CI the path alone, so a script can capture it.
      console.error(
        process.env.CI === 'true' ? options.output : `gateway-load report: wrote ${format} report to ${options.output}`,
      );
    } else {
      process.stdout.write(text);
    }
    return 0;
  } catch (err) {
    if (err instanceof InputError || (err instanceof Error && err.message.startsWith('bad tolerance'))) {
      console.error(`gateway-load report: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
