// Journey 8: Export Scenario writes the Artillery and k6 scripts beside the scenario, and Export
// Report writes an HTML report into the folder of the last run.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { runToEnd, stopAnyRun } from '../runs';
import { within, workspaceDir, wsFile } from '../util';
import { JOURNEY } from './names';

async function exportTo(to: 'artillery' | 'k6'): Promise<string[]> {
  const files = await within(
    vscode.commands.executeCommand<string[] | undefined>(
      'gatewayLoad.exportScenario',
      wsFile('run-small.load.yaml'),
      to,
    ),
    10_000,
    `gatewayLoad.exportScenario(${to})`,
  );
  assert.ok(files && files.length > 0, `export to ${to} wrote nothing`);
  for (const f of files) assert.ok(existsSync(f), `${f} was reported but not written`);
  return files;
}

/** Registers journey 8. */
export function exportsJourney(): void {
  describe(JOURNEY.exports, () => {
    afterEach(stopAnyRun);

    it('gatewayLoad.exportScenario writes run-small.artillery.yml and run-small.k6.js beside the scenario', async () => {
      const artillery = await exportTo('artillery');
      assert.equal(artillery[0], join(workspaceDir(), 'run-small.artillery.yml'));
      // Artillery's file is YAML whose phases are the scenario's plan (10/s for 2 s).
      const script = parseYaml(readFileSync(artillery[0], 'utf8')) as {
        config?: { phases?: Array<{ duration?: number; arrivalRate?: number }> };
        scenarios?: unknown[];
      };
      assert.deepEqual(
        script.config?.phases?.map((p) => [p.duration, p.arrivalRate]),
        [[2, 10]],
        `phases: ${JSON.stringify(script.config?.phases)}`,
      );
      assert.ok(
        Array.isArray(script.scenarios) && script.scenarios.length > 0,
        'the Artillery script has no scenarios',
      );

      const k6 = await exportTo('k6');
      assert.equal(k6[0], join(workspaceDir(), 'run-small.k6.js'));
      const js = readFileSync(k6[0], 'utf8');
      assert.match(js, /^import http from 'k6\/http';$/m);
      assert.match(js, /__ENV\.GATEWAY_URL/, 'the base URL is not read from the environment');
      assert.match(js, /gpt-4o-mini/, 'the model is missing');
      // Side files (prompts) sit beside the script too.
      for (const f of [...artillery, ...k6])
        assert.equal(dirname(f), workspaceDir(), `${f} is not beside the scenario`);
    });

    it('gatewayLoad.exportReport writes an HTML report of the last run into its folder', async () => {
      const run = await runToEnd(wsFile('short.load.yaml'), {});
      // No run argument: the command takes the last run, as from the command palette after a run.
      const written = await within(
        vscode.commands.executeCommand<Record<string, string> | undefined>('gatewayLoad.exportReport', undefined, [
          'html',
        ]),
        15_000,
        'gatewayLoad.exportReport',
      );
      assert.ok(written?.html, `no HTML report: ${JSON.stringify(written)}`);
      assert.equal(dirname(written.html), run.resultsDir, "the report is not in the last run's folder");
      const html = readFileSync(written.html, 'utf8');
      assert.match(html.slice(0, 200), /<!doctype html>/i);
      assert.ok(html.includes('e2e short'), 'the report does not name the scenario');
      assert.ok(html.includes(run.runId), 'the report does not name the run');
      assert.ok(html.length > 2000, `the report is only ${html.length} characters`);
    });
  });
}
