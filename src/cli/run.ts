// `gateway-load run <file> [--out DIR] [--summary-json FILE] [--quiet] [--set key=value …]`:
// runs a scenario in the engine worker with a live progress line, prints the summary table and
// exits 0 when every threshold passes, 1 when any fails (or the run failed), 2 when the
// scenario is invalid. Ctrl-C stops gracefully and still writes the summary.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { parseScenario } from '../scenario/index';
import type { Scenario } from '../scenario/model';
import { ProgressTotals, progressLine, runPassed, summaryTable } from '../run/console-format';
import { startRun } from '../run/run-controller';
import { resolveInputs } from '../run/run-inputs';
import { formatDiagnostic } from './format-diagnostic';
import { MAX_WORKERS } from '../scenario/validate-workers';
import { REPORT_FORMATS, reportFormat, writeReports } from '../report/write';
import { fileHead } from '../shared/file-head';

const USAGE =
  'usage: gateway-load run <file> [--out DIR] [--summary-json FILE] [--report html,md,json,junit] [--baseline auto|PATH] [--quiet] [--workers N|auto] [--set key=value …] [--output prometheus-rw=URL …]';

/** Options of one CLI run. */
export interface CliRunOptions {
  outDir?: string;
  summaryJson?: string;
  quiet: boolean;
  sets: string[];
  report?: string;
  baseline?: string;
  outputs?: string[];
  /** `--workers N|auto`: load worker threads, over the scenario's `load.workers`. */
  workers?: number | 'auto';
}

/** The run command's arguments, parsed without side effects: a usage error, `help`, or what to run. */
export function parseRunArgs(argv: string[]): { file?: string; opts: CliRunOptions; help?: boolean; error?: string } {
  const opts: CliRunOptions = { quiet: false, sets: [] };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined =>
      a.includes('=') && a.startsWith('--') && !a.startsWith('--set=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
    if (a === '--help' || a === '-h') return { opts, help: true };
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--out' || a.startsWith('--out=')) opts.outDir = value();
    else if (a === '--summary-json' || a.startsWith('--summary-json=')) opts.summaryJson = value();
    else if (a === '--report' || a.startsWith('--report=')) opts.report = value();
    else if (a === '--baseline' || a.startsWith('--baseline=')) opts.baseline = value();
    else if (a === '--workers' || a.startsWith('--workers=')) {
      const v = value();
      const n = Number(v);
      if (v === 'auto') opts.workers = 'auto';
      else if (v !== undefined && /^\d+$/.test(v) && n >= 1 && n <= MAX_WORKERS) opts.workers = n;
      else return { opts, error: `--workers takes auto or a whole number from 1 to ${MAX_WORKERS}` };
    } else if (a === '--set') {
      const v = argv[++i];
      if (v !== undefined) opts.sets.push(v);
      else return { opts, error: '--set needs key=value' };
    } else if (a.startsWith('--set=')) opts.sets.push(a.slice(6));
    else if (a === '--output' || a.startsWith('--output=')) {
      const v = value();
      if (!v || !/^(prometheus-rw)=(https?:\/\/\S+)$/.test(v))
        return {
          opts,
          error: '--output takes prometheus-rw=URL, e.g. --output prometheus-rw=http://127.0.0.1:9090/api/v1/write',
        };
      (opts.outputs ??= []).push(v);
    } else if (a.startsWith('-')) return { opts, error: `unknown option '${a}'` };
    else if (file === undefined) file = a;
    else return { opts, error: 'one scenario file at a time' };
  }
  if (!file) return { opts, error: 'no scenario file given' };
  const missingValue = (flag: string, v: string | undefined) => v === undefined && argv.includes(flag);
  if (
    missingValue('--out', opts.outDir) ||
    missingValue('--summary-json', opts.summaryJson) ||
    missingValue('--report', opts.report) ||
    missingValue('--baseline', opts.baseline)
  ) {
    return { opts, error: 'an option is missing its value' };
  }
  const badFormat = opts.report?.split(',').find((f) => !reportFormat(f.trim()));
  if (badFormat !== undefined)
    return { opts, error: `unknown report format '${badFormat}': use ${REPORT_FORMATS.join(', ')}` };
  return { file, opts };
}

/** A usage error in the arguments, or undefined when they are accepted (the README test uses it). */
export function parse(argv: string[]): string | undefined {
  return parseRunArgs(argv).error;
}

export async function main(argv: string[]): Promise<number> {
  const { file, opts, help, error } = parseRunArgs(argv);
  if (help) {
    console.log(USAGE);
    return 0;
  }
  if (error !== undefined || file === undefined) {
    console.error(`gateway-load run: ${error}\n${USAGE}`);
    return 2;
  }
  return runFile(file, opts);
}

/** Applies `--set a.b[0].c=value` overrides to the YAML text (values typed as YAML reads them). */
export function applySets(text: string, sets: readonly string[]): { text: string; error?: string } {
  if (sets.length === 0) return { text };
  const doc = parseDocument(text);
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0)
      return { text, error: `--set '${s}': expected key=value, e.g. --set target.baseUrl=http://127.0.0.1:8790` };
    const path = s
      .slice(0, eq)
      .split(/\.|\[(\d+)\]/)
      .filter((p) => p !== undefined && p !== '')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const raw = s.slice(eq + 1);
    let value: unknown = raw;
    try {
      const v: unknown = parseYaml(raw);
      // Keep strings such as `10s` or `${env:X}` as written; take numbers, booleans and lists typed.
      if (typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v) || (typeof v === 'object' && v !== null))
        value = v;
    } catch {
      value = raw;
    }
    try {
      doc.setIn(path, value);
    } catch (err) {
      return { text, error: `--set '${s}': ${(err as Error).message}` };
    }
  }
  return { text: String(doc) };
}

/** Parses, runs and reports one scenario file; returns the exit code. */
export async function runFile(file: string, opts: CliRunOptions): Promise<number> {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    console.error(
      `gateway-load run: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
    return 2;
  }
  const set = applySets(text, opts.sets);
  if (set.error) {
    console.error(`gateway-load run: ${set.error}`);
    return 2;
  }
  const result = parseScenario(set.text, { file: abs, fileExists: (p) => existsSync(p), readHead: fileHead });
  for (const d of result.diagnostics) {
    const line = formatDiagnostic(file, d);
    if (d.severity === 'error') console.error(line);
    else if (!opts.quiet) console.error(line);
  }
  if (!result.scenario || result.diagnostics.some((d) => d.severity === 'error')) {
    console.error(`gateway-load run: ${file} is not a valid scenario`);
    return 2;
  }
  return runScenario(result.scenario, opts, dirname(abs));
}

/** Runs a parsed scenario with progress on stderr/stdout; the demo calls this too. */
export async function runScenario(scenario: Scenario, opts: CliRunOptions, baseDir: string): Promise<number> {
  for (const o of opts.outputs ?? []) {
    const eq = o.indexOf('=');
    (scenario.outputs ??= []).push({ type: 'prometheus-rw', url: o.slice(eq + 1), headers: {} });
  }
  const inputs = resolveInputs(scenario, process.env, join(baseDir, '.env'));
  if (inputs.missing.length) {
    console.error(`gateway-load run: cannot fill ${inputs.missing.join(', ')}`);
    return 2;
  }
  const resultsRoot = resolve('.gateway-load', 'runs');
  if (opts.outDir) mkdirSync(resolve(opts.outDir), { recursive: true });
  const handle = startRun(scenario, {
    workerPath: join(__dirname, 'worker.js'),
    resultsRoot,
    outDir: opts.outDir ? resolve(opts.outDir) : undefined,
    env: inputs.env,
    dotenv: inputs.dotenv,
    secrets: inputs.secrets,
    workers: opts.workers,
  });
  const tty = process.stdout.isTTY === true && !process.env.CI;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const totals = new ProgressTotals();
  let drawn = false;
  if (!opts.quiet)
    console.log(
      `running ${scenario.name} (${scenario.load.executor}, ${Math.round(scenario.load.durationMs / 1000)} s) → ${handle.resultsDir}`,
    );
  handle.on('window', (w) => {
    totals.add(w);
    if (opts.quiet) return;
    const line = progressLine(w, handle.info.plannedDurationMs, totals);
    if (tty) {
      process.stdout.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else if (!ci || w.index % 10 === 9) console.log(line);
  });
  handle.on('log', (level, message) => {
    if (opts.quiet && level === 'info') return;
    if (drawn) {
      process.stdout.write('\n');
      drawn = false;
    }
    console.error(`${level}: ${message}`);
  });
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      if (drawn) {
        process.stdout.write('\n');
        drawn = false;
      }
      console.error('stopping: in-flight requests get their graceful stop; press Ctrl-C again to quit now');
      handle.stop('interrupted (Ctrl-C)');
    } else process.exit(130);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const summary = await handle.done;
    if (drawn) process.stdout.write('\n');
    console.log(summaryTable(summary, handle.resultsDir));
    if (opts.summaryJson) {
      const target = resolve(opts.summaryJson);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, JSON.stringify(summary, null, 2) + '\n');
    }
    // A baseline alone compares too (no report files written); --report alone compares with `auto`.
    const regression = opts.report || opts.baseline ? reportRun(handle.resultsDir, opts) : false;
    return runPassed(summary) && !regression ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** Writes the asked reports (if any) into the run folder; true when the run regressed against its baseline. */
function reportRun(runDir: string, opts: CliRunOptions): boolean {
  try {
    const written = writeReports(runDir, [opts.report ?? ''], { baseline: opts.baseline ?? 'auto' });
    for (const file of Object.values(written.files)) console.log(`report: ${file}`);
    if (written.comparison?.regression)
      console.error(`regression against the baseline: ${written.comparison.worse.join(', ')}`);
    return written.comparison?.regression ?? false;
  } catch (err) {
    console.error(`gateway-load run: reports not written: ${(err as Error).message}`);
    return true;
  }
}
