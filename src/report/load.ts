// Reads a run's results folder (or a bare summary.json, or a baseline file) into memory.
// A crash loses at most the last second, so a torn last line of windows.ndjson is skipped,
// never fatal: a report of a crashed run is exactly when someone needs one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';

/** Everything a report is made of. `dir` is the run folder when there is one. */
export interface RunData {
  summary: Summary;
  windows: Window[];
  scenario?: Scenario;
  dir?: string;
  /** Set when the input was a baseline file rather than a run. */
  baselineFile?: string;
}

/** A usage-level problem with an input path (missing file, not a summary): the CLI exits 2. */
export class InputError extends Error {}

/** Parses `windows.ndjson`, skipping blank lines and a torn last line. */
export function parseWindows(text: string): Window[] {
  const lines = text.split('\n');
  const out: Window[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const w = JSON.parse(line) as Window;
      if (typeof w === 'object' && w !== null && typeof w.index === 'number' && typeof w.tMs === 'number') out.push(w);
    } catch (err) {
      // Only the last non-empty line may be torn by a crash; anything earlier is corruption.
      const rest = lines.slice(i + 1).some((l) => l.trim());
      if (rest) throw new InputError(`windows.ndjson line ${i + 1} is not JSON: ${(err as Error).message}`);
    }
  });
  return out;
}

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
  return typeof s.schemaVersion === 'number' && typeof s.scenario === 'string' && typeof s.metrics === 'object' && s.metrics !== null;
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
  if (!isSummary(json)) throw new InputError(`${input}: not a gateway-load summary (no schemaVersion/scenario/metrics)`);
  const dir = dirname(input);
  // A summary beside its windows is a run folder; a lone copy elsewhere still renders.
  const isRunDir = basename(input) === 'summary.json' && existsSync(join(dir, 'windows.ndjson'));
  return { summary: json, ...(isRunDir ? readSiblings(dir) : { windows: [] }), dir: isRunDir ? dir : undefined };
}

function loadRunDir(dir: string): RunData {
  const summaryPath = join(dir, 'summary.json');
  if (!existsSync(summaryPath)) throw new InputError(`${dir}: no summary.json (is the run still going, or is this not a run folder?)`);
  const json = readJson(summaryPath);
  if (!isSummary(json)) throw new InputError(`${summaryPath}: not a gateway-load summary`);
  return { summary: json, ...readSiblings(dir), dir };
}

function readSiblings(dir: string): { windows: Window[]; scenario?: Scenario } {
  const wPath = join(dir, 'windows.ndjson');
  const sPath = join(dir, 'scenario.json');
  const windows = existsSync(wPath) ? parseWindows(readFileSync(wPath, 'utf8')) : [];
  const scenario = existsSync(sPath) ? (readJson(sPath) as Scenario) : undefined;
  return { windows, scenario };
}

interface BaselineShape { kind: string; summary: Summary; windows?: Window[]; scenarioModel?: Scenario }

function isBaselineShape(v: unknown): v is BaselineShape {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'gateway-load-baseline' && isSummary((v as { summary?: unknown }).summary);
}
