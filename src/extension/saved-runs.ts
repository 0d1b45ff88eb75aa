// Reading the workspace's saved runs for the panel, the runs view and the report commands.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunInfo } from '../protocol';
import { listRuns, readRun, type RunListing } from '../run/results-store';
import type { SavedRun } from './snapshot';
import { allResultsRoots } from './workspace-paths';

/** One saved run as the runs view lists it. */
export type RunEntry = RunListing;

/** Every saved run of the workspace's folders, newest first. */
export async function allRuns(context: vscode.ExtensionContext): Promise<RunEntry[]> {
  const roots = allResultsRoots(context.globalStorageUri.fsPath);
  const lists = await Promise.all(
    roots.map(async (root) => {
      try {
        return listRuns(root);
      } catch {
        return [];
      }
    }),
  );
  return lists.flat().sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)));
}

/** The newest saved run's folder, if any. */
export async function newestRunDir(context: vscode.ExtensionContext): Promise<string | undefined> {
  return (await allRuns(context))[0]?.dir;
}

/** A run folder as the panel needs it; undefined when it holds nothing readable. */
export async function readSaved(dir: string): Promise<SavedRun | undefined> {
  try {
    const data = readRun(dir);
    const info = readInfo(dir);
    if (!data.summary && !data.scenario && !info && data.windows.length === 0) return undefined;
    return { dir, summary: data.summary, windows: data.windows, scenario: data.scenario ?? undefined, info };
  } catch {
    return undefined;
  }
}

/** `run.json`, the RunInfo the run controller writes at the start. */
function readInfo(dir: string): RunInfo | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunInfo;
    return typeof v === 'object' && v !== null && typeof v.runId === 'string' ? v : null;
  } catch {
    return null;
  }
}
