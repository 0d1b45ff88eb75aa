// Journey 2: CodeLens offers Run / Dry Run above a scenario; Run against the mock opens the live
// panel and leaves a results folder whose summary counts exactly the planned requests.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, livePanelTab, newRunFolder, readSummary, rethrow, runFolders, stopAnyRun, track } from '../runs';
import { open, waitFor, wsFile } from '../util';
import { JOURNEY } from './names';

/** What `gatewayLoad.run` resolves with (see src/extension/run-commands.ts). */
export type RunResult = { runId: string; resultsDir: string; done: Promise<unknown> } | { blocked: string };

/** Asserts a run started, naming why when it did not. */
export function assertStarted(r: RunResult | undefined): asserts r is Extract<RunResult, { runId: string }> {
  assert.ok(r, 'gatewayLoad.run resolved with nothing');
  assert.ok(!('blocked' in r), `gatewayLoad.run refused: ${'blocked' in r ? r.blocked : ''}`);
}

/** Registers journey 2. */
export function runJourney(): void {
  describe(JOURNEY.run, () => {
    afterEach(stopAnyRun);

    it('CodeLens shows ▶ Run and Dry Run above the scenario', async () => {
      const editor = await open(wsFile('run-small.load.yaml'));
      const uri = editor.document.uri;
      const lenses = await waitFor('Run / Dry Run lenses', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
        const cmds = l.map((x) => x.command?.command);
        return cmds.includes('gatewayLoad.run') && cmds.includes('gatewayLoad.dryRun') ? l : undefined;
      });
      const run = lenses.find((l) => l.command?.command === 'gatewayLoad.run');
      const dry = lenses.find((l) => l.command?.command === 'gatewayLoad.dryRun');
      assert.match(run?.command?.title ?? '', /Run/);
      assert.match(dry?.command?.title ?? '', /Dry Run/);
      assert.equal(String(run?.command?.arguments?.[0]), uri.toString(), 'the Run lens should pass the document URI');
    });

    it('gatewayLoad.run against the mock opens the live panel and writes windows.ndjson and summary.json', async () => {
      const uri = wsFile('run-small.load.yaml');
      const before = runFolders();
      const t0 = Date.now();
      const started = track(vscode.commands.executeCommand<RunResult>('gatewayLoad.run', uri));
      await waitFor(
        'the live panel tab',
        () => {
          rethrow(started, 'gatewayLoad.run');
          return livePanelTab();
        },
        20_000,
      );
      // A tab alone proves little: the page's script must run and say `webview/ready`, then get its snapshot.
      const api = await extensionApi();
      await waitFor(
        'the live panel page to load and say webview/ready',
        () => ((api.livePanel().received['webview/ready'] ?? 0) >= 1 ? true : undefined),
        20_000,
      );
      await waitFor(
        'the live panel to be sent its snapshot',
        () => ((api.livePanel().posted['run/snapshot'] ?? 0) >= 1 ? true : undefined),
        5_000,
      );
      const result = await started.promise;
      assertStarted(result);
      await result.done;
      const dir = await waitFor(
        'a new results folder with summary.json',
        () => {
          const d = newRunFolder(before);
          return d && readSummary(d) ? d : undefined;
        },
        10_000,
      );
      assert.equal(dir, result.resultsDir);
      const summary = readSummary(dir);
      assert.ok(summary);
      assert.equal(summary.status, 'completed', `run status ${summary.status}: ${summary.reason ?? ''}`);
      // The plan: 10/s for 2 s.
      assert.equal(summary.requests.sent, 20, `sent ${summary.requests.sent} requests, planned 20`);
      assert.equal(summary.requests.succeeded, 20, `errors: ${JSON.stringify(summary.errors)}`);
      const windowsFile = join(dir, 'windows.ndjson');
      assert.ok(existsSync(windowsFile), 'windows.ndjson is missing');
      const windows = readFileSync(windowsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown);
      assert.ok(windows.length >= 2, `windows.ndjson has ${windows.length} windows for a 2 s run`);
      assert.ok(Date.now() - t0 < 30_000, 'a 2 s run took over 30 s');
    });
  });
}
