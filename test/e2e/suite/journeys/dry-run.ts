// Journey 6: Dry Run sends a handful of requests to the mock and the Dry Run output shows each
// request and answer with its streamed tokens, with the secret header's value hidden.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { extensionApi, mockControl, runFolders, stopAnyRun } from '../runs';
import { waitFor, within, wsFile } from '../util';
import { JOURNEY } from './names';
import { assertStarted, type RunResult } from './run';

interface MockStats {
  requests: number;
  lastAuth: Array<{ route: string; authorization?: string }>;
}

const REQUESTS = 3;

/** Registers journey 6. */
export function dryRunJourney(): void {
  describe(JOURNEY.dryRun, () => {
    afterEach(stopAnyRun);

    it(`gatewayLoad.dryRun sends ${REQUESTS} requests; the transcript shows them, their streamed tokens, and no secret`, async () => {
      const secret = `sk-dry-${randomBytes(12).toString('hex')}`;
      const before = runFolders();
      await mockControl('POST', 'reset');
      const result = await within(
        vscode.commands.executeCommand<RunResult>('gatewayLoad.dryRun', wsFile('dry.load.yaml'), {
          secrets: { 'e2e-dry-key': secret },
          requests: REQUESTS,
        }),
        15_000,
        'gatewayLoad.dryRun',
      );
      assertStarted(result);
      await result.done;
      const api = await extensionApi();
      // The closing line is written after `done` resolves: wait for it rather than race it.
      const text = await waitFor(
        'the dry run transcript to close',
        () => {
          const t = api.dryRunTranscript();
          return /Dry run \w+: \d+\/\d+ succeeded/.test(t) ? t : undefined;
        },
        10_000,
      );
      const excerpt = `\n--- transcript (head) ---\n${text.slice(0, 1500)}`;
      assert.match(text, new RegExp(`Dry run completed: ${REQUESTS}/${REQUESTS} succeeded`), `closing line${excerpt}`);

      // The wire: exactly the handful planned, each carrying the real key.
      const stats = await mockControl<MockStats>('GET', 'stats');
      assert.equal(stats.requests, REQUESTS, `the mock saw ${stats.requests} requests`);
      assert.ok(
        stats.lastAuth.length > 0 && stats.lastAuth.every((a) => a.authorization === `Bearer ${secret}`),
        `the mock did not get the secret on every request: ${JSON.stringify(stats.lastAuth.slice(0, 2))}`,
      );

      // The transcript: one block per request, with the request line, its body, the answer and the tokens.
      for (let i = 1; i <= REQUESTS; i++) {
        assert.match(
          text,
          new RegExp(`── #${i} chat ─ HTTP 200 · \\d+ ms · first token \\d+ ms`),
          `block of request #${i}${excerpt}`,
        );
        assert.match(text, new RegExp(`── #${i} streaming: \\S+`), `streamed tokens of request #${i}${excerpt}`);
      }
      // The base URL comes from ${env:GATEWAY_URL}: where the load goes stays visible (only secrets and other env values are masked).
      assert.equal(
        text.match(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions$/gm)?.length,
        REQUESTS,
        `request lines${excerpt}`,
      );
      assert.equal(text.match(/^← HTTP 200$/gm)?.length, REQUESTS, `response lines${excerpt}`);
      assert.match(text, /"model": "gpt-4o-mini"/, `request body${excerpt}`);
      assert.match(text, /"stream": true/, `request body${excerpt}`);
      assert.match(text, /^ {2}content-type: text\/event-stream/im, `response headers${excerpt}`);

      // The secret: the header is there, its value is not, anywhere in the text.
      assert.equal(
        text.match(/^ {2}authorization: Bearer \[redacted\]$/gim)?.length,
        REQUESTS,
        `redacted Authorization header${excerpt}`,
      );
      assert.ok(!text.includes(secret), 'the transcript contains the secret value');
      assert.ok(!text.includes(secret.slice(0, 12)), 'the transcript contains part of the secret value');

      // A dry run keeps nothing in the workspace's results folder.
      assert.deepEqual(
        [...runFolders()].filter((n) => !before.has(n)),
        [],
        'the dry run wrote a run folder in the workspace',
      );
    });
  });
}
