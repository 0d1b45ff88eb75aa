// Per-turn statistics of conversations, and their text in the CLI summary, Markdown and HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initHistograms } from '../../../src/engine/histogram';
import { ConversationRecorder } from '../../../src/engine/conversation-stats';
import { conversationConsoleLines, conversationMarkdown } from '../../../src/report/conversations-format';
import { renderHtml } from '../../../src/report/html';
import type { Summary } from '../../../src/protocol';
import { makeSummary } from '../report/fixture';

test('a row per turn: failures apart, TTFT and duration of successful turns, context from usage', async () => {
  await initHistograms();
  const r = new ConversationRecorder();
  r.started = 10;
  r.completed = 7;
  r.broken = 1;
  r.unfinished = 2;
  for (let i = 0; i < 10; i++) r.turn(1, true, 100 + i, 50, 100);
  for (let i = 0; i < 9; i++) r.turn(2, i > 0, 200, i > 0 ? 60 : null, 300 + i);
  r.turn(3, true, 300, null, null);
  const c = r.summary();
  assert.deepEqual(
    c.turns.map((t) => [t.turn, t.count, t.failed]),
    [
      [1, 10, 0],
      [2, 9, 1],
      [3, 1, 0],
    ],
  );
  assert.deepEqual(c.turns[1].inputTokens, { mean: 305, min: 301, max: 308 });
  assert.equal(c.turns[0].ttft!.p50, 50);
  assert.equal(c.turns[2].ttft, null, 'not streamed: no TTFT');
  assert.equal(c.turns[2].inputTokens, null, 'no usage: no context length');
  const s = {
    ...makeSummary(),
    conversations: c,
    datasets: [
      {
        request: 'chat',
        file: 'sharegpt.json',
        format: 'sharegpt',
        used: 12,
        skipped: 1,
        firstError: 'line 7: not valid JSON',
        records: 5,
        wraps: 2,
        underruns: 0,
      },
    ],
  } as Summary;
  const cli = conversationConsoleLines(s).join('\n');
  assert.match(cli, /conversations 10 started · 7 completed · 1 broken off by a failed turn · 2 unfinished/);
  assert.match(cli, /\n {4}2 +9 +1 +60\.0 \/ 60\.0 \/ 60\.0 +200 \/ 200 \/ 200 +305 \[301–308\]/);
  assert.match(
    cli,
    /dataset +chat: sharegpt\.json \(sharegpt\) · 12 records used of 5 · went round the file 2 times · 1 items skipped \(line 7: not valid JSON\)/,
  );
  const md = conversationMarkdown(s).join('\n');
  assert.match(md, /\| 3 \| 1 \| 0 \| — \| 300 \/ 300 \/ 300 \| — \|/);
  const html = renderHtml({ summary: s, windows: [] });
  assert.match(html, /<section id="conversations"><h2>Conversations<\/h2>/);
  assert.match(html, /context \(input tokens\) mean \[min–max\]/);
  r.destroy();
});

test('single-turn datasets have no turn table, only the dataset line', () => {
  const s = {
    ...makeSummary(),
    conversations: {
      started: 3,
      completed: 3,
      broken: 0,
      dropped: 0,
      unfinished: 0,
      turns: [{ turn: 1, count: 3, failed: 0, duration: null, ttft: null, inputTokens: null }],
    },
    datasets: [
      {
        request: 'r',
        file: 'p.jsonl',
        format: 'jsonl',
        used: 3,
        skipped: 0,
        firstError: null,
        records: null,
        wraps: 0,
        underruns: 0,
      },
    ],
  } as Summary;
  assert.deepEqual(conversationConsoleLines(s), ['  dataset    r: p.jsonl (jsonl) · 3 records used']);
});
