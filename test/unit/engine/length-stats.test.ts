// Requested against served lengths, and their text in the CLI and Markdown summaries.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initHistograms } from '../../../src/engine/histogram';
import { LengthRecorder } from '../../../src/engine/length-stats';
import { tokenLengthLines, tokenLengthMarkdown } from '../../../src/report/token-lengths-format';
import type { Summary } from '../../../src/protocol';

describe('length statistics', () => {
  test('distributions, chat overhead, short answers and TTFT per prefix group', async () => {
    await initHistograms();
    const r = new LengthRecorder();
    for (let i = 1; i <= 100; i++) {
      r.record(i, 50, i + 7, i === 100 ? 20 : 50);
      r.ttft(i % 2, i % 2 ? 100 : 300);
    }
    r.record(undefined, undefined, null, null);
    const s = r.summary();
    assert.equal(s.input.requested!.count, 100);
    assert.equal(s.input.requested!.mean, 50.5);
    assert.ok(Math.abs(s.input.requested!.stddev - 28.866) < 0.01);
    assert.deepEqual(
      [s.input.requested!.min, s.input.requested!.max, s.input.requested!.p50, s.input.requested!.p99],
      [1, 100, 50, 99],
    );
    assert.equal(s.input.served!.mean, 57.5);
    assert.equal(s.input.overheadMean, 7);
    assert.equal(s.output.shortAnswers, 1);
    assert.equal(s.output.requested!.stddev, 0);
    assert.deepEqual(
      s.ttftByPrefixGroup.map((g) => [g.group, g.count, g.p50]),
      [
        [0, 50, 300],
        [1, 50, 100],
      ],
    );
    const summary = { tokenLengths: s } as Summary;
    const lines = tokenLengthLines(summary).join('\n');
    assert.match(lines, /input tokens +requested p50 50 · p90 90 · p99 99 \(mean 50\.5 ± 28\.9\)/);
    assert.match(lines, /served − requested: \+7 per request/);
    assert.match(lines, /1 answers shorter than max_tokens/);
    assert.match(
      lines,
      /TTFT by prefix group \(p50\/p90\/p99\) +#0 300\/300\/300 ms \(50\) · #1 100\/100\/100 ms \(50\)/,
    );
    assert.match(tokenLengthMarkdown(summary).join('\n'), /^\| output tokens \| p50 50/m);
    assert.deepEqual(tokenLengthLines({} as Summary), []);
    r.destroy();
  });
});
