import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compareSummaries, judge, parseTolerances, samplesNeeded } from '../../../src/report/compare';
import {
  renderComparisonJson,
  renderComparisonMarkdown,
  renderComparisonText,
} from '../../../src/shared/compare-render';
import { makeSummary } from './fixture';
import type { Summary } from '../../../src/protocol';

describe('parseTolerances', () => {
  test('reads relative, point and ms tolerances, per metric and per statistic', () => {
    assert.deepEqual(
      parseTolerances('http_req_duration=15%, http_req_failed=1pt,http_reqs=5%,time_to_first_token.p99=20ms'),
      {
        http_req_duration: { kind: 'relative', amount: 15 },
        http_req_failed: { kind: 'points', amount: 1 },
        http_reqs: { kind: 'relative', amount: 5 },
        'time_to_first_token.p99': { kind: 'ms', amount: 20 },
      },
    );
  });
  test('rejects what it cannot read, saying what would be valid', () => {
    assert.throws(() => parseTolerances('http_req_duration=fast'), /metric=N%/);
    assert.throws(() => parseTolerances('http_req_duration'), /bad tolerance/);
  });
});

describe('judge', () => {
  const rel10 = { kind: 'relative' as const, amount: 10 };
  test('latency: more than the tolerance up is worse, down is better, inside is same', () => {
    assert.equal(judge(100, 111, false, rel10, 0), 'worse');
    assert.equal(judge(100, 109, false, rel10, 0), 'same');
    assert.equal(judge(100, 89, false, rel10, 0), 'better');
  });
  test('sub-millisecond moves are noise whatever their percentage', () => {
    assert.equal(judge(0.2, 0.9, false, rel10, 0), 'same');
    assert.equal(judge(0.2, 1.5, false, rel10, 0), 'worse');
  });
  test('points compare fractions in percentage points', () => {
    const pt = { kind: 'points' as const, amount: 0.5 };
    assert.equal(judge(0.01, 0.016, false, pt, null), 'worse');
    assert.equal(judge(0.01, 0.014, false, pt, null), 'same');
    assert.equal(judge(0, 0.004, false, pt, null), 'same');
  });
  test('throughput: down is worse', () => {
    const rel5 = { kind: 'relative' as const, amount: 5 };
    assert.equal(judge(20, 18.9, true, rel5, null), 'worse');
    assert.equal(judge(20, 19.1, true, rel5, null), 'same');
    assert.equal(judge(20, 22, true, rel5, null), 'better');
  });
  test('from zero any move exceeds a relative tolerance', () => {
    assert.equal(judge(0, 3, false, rel10, null), 'worse');
    assert.equal(judge(0, 0, false, rel10, null), 'same');
  });
});

describe('compareSummaries', () => {
  test('30% slower latency is a regression naming each worse percentile', () => {
    const c = compareSummaries(makeSummary(), makeSummary({ latencyScale: 1.3 }));
    assert.equal(c.regression, true);
    assert.ok(c.worse.includes('http_req_duration.p95'));
    assert.ok(c.worse.includes('time_to_first_token.p50'));
    const d = c.metrics.find((m) => m.metric === 'http_req_duration');
    assert.equal(d?.verdict, 'worse');
    const p95 = d?.stats.find((s) => s.stat === 'p95');
    assert.equal(p95?.baseline, 180);
    assert.ok(Math.abs((p95?.changePct ?? 0) - 30) < 1e-9);
    // avg, max and p99.9 are shown but do not decide.
    assert.equal(d?.stats.find((s) => s.stat === 'max')?.decides, false);
  });
  test('the same figures are no regression and every verdict is same', () => {
    const c = compareSummaries(makeSummary(), makeSummary());
    assert.equal(c.regression, false);
    assert.deepEqual(c.worse, []);
    for (const m of c.metrics) if (m.verdict) assert.equal(m.verdict, 'same', m.metric);
  });
  test('a looser tolerance absorbs the slowdown; a per-statistic one can tighten it again', () => {
    assert.equal(
      compareSummaries(
        makeSummary(),
        makeSummary({ latencyScale: 1.3 }),
        parseTolerances('http_req_duration=40%,time_to_first_token=40%,inter_token_latency=40%'),
      ).regression,
      false,
    );
    const c = compareSummaries(
      makeSummary(),
      makeSummary({ latencyScale: 1.3 }),
      parseTolerances(
        'http_req_duration=40%,time_to_first_token=40%,inter_token_latency=40%,http_req_duration.p99=20%',
      ),
    );
    assert.deepEqual(c.worse, ['http_req_duration.p99']);
  });
  test('error rate up by more than half a point is worse; less is not', () => {
    assert.deepEqual(compareSummaries(makeSummary(), makeSummary({ failedRate: 0.006 })).worse, [
      'http_req_failed.rate',
    ]);
    assert.equal(compareSummaries(makeSummary(), makeSummary({ failedRate: 0.004 })).regression, false);
  });
  test('throughput down by more than 5% is worse', () => {
    const c = compareSummaries(makeSummary({ reqRate: 20 }), makeSummary({ reqRate: 18.8 }));
    assert.ok(c.worse.includes('http_reqs.rate'));
    assert.equal(
      compareSummaries(makeSummary({ reqRate: 20 }), makeSummary({ reqRate: 22 })).metrics.find(
        (m) => m.metric === 'http_reqs',
      )?.verdict,
      'better',
    );
  });
  test('tail percentiles of few samples are shown but not judged', () => {
    const b = makeSummary();
    const c = makeSummary({ latencyScale: 1.3 });
    for (const s of [b, c]) s.metrics.http_req_duration.count = 150;
    const d = compareSummaries(b, c).metrics.find((m) => m.metric === 'http_req_duration');
    assert.deepEqual(
      d?.stats.filter((s) => s.decides).map((s) => s.stat),
      ['p50', 'p90'],
    );
    assert.equal(d?.stats.find((s) => s.stat === 'p99')?.note, 'n < 1000');
    assert.equal(d?.stats.find((s) => s.stat === 'p95')?.note, 'n < 200');
    assert.equal(d?.verdict, 'worse');
    assert.match(
      renderComparisonText(compareSummaries(b, c)),
      /http_req_duration\s+p99\s+220\.0 ms\s+286\.0 ms\s+\+30\.0%\s+not judged \(n < 1000\)/,
    );
  });
  test('a late generator widens the floor for tail latency, not for the median', () => {
    const b = makeSummary();
    const c = makeSummary();
    c.metrics.http_req_duration = { ...c.metrics.http_req_duration, p90: 150 + 40, p50: 100 + 15 };
    c.generator = { ...c.generator, latenessP99Ms: 50, saturated: true };
    const cmp = compareSummaries(b, c);
    const d = cmp.metrics.find((m) => m.metric === 'http_req_duration');
    const p90 = d?.stats.find((s) => s.stat === 'p90');
    assert.equal(p90?.verdict, 'same');
    assert.equal(p90?.note, 'within generator noise ±50.0 ms');
    assert.equal(d?.stats.find((s) => s.stat === 'p50')?.verdict, 'worse');
    assert.deepEqual(cmp.worse, ['http_req_duration.p50']);
    assert.equal(cmp.noiseFloorMs, 50);
    assert.match(cmp.warnings[0], /current run's load generator was saturated/);
    assert.match(renderComparisonText(cmp), /^warning: The current run's load generator/m);
    assert.match(
      renderComparisonText(cmp),
      /http_req_duration\s+p90\s+150\.0 ms\s+190\.0 ms\s+\+26\.7%\s+same \(within generator noise ±50\.0 ms\)/,
    );
    // A tail move beyond the floor still counts.
    c.metrics.http_req_duration.p90 = 150 + 60;
    assert.ok(compareSummaries(b, c).worse.includes('http_req_duration.p90'));
  });
  test('different scenarios are compared with a warning', () => {
    assert.match(
      compareSummaries(makeSummary({ name: 'A' }), makeSummary({ name: 'B' })).warnings.join(),
      /Different scenarios: 'A' and 'B'/,
    );
  });
  test('samples needed per percentile', () => {
    assert.deepEqual(['p50', 'p90', 'p95', 'p99', 'p999', 'avg'].map(samplesNeeded), [20, 100, 200, 1000, 10000, 0]);
  });
  test('a metric only one run has is listed without a verdict', () => {
    const c = compareSummaries(makeSummary(), makeSummary({ ttft: false }));
    const t = c.metrics.find((m) => m.metric === 'time_to_first_token');
    assert.equal(t?.verdict, null);
    assert.equal(t?.stats[0].current, null);
    assert.equal(c.regression, false);
  });
});

describe('comparison renderers', () => {
  const c = compareSummaries(makeSummary(), makeSummary({ latencyScale: 1.3, failedRate: 0.02 }));
  test('text lists the deciding statistics and ends with the verdict', () => {
    const t = renderComparisonText(c);
    assert.match(t, /http_req_duration\s+p95\s+180\.0 ms\s+234\.0 ms\s+\+30\.0%\s+WORSE/);
    assert.match(t, /http_req_failed\s+rate\s+0\.00%\s+2\.00%\s+\+2\.00 pt\s+WORSE/);
    assert.match(t.trimEnd().split('\n').at(-1) ?? '', /^REGRESSION: .*http_req_duration\.p50/);
    assert.doesNotMatch(t, /\x1b\[/);
  });
  test('markdown has a table with tolerance and verdict columns', () => {
    const md = renderComparisonMarkdown(c);
    assert.match(md, /\*\*🔴 Regression\*\*/);
    assert.match(md, /\| http_req_duration \| p95 \| 180\.0 ms \| 234\.0 ms \| \+30\.0% \| 10% \| 🔴 worse \|/);
    assert.match(md, /\| http_reqs \| rate \| 20\.00\/s \| 20\.00\/s \| ±0\.0% \| 5% \| ⚪ same \|/);
  });
  test('json round-trips, infinities as strings', () => {
    const zero = makeSummary();
    zero.metrics.http_req_failed = { rate: 0 };
    const j = JSON.parse(renderComparisonJson(compareSummaries(zero, makeSummary({ failedRate: 0.1 })))) as {
      regression: boolean;
      metrics: Array<{ metric: string; stats: Array<{ changePct: unknown }> }>;
    };
    assert.equal(j.regression, true);
    assert.equal(j.metrics.find((m) => m.metric === 'http_req_failed')?.stats[0].changePct, 'Infinity');
  });
});

test('a tolerance for time_to_first_token holds for time_to_first_output_token unless it has its own', () => {
  const base = { count: 5000, p50: 100, p90: 110, p95: 120, p99: 130 };
  const slow = { count: 5000, p50: 130, p90: 143, p95: 156, p99: 169 };
  const mk = (m: typeof base) =>
    ({
      metrics: { time_to_first_token: m, time_to_first_output_token: m },
      generator: { latenessP99Ms: 0, eluMax: 0, saturated: false, warnings: [] },
      scenario: 's',
      runId: 'r',
      startedAt: '',
    }) as unknown as Summary;
  assert.equal(compareSummaries(mk(base), mk(slow), parseTolerances('time_to_first_token=50%')).regression, false);
  assert.deepEqual(
    compareSummaries(
      mk(base),
      mk(slow),
      parseTolerances('time_to_first_token=50%,time_to_first_output_token=10%'),
    ).worse.filter((w) => w.startsWith('time_to_first_output_token')).length > 0,
    true,
  );
});
