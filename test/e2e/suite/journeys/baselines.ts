// Journey 7: a run marked as baseline, the mock made 30% slower, a second run: the end-of-run check
// reports a regression, Compare With Baseline opens the compare panel, the baseline file is on disk.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, mockControl, runToEnd, stopAnyRun } from '../runs';
import { waitFor, within, workspaceDir, wsFile } from '../util';
import { JOURNEY } from './names';

interface Comparison {
  regression: boolean;
  worse: string[];
  baseline: { runId: string };
  current: { runId: string };
}

async function resetMockLatency(): Promise<void> {
  await mockControl('POST', 'config', { latencyFactor: 1 });
}

/** Registers journey 7. */
export function baselinesJourney(): void {
  describe(JOURNEY.baselines, () => {
    afterEach(stopAnyRun);
    // Whatever happens, later journeys get the mock at its normal speed.
    after(resetMockLatency);

    it('mark a run as baseline, rerun 30% slower: regression reported, compare panel ready, baseline file written', async () => {
      const uri = wsFile('baseline.load.yaml');
      await resetMockLatency();
      const first = await runToEnd(uri, {});
      const file = await within(
        vscode.commands.executeCommand<string | undefined>('gatewayLoad.markBaseline', first.resultsDir),
        10_000,
        'gatewayLoad.markBaseline',
      );
      assert.ok(file, 'gatewayLoad.markBaseline wrote no file');
      assert.equal(dirname(file), join(workspaceDir(), '.gateway-load', 'baselines'));
      assert.ok(existsSync(file), `${file} does not exist`);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { summary?: { runId?: string } };
      assert.equal(saved.summary?.runId, first.runId, 'the baseline file holds another run');

      const patched = await mockControl<{ config: { latencyFactor: number } }>('POST', 'config', {
        latencyFactor: 1.3,
      });
      assert.equal(patched.config.latencyFactor, 1.3);
      const second = await runToEnd(uri, {});
      await resetMockLatency();

      const api = await extensionApi();
      const check = await waitFor(
        'the end-of-run baseline check of the second run',
        () => {
          const c = api.lastBaselineCheck();
          return c?.runId === second.runId ? c : undefined;
        },
        10_000,
      );
      assert.equal(check.baselineRunId, first.runId);
      assert.equal(
        check.regression,
        true,
        `no regression reported for a 30% slower mock; worse: ${JSON.stringify(check.worse)}`,
      );
      assert.ok(
        check.worse.some((w) => /time_to_first_token|http_req_duration/.test(w)),
        `latency is not among the worse metrics: ${check.worse.join(', ')}`,
      );
      assert.equal(check.notified, true, 'the regression was not notified');

      const comparison = await within(
        vscode.commands.executeCommand<Comparison | undefined>('gatewayLoad.compareWithBaseline', second.resultsDir),
        10_000,
        'gatewayLoad.compareWithBaseline',
      );
      assert.ok(comparison, 'gatewayLoad.compareWithBaseline compared nothing');
      assert.equal(comparison.regression, true);
      assert.equal(comparison.baseline.runId, first.runId);
      assert.equal(comparison.current.runId, second.runId);
      // The panel's page must load, say `webview/ready`, and be sent the comparison.
      await waitFor(
        'the compare panel page to say webview/ready',
        () => ((api.comparePanel().received['webview/ready'] ?? 0) >= 1 ? true : undefined),
        20_000,
      );
      await waitFor(
        'the compare panel to be sent its snapshot',
        () => ((api.comparePanel().posted['compare/snapshot'] ?? 0) >= 1 ? true : undefined),
        5_000,
      );
      const panel = api.comparePanel();
      assert.equal(panel.open, true);
      assert.equal(panel.shows, `${first.runId} → ${second.runId}`);
      assert.equal(panel.regression, true);
    });
  });
}
