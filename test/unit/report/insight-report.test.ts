// The summary's cache, stream and gateway warnings wherever users look: the CLI summary, the
// HTML, Markdown and JUnit reports (one set of rows), and the baseline comparison's hit ratio.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Summary } from '../../../src/protocol';
import { renderHtml } from '../../../src/report/html';
import { renderMarkdown } from '../../../src/report/markdown';
import { renderJunit } from '../../../src/report/junit';
import { compareSummaries } from '../../../src/report/compare';
import { summaryTable } from '../../../src/run/console-format';
import { bufferingWarning, type StreamSummary } from '../../../src/shared/stream-summary';
import { makeSummary } from './fixture';

const side = (p50: number) => ({ count: 300, p50, p90: p50 * 1.5, p99: p50 * 2, avg: p50 * 1.1 });
const stream: StreamSummary = {
  streams: 1000,
  chunksPerResponse: { p50: 1, p90: 2, mean: 1.2, max: 3 },
  tokensPerChunk: { p50: 40, p90: 40, mean: 38.5, max: 40 },
  buffering: { judged: 1000, buffered: 990, share: 0.99, ttftShareOfDuration: 0.97 },
  buffered: true,
  contract: { noTerminator: 4, truncated: 1, noUsage: 2, notEventStream: 0 },
};

function withInsight(hitRatio: number): Summary {
  const s = makeSummary();
  const hits = Math.round(hitRatio * 1000);
  s.cache = {
    hits,
    misses: 1000 - hits,
    hitRatio,
    headers: ['x-cache'],
    repeatsSent: 300,
    repeatShare: 0.3,
    hit: { duration: side(5), ttft: side(2) },
    miss: { duration: side(400), ttft: side(200) },
  };
  s.metrics.cache_hit_ratio = { count: 1000, rate: hitRatio };
  s.stream = stream;
  s.warnings = [bufferingWarning(stream)];
  return s;
}

describe('cache and stream in the reports', () => {
  const s = withInsight(0.298);

  test('the warning names the causes and the figures', () => {
    assert.match(
      s.warnings![0],
      /^Streams look buffered: 990 of 1000 answers arrived in a few bulk chunks \(median 1 chunk per answer\), and the first token came at 97% of the answer's time/,
    );
    assert.match(s.warnings![0], /proxy buffering, e\.g\. nginx proxy_buffering/);
    assert.match(s.warnings![0], /gzip of text\/event-stream at a CDN or proxy/);
  });

  test('CLI summary: cache and stream blocks, the warning once', () => {
    const text = summaryTable(s);
    assert.match(text, /\n {2}cache\n {4}hit ratio {10}29\.8% \(298 hits of 1000\) from x-cache\n/);
    assert.match(text, /repeats sent {7}30\.0% \(300, prompt\.repeat\)/);
    assert.match(text, /TTFT hit {11}p50 2\.0 ms · p90 3\.0 ms · p99 4\.0 ms \(300\)/);
    assert.match(text, /chunks per answer {2}p50 1 · p90 2 · mean 1\.2 · max 3/);
    assert.match(text, /buffered answers {3}990 of 1000 \(99\.0%\) ⚠/);
    assert.match(
      text,
      /4 without terminator \(finish reason given: not errors\) · 1 truncated \(protocol errors\) · 2 without usage/,
    );
    assert.equal(text.split('Streams look buffered').length - 1, 1);
  });

  test('HTML, Markdown and JUnit carry the same rows and the warning', () => {
    const html = renderHtml({ summary: s, windows: [] });
    assert.match(html, /<section id="gateway-warnings"><p class="warn">⚠ Streams look buffered/);
    assert.match(html, /<section id="cache"><h2>Cache<\/h2>.*29\.8% \(298 hits of 1000\) from x-cache/s);
    assert.match(html, /<section id="stream"><h2>Stream<\/h2>.*tokens per chunk<\/th><td>p50 40/s);
    const md = renderMarkdown(s);
    assert.match(md, /> ⚠ Streams look buffered/);
    assert.match(
      md,
      /### Cache\n\n\| \| \|\n\| --- \| --- \|\n\| hit ratio \| 29\.8% \(298 hits of 1000\) from x-cache \|/,
    );
    assert.match(md, /### Stream\n/);
    const xml = renderJunit(s);
    assert.match(xml, /<property name="cacheHitRatio" value="0\.298"\/>/);
    assert.match(xml, /<property name="streamBuffered" value="true"\/>/);
    assert.match(xml, /<system-out>warning: Streams look buffered/);
  });

  test('compare: a hit ratio down by more than 3 points is worse; within 3 is the same', () => {
    const worse = compareSummaries(withInsight(0.3), withInsight(0.2)).metrics.find(
      (m) => m.metric === 'cache_hit_ratio',
    )!;
    assert.equal(worse.verdict, 'worse');
    const same = compareSummaries(withInsight(0.3), withInsight(0.28)).metrics.find(
      (m) => m.metric === 'cache_hit_ratio',
    )!;
    assert.equal(same.verdict, 'same');
  });

  test('a run without cache or streams prints none of it', () => {
    const plain = makeSummary();
    assert.doesNotMatch(summaryTable(plain), /\n {2}cache\n|\n {2}stream\n/);
    assert.doesNotMatch(renderHtml({ summary: plain, windows: [] }), /id="cache"|id="stream"|gateway-warnings/);
    assert.match(renderJunit(plain), /<system-out><\/system-out>/);
  });
});
