// One in-host run, end to end: a fresh workspace, a code-server, Chromium on its workbench with the
// test-runner payload, and the journeys' outcomes parsed from the suite's output.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startHost, runHostTests } from './host';
import type { Provisioned } from './provision';
import type { JourneyResult } from './suite/reporter';
import { E2E_DIR } from './build-suite';

/** The repository root (extensionDevelopmentPath). */
export const REPO_ROOT = resolve(E2E_DIR, '..', '..');
const MARK = 'E2E>';

/** A workspace in a temp folder: the examples and the e2e fixtures, so runs never write into the repo. */
export function makeWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'gl-e2e-ws-'));
  writeFileSync(join(ws, 'README.md'), '# e2e workspace\n\nCreated by test/e2e for one run.\n');
  const examples = join(REPO_ROOT, 'examples');
  if (existsSync(examples)) cpSync(examples, join(ws, 'examples'), { recursive: true });
  const fixtures = join(E2E_DIR, 'fixtures');
  for (const name of existsSync(fixtures) ? readdirSync(fixtures) : [])
    cpSync(join(fixtures, name), join(ws, name), { recursive: true });
  return ws;
}

/** Parsed outcome of one in-host run. */
export interface SuiteOutcome {
  exitCode: number | null;
  timedOut: boolean;
  results: JourneyResult[];
  /** Whether the suite reported its end (else it crashed or hung before). */
  finished: boolean;
  log: string[];
  hostOutput: string;
  wallMs: number;
}

/** Pulls `E2E> pass|fail|done {json}` lines out of the suite's console. */
export function parseSuiteLog(lines: readonly string[]): { results: JourneyResult[]; finished: boolean } {
  const results: JourneyResult[] = [];
  let finished = false;
  for (const line of lines) {
    const at = line.indexOf(MARK);
    if (at < 0) continue;
    const m = /^(pass|fail|done) (.*)$/.exec(line.slice(at + MARK.length).trim());
    if (!m) continue;
    if (m[1] === 'done') {
      finished = true;
      continue;
    }
    try {
      results.push(JSON.parse(m[2] ?? '') as JourneyResult);
    } catch {
      /* a line cut by the console: the results file has it */
    }
  }
  return { results, finished };
}

/** Starts a host in the given mode, runs the suite in it, and always tears everything down. */
export async function runSuite(opts: {
  provisioned: Provisioned;
  browser: Browser;
  testsPath: string;
  mode: 'trusted' | 'restricted';
  env: Record<string, string>;
  timeoutMs: number;
  log?: (l: string) => void;
}): Promise<SuiteOutcome> {
  const t0 = Date.now();
  const ws = makeWorkspace();
  const resultsFile = join(ws, '..', `${ws.split('/').pop() ?? 'ws'}-results.json`);
  const host = await startHost({
    provisioned: opts.provisioned,
    workspaceTrust: opts.mode === 'restricted',
    env: { ...opts.env, GATEWAY_LOAD_E2E_MODE: opts.mode, GATEWAY_LOAD_E2E_RESULTS: resultsFile },
    log: opts.log,
  });
  try {
    const r = await runHostTests(host, opts.browser, {
      folder: ws,
      extensionPath: REPO_ROOT,
      testsPath: opts.testsPath,
      timeoutMs: opts.timeoutMs,
      log: opts.log,
    });
    let parsed = parseSuiteLog(r.log);
    if (!parsed.finished && existsSync(resultsFile)) {
      const file = JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: JourneyResult[] };
      parsed = { results: file.results, finished: true };
    }
    return {
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      ...parsed,
      log: r.log,
      hostOutput: host.output(),
      wallMs: Date.now() - t0,
    };
  } finally {
    await host.close();
    rmSync(ws, { recursive: true, force: true, maxRetries: 3 });
    rmSync(resultsFile, { force: true });
  }
}

/** Groups results by journey, keeping the order journeys first appeared in. */
export function byJourney(results: readonly JourneyResult[]): Map<string, JourneyResult[]> {
  const map = new Map<string, JourneyResult[]>();
  for (const r of results) map.set(r.journey, [...(map.get(r.journey) ?? []), r]);
  return map;
}
