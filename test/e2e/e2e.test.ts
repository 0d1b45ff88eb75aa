// The end-to-end suite of issue 7: provisions (cached) code-server, builds the extension and the
// in-host suite, starts the mock gateway, runs the journeys inside a real VS Code extension host and
// reports each journey as its own subtest, so a broken journey fails the run under its own name.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { provision, type Provisioned } from './provision';
import { buildSuite } from './build-suite';
import { launchBrowser } from './host';
import { byJourney, runSuite, REPO_ROOT, type SuiteOutcome } from './harness';
// The mock runs in its own process, as a user runs it: in this one it would share an event loop
// with Playwright's traffic and answer late under journey 10's 5,000 req/s.
import { startMock, type Mock } from '../support/cli-runs';
import { JOURNEY, NEEDS_MOCK, RESTRICTED_JOURNEYS, TRUSTED_JOURNEYS, selectJourneys } from './suite/journeys/names';

const verbose = process.env.GATEWAY_LOAD_E2E_VERBOSE === '1';
/** `GATEWAY_LOAD_E2E_ONLY=13,12` runs those journeys only (and journey 0); names.ts `selectJourneys`. */
const only = process.env.GATEWAY_LOAD_E2E_ONLY;
const log = (l: string): void => {
  if (verbose || l.startsWith('[provision]') || l.includes('[figure]')) console.log(l);
};

function failureReport(o: SuiteOutcome): string {
  const tail = o.log
    .filter((l) => !l.includes('E2E>'))
    .slice(-40)
    .join('\n');
  return (
    `exit code ${String(o.exitCode)}${o.timedOut ? ' (timed out)' : ''}, suite ${o.finished ? 'finished' : 'did NOT finish'}\n` +
    `--- suite console (tail) ---\n${tail}\n--- code-server output (tail) ---\n${o.hostOutput.slice(-3000)}`
  );
}

type Ctx = { test: (name: string, fn: (t: Ctx) => void | Promise<void>) => Promise<void> };

async function reportJourneys(t: Ctx, o: SuiteOutcome, expected: readonly string[]): Promise<void> {
  const groups = byJourney(o.results);
  for (const name of new Set([...expected, ...groups.keys()])) {
    await t.test(name, async (jt) => {
      const rs = groups.get(name);
      assert.ok(rs?.length, `journey "${name}" reported no result: ${failureReport(o)}`);
      // One subtest per in-host test, so the spec output shows what each journey proved and how long it took.
      for (const r of rs) {
        await jt.test(`${r.test} [${r.ms} ms in the host]`, () => {
          if (r.state !== 'failed') return;
          const err = new Error(`journey "${name}" failed: ${r.test}\n${r.error ?? ''}`);
          // The stack worth reading is the host's (in the message); the harness's frames are noise.
          err.stack = `Error: ${err.message}`;
          throw err;
        });
      }
    });
  }
}

describe('e2e: the extension in a real VS Code (code-server)', { timeout: 10 * 60_000 }, () => {
  let p: Provisioned;
  let browser: Browser | undefined;
  let mock: Mock | undefined;
  let testsPath = '';
  const t0 = Date.now();

  before(async () => {
    p = await provision(log);
    // `npm test` / `npm run test:e2e` build dist/ first; building again here would double the cost.
    assert.ok(
      existsSync(join(REPO_ROOT, 'dist', 'extension.js')),
      'dist/extension.js is missing: run `node esbuild.mjs` first',
    );
    testsPath = await buildSuite();
    if (NEEDS_MOCK.some((j) => TRUSTED_JOURNEYS.includes(j))) mock = await startMock();
    browser = await launchBrowser(p);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await mock?.stop();
    console.log(`[e2e] total wall time ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  });

  const modes = [
    { mode: 'trusted' as const, expected: selectJourneys(TRUSTED_JOURNEYS, only) },
    { mode: 'restricted' as const, expected: selectJourneys(RESTRICTED_JOURNEYS, only) },
  ].filter((m) => !only || m.expected.some((j) => j !== JOURNEY.host));
  for (const { mode, expected } of modes) {
    test(`${mode} workspace`, async (t) => {
      assert.ok(browser, 'setup did not complete');
      const env: Record<string, string> = {
        ...(mock ? { GATEWAY_URL: mock.url } : {}),
        ...(only ? { GATEWAY_LOAD_E2E_ONLY: only } : {}),
      };
      const o = await runSuite({ provisioned: p, browser, testsPath, mode, env, timeoutMs: 5 * 60_000, log });
      console.log(
        `[e2e] ${mode}: ${o.results.length} tests in ${(o.wallMs / 1000).toFixed(1)}s, exit ${String(o.exitCode)}`,
      );
      await reportJourneys(t, o, expected);
      assert.equal(o.exitCode, 0, `the in-host suite did not exit 0: ${failureReport(o)}`);
    });
  }
});
