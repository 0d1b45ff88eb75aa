// The panel's conversations section, fed the messages of a real run (engine in its worker) of
// 3-turn conversations against the mock: the line and one row per turn say what the summary says,
// in the words the CLI and the reports use. Screenshot kept.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, type PanelPage } from './harness';
import { chat, constantVus, scenario } from '../integration/engine/scenario-fixtures';
import { start } from '../integration/engine/run-helpers';
import { startMock, type MockServer } from '../../src/mock/index';
import type { HostToWebview, Summary } from '../../src/protocol';
import { conversationLine, TURN_HEAD, turnRows } from '../../src/shared/conversations-format';

const SHOTS = join(__dirname, 'screenshots');

describe('conversations in Chromium', () => {
  let mock: MockServer;
  let p: PanelPage;
  let summary: Summary;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mock = await startMock({ port: 0, ttftMs: 20, tokensPerSecond: 400, outputTokens: 12 });
    const request = chat({
      stream: true,
      prompt: undefined,
      maxTokens: 12,
      conversation: {
        turns: { min: 3, max: 3 },
        thinkTimeMs: 0,
        userTokens: { distribution: 'fixed', mean: 10, stddev: 0 },
        seed: 4,
      },
    });
    const h = start(scenario(mock.url, constantVus(3, 2000), [request]));
    summary = await h.done;
    const messages: HostToWebview[] = [
      { type: 'run/snapshot', info: h.info, windows: [], status: 'running', summary: null },
      ...h.windows.map((w): HostToWebview => ({ type: 'run/window', runId: h.info.runId, window: w })),
      { type: 'run/ended', runId: h.info.runId, status: summary.status, summary },
    ];
    p = await openPanel('dark', { width: 1280, height: 1000 });
    await p.feed(messages);
  });
  after(async () => {
    await p?.close();
    await mock?.close();
  });

  test('at the end: the conversations line and a row per turn, as the summary says', async () => {
    const turns = summary.conversations?.turns ?? [];
    assert.equal(turns.length, 3, JSON.stringify(summary.conversations));
    assert.ok(turns.every((t) => t.count > 0));
    const shown = await p.page.evaluate(() => ({
      line: document.querySelector('.conversations-line')?.textContent ?? null,
      head: [...document.querySelectorAll('table.turns thead th')].map((th) => th.textContent),
      rows: [...document.querySelectorAll('table.turns tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent),
      ),
    }));
    assert.equal(shown.line, conversationLine(summary));
    assert.deepEqual(shown.head, TURN_HEAD);
    assert.deepEqual(shown.rows, turnRows(turns));
    // Context grows turn by turn: each turn resends the earlier ones with their answers.
    const ctx = turns.map((t) => t.inputTokens?.mean ?? 0);
    assert.ok(ctx[0] < ctx[1] && ctx[1] < ctx[2], `context per turn ${ctx.join(', ')}`);
    await p.page.locator('table.turns').screenshot({ path: join(SHOTS, 'conversations-dark.png') });
  });
});
