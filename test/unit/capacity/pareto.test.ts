// The throughput–latency Pareto front: which steps are on it (dominated and generator-limited
// steps are not), and how the CLI, Markdown and HTML report it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paretoFront } from '../../../src/shared/pareto';
import { capacitySummaryLines } from '../../../src/run/capacity-format';
import { renderHtml } from '../../../src/report/html';
import { renderMarkdown } from '../../../src/report/markdown';
import { renderJunit } from '../../../src/report/junit';
import { compareSummaries } from '../../../src/report/compare';
import { step, sweepSummary } from './fixture';
import type { SweepStep } from '../../../src/shared/capacity';

function at(index: number, tps: number, tpotP50: number | null, limitedBy: SweepStep['limitedBy'] = null): SweepStep {
  return {
    ...step(index, index + 1, limitedBy),
    tokensPerSecond: tps,
    tpot: tpotP50 === null ? null : { p50: tpotP50, p95: tpotP50 * 2, p99: tpotP50 * 3 },
  };
}

test('the front keeps the steps no other step beats on both tokens/s and TPOT, sorted by tokens/s', () => {
  const steps = [
    at(0, 100, 10),
    at(1, 200, 12),
    at(2, 180, 15), // dominated by step 1: fewer tokens/s at a worse TPOT
    at(3, 400, 25),
    at(4, 390, 40, 'saturation'), // dominated by step 3
    at(5, 500, 60, 'slo'), // more throughput at a worse TPOT: on the front, past the stop rule
  ];
  const front = paretoFront(steps);
  assert.deepEqual(
    front.map((p) => [p.step, p.tokensPerSecond, p.tpotP50, p.interactivity, p.ok]),
    [
      [0, 100, 10, 100, true],
      [1, 200, 12, 83.3, true],
      [3, 400, 25, 40, true],
      [5, 500, 60, 16.7, false],
    ],
  );
});

test('generator-limited steps and steps without a TPOT are left out; a tie is one point', () => {
  const front = paretoFront([at(0, 100, 10), at(1, 100, 10), at(2, 900, 5, 'generator'), at(3, 300, null)]);
  assert.deepEqual(
    front.map((p) => p.step),
    [0],
  );
  assert.deepEqual(paretoFront([at(0, 0, null)]), []);
});

test('CLI, Markdown and HTML report the front and each step’s tokens/s', () => {
  const s = sweepSummary(30.67, 32);
  const front = s.capacity!.pareto!;
  assert.equal(front.length, 3, 'every step of the fixture is on the front');
  const cli = capacitySummaryLines(s).join('\n');
  assert.match(cli, /Pareto front \(output tokens\/s against p50 time per output token\):/);
  assert.match(cli, /step 2 \(30\.67\/s\): 1,227 tokens\/s at p50 TPOT 40\.7 ms \(24\.6 tokens\/s per user\)/);
  assert.match(cli, /step 3 \(32\/s\): 1,280 tokens\/s .*, past the stop rule/);
  assert.match(cli, /tok\/s/);

  const md = renderMarkdown(s);
  assert.match(md, /#### Throughput–latency Pareto front/);
  assert.match(md, /\| step 2 \| 30\.67\/s \| 1227 \| 40\.7 \| 24\.6 \| ← capacity \|/);
  assert.equal((md.match(/^\| step \d/gm) ?? []).length, 3);

  const html = renderHtml({ summary: s, windows: [] });
  const g = /<g class="front" data-points="(\d+)"><path d="([^"]+)"/.exec(html);
  assert.ok(g, 'front drawn');
  assert.equal(g[1], '3');
  assert.equal((g[2].match(/[ML]/g) ?? []).length, 3, 'the line joins the three points');
  assert.equal((html.match(/<circle class="front-point"/g) ?? []).length, 3);
  assert.match(html, /<g class="steps" data-points="3">/);
});

test('no front without streamed tokens: nothing is printed', () => {
  const s = sweepSummary(30.67, 32);
  delete s.capacity!.pareto;
  assert.doesNotMatch(capacitySummaryLines(s).join('\n'), /Pareto/);
  assert.doesNotMatch(renderMarkdown(s), /Pareto/);
  assert.doesNotMatch(renderHtml({ summary: s, windows: [] }), /id="pareto"/);
});

test('JUnit carries the capacity headline and the front as properties, and a capacity regression in one line', () => {
  const s = sweepSummary(30.67, 32);
  const xml = renderJunit(s);
  assert.match(xml, /<property name="capacity" value="Capacity: 1,840 RPM at ≥ 95% SLO attainment/);
  assert.match(
    xml,
    /<property name="capacity.pareto" value="step 1 \(15\.335\/s\): 613 tokens\/s at p50 TPOT 25\.3 ms/,
  );
  const c = compareSummaries(s, sweepSummary(25.15, 26.5));
  const reg = renderJunit(sweepSummary(25.15, 26.5), { comparison: c });
  assert.match(
    reg,
    /<failure message="Capacity −18% vs baseline \(1,840 → 1,509 RPM\): worse beyond tolerance \(a regression\)" type="regression">/,
  );
});
