// Baselines: one per scenario, in `<workspace>/.gateway-load/baselines/<scenario-slug>.json`,
// a self-contained copy (summary, windows, redacted scenario) so it can be committed and
// survives the run folder being deleted.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';
import { loadRun } from './load';
import { redactScenario } from '../shared/redact';

/** The baseline file's shape. `kind` tells it apart from a summary when handed to `compare`. */
export interface BaselineFile {
  kind: 'gateway-load-baseline';
  version: 1;
  scenario: string;
  slug: string;
  markedAt: string;
  /** The run folder it was taken from, relative to the workspace (may no longer exist). */
  source?: string;
  summary: Summary;
  windows: Window[];
  scenarioModel?: Scenario;
}

/** A baseline as listed: where it is and which run it holds. */
export interface BaselineEntry {
  file: string;
  scenario: string;
  slug: string;
  markedAt: string;
  runId: string;
  startedAt: string;
}

/** The folder of baselines inside a workspace. */
export function baselinesDir(workspace: string): string {
  return join(workspace, '.gateway-load', 'baselines');
}

/** A file-name-safe slug of a scenario's name: `Chat completions — baseline` → `chat-completions-baseline`. */
export function scenarioSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'scenario';
}

/** Where the baseline of a scenario lives. */
export function baselinePath(workspace: string, scenarioName: string): string {
  return join(baselinesDir(workspace), `${scenarioSlug(scenarioName)}.json`);
}

/** Makes the run in `runDir` (or a summary.json) the baseline of its scenario; returns the file written. */
export function markBaseline(workspace: string, runDir: string, now = new Date()): string {
  const run = loadRun(runDir);
  const file = baselinePath(workspace, run.summary.scenario);
  const data: BaselineFile = {
    kind: 'gateway-load-baseline',
    version: 1,
    scenario: run.summary.scenario,
    slug: scenarioSlug(run.summary.scenario),
    markedAt: now.toISOString(),
    source: run.dir ? relative(workspace, run.dir).split('\\').join('/') : undefined,
    summary: run.summary,
    windows: run.windows,
    scenarioModel: run.scenario ? redactScenario(run.scenario) : undefined,
  };
  mkdirSync(baselinesDir(workspace), { recursive: true });
  writeFileSync(file, JSON.stringify(data, null, 1) + '\n');
  return file;
}

function readBaseline(file: string): BaselineFile | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as BaselineFile;
    return v && v.kind === 'gateway-load-baseline' && v.summary ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The baseline of a scenario (by its name), or undefined when none is marked. */
export function getBaseline(workspace: string, scenarioName: string): BaselineFile | undefined {
  const file = baselinePath(workspace, scenarioName);
  return existsSync(file) ? readBaseline(file) : undefined;
}

/** Every baseline in the workspace, sorted by scenario. Unreadable files are skipped. */
export function listBaselines(workspace: string): BaselineEntry[] {
  const dir = baselinesDir(workspace);
  if (!existsSync(dir)) return [];
  const out: BaselineEntry[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = join(dir, name);
    const b = readBaseline(file);
    if (b)
      out.push({
        file,
        scenario: b.scenario,
        slug: b.slug,
        markedAt: b.markedAt,
        runId: b.summary.runId,
        startedAt: b.summary.startedAt,
      });
  }
  return out;
}

/**
 * Resolves a baseline argument: `auto` means the workspace's baseline of the current run's
 * scenario (undefined when none is marked); anything else is a path, returned as is.
 */
export function resolveBaselineArg(arg: string, scenarioName: string, workspace: string): string | undefined {
  if (arg !== 'auto') return arg;
  const file = baselinePath(workspace, scenarioName);
  return existsSync(file) ? file : undefined;
}
