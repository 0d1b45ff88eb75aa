// Journey 11: the Test Explorer lists a scenario with its thresholds as children; running it from
// the editor ("Test: Run Tests in Current File") passes one threshold and fails the other, each
// with its measured value in the message, and the scenario's own failure names the threshold.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, stopAnyRun } from '../runs';
import { open, waitFor, wsFile } from '../util';
import { JOURNEY } from './names';

/** Registers journey 12. */
export function testingJourney(): void {
  describe(JOURNEY.testing, () => {
    afterEach(stopAnyRun);

    it('lists every *.load.yaml as a test item with its thresholds as children', async () => {
      const api = await extensionApi();
      const uri = wsFile('testing.load.yaml');
      const item = await waitFor(
        'the testing scenario in the Test Explorer',
        () => api.testItems().items.find((i) => i.id === uri.toString()),
        20_000,
      );
      assert.equal(item.label, 'e2e testing');
      assert.deepEqual(item.children, ['http_req_failed: rate < 0.5', 'http_req_duration: p(95) < 1']);
      assert.equal(item.error, undefined);
      // A sweep lists its capacity check after its thresholds.
      const sweep = api.testItems().items.find((i) => i.id === wsFile('examples', 'sweep.load.yaml').toString());
      assert.deepEqual(sweep?.children, ['capacity: rpm > 1000', 'slo_attainment: rate > 0.5', 'capacity (sweep)']);
      // Another fixture: one item per scenario file.
      assert.ok(api.testItems().items.some((i) => i.id === wsFile('short.load.yaml').toString()));
      // A file with errors is listed, with its first error instead of children.
      const broken = api.testItems().items.find((i) => i.id === wsFile('mistakes.load.yaml').toString());
      assert.ok(broken?.error?.startsWith('line '), `mistakes.load.yaml: ${JSON.stringify(broken)}`);
    });

    it('a run passes one threshold and fails the other, with the values in the messages', async () => {
      const api = await extensionApi();
      const before = api.testItems().runsEnded;
      await open(wsFile('testing.load.yaml'));
      await waitFor(
        'the item before running',
        () => api.testItems().items.find((i) => i.id === wsFile('testing.load.yaml').toString()),
        20_000,
      );
      void vscode.commands.executeCommand('testing.runCurrentFile');
      await waitFor('the test run to end', () => (api.testItems().runsEnded > before ? true : undefined), 60_000);
      const outcomes = api.testItems().lastRun;
      const byLabel = (label: string) => outcomes.find((o) => o.label === label);
      const passed = byLabel('http_req_failed: rate < 0.5');
      const failed = byLabel('http_req_duration: p(95) < 1');
      assert.equal(passed?.outcome, 'passed', JSON.stringify(outcomes));
      assert.match(passed?.message ?? '', /^rate = 0%, limit 0\.5$/);
      assert.equal(failed?.outcome, 'failed', JSON.stringify(outcomes));
      assert.match(failed?.message ?? '', /^p\(95\) = \d+(\.\d+)? ms, limit 1$/);
      const scenario = byLabel('e2e testing');
      assert.equal(scenario?.outcome, 'failed');
      // The scenario's message is Markdown (it carries links): read it without its escapes.
      assert.match(
        (scenario?.message ?? '').replace(/\\/g, ''),
        /^1 of 2 thresholds failed: http_req_duration p\(95\) = \d+(\.\d+)? ms, limit 1\./,
      );
      assert.match(scenario?.message ?? '', /Open the run's panel/, 'the failure links to the run');
    });
  });
}
