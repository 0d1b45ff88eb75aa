// Buffering judged per answer and per run: few bulk chunks and a late first token make an answer
// look buffered; short answers and cache hits are not judged; the run warns past half.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamRecorder } from '../../../src/engine/stream-stats';

describe('stream statistics', () => {
  test('bulk, late answers look buffered; streamed ones, short ones and unjudged ones do not', () => {
    const s = new StreamRecorder();
    try {
      // (chunks, token chunks, token events, tokens, ttft, duration)
      for (let i = 0; i < 6; i++) s.answer(2, 1, 40, 40, 950, 1000); // bulk at the end
      s.answer(41, 40, 40, 40, 100, 1000); // streamed
      s.answer(2, 2, 40, 40, 500, 1000); // few chunks but the first token half-way: not buffered
      s.answer(1, 1, 5, 5, 990, 1000); // too short to judge
      s.answer(1, 1, 40, 40, null, 10); // a cache hit: counted, not judged
      const r = s.summary();
      assert.equal(r.streams, 10);
      assert.deepEqual(r.buffering, { judged: 8, buffered: 6, share: 0.75, ttftShareOfDuration: 0.95 });
      assert.equal(r.buffered, true);
      assert.equal(r.chunksPerResponse!.max, 41);
      assert.equal(r.tokensPerChunk!.p50, 40);
    } finally {
      s.destroy();
    }
  });

  test('no warning at half or below, nor with fewer than 5 judged', () => {
    const half = new StreamRecorder();
    const few = new StreamRecorder();
    try {
      for (let i = 0; i < 5; i++) half.answer(1, 1, 40, 40, 990, 1000);
      for (let i = 0; i < 5; i++) half.answer(40, 40, 40, 40, 50, 1000);
      assert.equal(half.summary().buffered, false);
      for (let i = 0; i < 4; i++) few.answer(1, 1, 40, 40, 990, 1000);
      assert.equal(few.summary().buffered, false);
    } finally {
      half.destroy();
      few.destroy();
    }
  });
});
