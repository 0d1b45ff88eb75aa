// Reads a run's results folder (or a bare summary.json, or a baseline file) into memory.
// Windows come from the shared results-folder reader (a torn last line skipped and counted, a torn
// middle line an input error naming it): a report of a crashed run is exactly when someone needs one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunInfo, Summary, Window } from '../protocol';
import { summaryOfInterrupted } from './interrupted';
import type { Scenario } from '../scenario/model';
import { readWindows, ResultsFileError } from '../shared/results-folder';

/** Everything a report is made of. `dir` is the run folder when there is one. */
export interface RunData {
  summary: Summary;
  windows: Window[];
  scenario?: Scenario;
  dir?: string;
  /** Set when the input was a baseline file rather than a run. */
  baselineFile?: string;
  /** The folder had no summary.json: the summary was rebuilt from its windows. */
  interrupted?: boolean;
  /** Torn trailing lines of windows.ndjson that were skipped (a run killed mid-write). */
  skippedLines?: number;
}

/** A usage-level problem with an input path (missing file, not a summary): the CLI exits 2. */
export class InputError extends Error {}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
}

/** True when a value has the fields every report needs from a summary. */
export function isSummary(v: unknown): v is Summary {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.schemaVersion === 'number' &&
    typeof s.scenario === 'string' &&
    typeof s.metrics === 'object' &&
    s.metrics !== null
  );
}

/**
 * Loads a run from a run folder, a `summary.json` (its siblings are read when present) or a
 * baseline file written by `markBaseline`.
 */
export function loadRun(input: string): RunData {
  if (!existsSync(input)) throw new InputError(`${input}: no such file or folder`);
  if (statSync(input).isDirectory()) return loadRunDir(input);
  const json = readJson(input);
  if (isBaselineShape(json)) {
    return { summary: json.summary, windows: json.windows ?? [], scenario: json.scenarioModel, baselineFile: input };
  }
  if (!isSummary(json))
    throw new InputError(`${input}: not a gateway-load summary (no schemaVersion/scenario/metrics)`);
  const dir = dirname(input);
  // A summary beside its windows is a run folder; a lone copy elsewhere still renders.
  const isRunDir = basename(input) === 'summary.json' && existsSync(join(dir, 'windows.ndjson'));
  return { summary: json, ...(isRunDir ? readSiblings(dir) : { windows: [] }), dir: isRunDir ? dir : undefined };
}

function loadRunDir(dir: string): RunData {
  const summaryPath = join(dir, 'summary.json');
  if (!existsSync(summaryPath)) {
    // A killed run: rebuild its summary from the windows it saved (marked interrupted and partial).
    const siblings = readSiblings(dir);
    const infoPath = join(dir, 'run.json');
    const info = existsSync(infoPath) ? (readJson(infoPath) as RunInfo) : undefined;
    const rebuilt = siblings.windows.length
      ? summaryOfInterrupted(siblings.windows, siblings.scenario, info)
      : undefined;
    if (rebuilt) return { summary: rebuilt, ...siblings, dir, interrupted: true };
    throw new InputError(`${dir}: no summary.json (is the run still going, or is this not a run folder?)`);
  }
  const json = readJson(summaryPath);
  if (!isSummary(json)) throw new InputError(`${summaryPath}: not a gateway-load summary`);
  return { summary: json, ...readSiblings(dir), dir };
}

function readSiblings(dir: string): { windows: Window[]; skippedLines: number; scenario?: Scenario } {
  const sPath = join(dir, 'scenario.json');
  let read: { windows: Window[]; skippedLines: number };
  try {
    read = readWindows(dir);
  } catch (err) {
    if (err instanceof ResultsFileError) throw new InputError(err.message);
    throw err;
  }
  const scenario = existsSync(sPath) ? (readJson(sPath) as Scenario) : undefined;
  return { ...read, scenario };
}

interface BaselineShape {
  kind: string;
  summary: Summary;
  windows?: Window[];
  scenarioModel?: Scenario;
}

function isBaselineShape(v: unknown): v is BaselineShape {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { kind?: unknown }).kind === 'gateway-load-baseline' &&
    isSummary((v as { summary?: unknown }).summary)
  );
}
