// The one reader of a run's results folder, for every consumer (the Runs view, the live panel's
// saved runs, reports, compare, baselines). One rule for windows.ndjson: a crash or a kill loses
// at most the line being written, so a torn LAST line is skipped and counted; a torn line with
// complete lines after it is corruption, and an error that names the line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInfo, Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';

/** A results file that cannot be read as the run wrote it. */
export class ResultsFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The windows of one `windows.ndjson`, and how many torn trailing lines were skipped (0 or 1). */
export interface WindowsRead {
  windows: Window[];
  skippedLines: number;
}

function isWindow(v: unknown): v is Window {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Window).index === 'number' &&
    typeof (v as Window).tMs === 'number'
  );
}

/**
 * Parses the text of a `windows.ndjson`. Blank lines and JSON lines that are not windows are
 * passed over; a line that is not JSON is skipped and counted when it is the last non-blank
 * line, and throws a ResultsFileError naming it otherwise.
 */
export function parseWindows(text: string, file = 'windows.ndjson'): WindowsRead {
  const lines = text.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && !lines[last].trim()) last--;
  const windows: Window[] = [];
  let skippedLines = 0;
  for (let i = 0; i <= last; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      if (i === last) {
        skippedLines++;
        break;
      }
      throw new ResultsFileError(`${file} line ${i + 1} is not JSON: ${(err as Error).message}`, file, i + 1);
    }
    if (isWindow(v)) windows.push(v);
  }
  return { windows, skippedLines };
}

/** The windows of a run folder; none when it has no `windows.ndjson`. */
export function readWindows(dir: string): WindowsRead {
  const path = join(dir, 'windows.ndjson');
  return existsSync(path) ? parseWindows(readFileSync(path, 'utf8'), path) : { windows: [], skippedLines: 0 };
}

/** Everything a run folder holds; a file that is missing or unreadable JSON is null. */
export interface RunFolder extends WindowsRead {
  summary: Summary | null;
  scenario: Scenario | null;
  info: RunInfo | null;
}

/** Reads a run folder, whatever state its run ended in (running, killed, completed). */
export function readRunFolder(dir: string): RunFolder {
  return {
    summary: readJsonOrNull<Summary>(join(dir, 'summary.json')),
    scenario: readJsonOrNull<Scenario>(join(dir, 'scenario.json')),
    info: readJsonOrNull<RunInfo>(join(dir, 'run.json')),
    ...readWindows(dir),
  };
}

/** A JSON file's content, or null when it is missing or not JSON (a run killed before writing it). */
export function readJsonOrNull<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}
