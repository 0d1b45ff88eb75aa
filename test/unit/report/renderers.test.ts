import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compareSummaries } from '../../../src/report/compare';
import { renderJson } from '../../../src/report/json';
import { renderJunit, xmlEscape } from '../../../src/report/junit';
import { renderBaselineIndex, renderMarkdown } from '../../../src/report/markdown';
import { makeSummary } from './fixture';
import { parseXml } from './xml-check';

describe('markdown', () => {
  test('key figures, thresholds with marks, errors and checks', () => {
    const s = makeSummary({ failedRate: 0.025, thresholdsOk: false, checkFails: 2 });
    const md = renderMarkdown(s);
    assert.match(md, /^## ❌ Load test: Chat <smoke> & "quotes"/);
    assert.match(md, /\| Throughput \(req\/s\) \| 20\.00 \|/);
    assert.match(md, /\| Latency p95 \| 180\.0 ms \|/);
    assert.match(md, /\| Error rate \| 2\.50% \|/);
    assert.match(md, /\| TTFT p50 \| 40\.00 ms \|/);
    assert.match(md, /### Thresholds \(1\/2 passed\)/);
    assert.match(md, /\| ✓ \| http_req_duration \| `p\(95\) < 500` \| 180\.0 ms \|/);
    assert.match(md, /\| ✗ \| http_req_failed \| `rate < 0\.01` \| 2\.50% \|/);
    assert.match(md, /\| http_5xx \| 2 \| 2\.50% \|/);
    assert.match(md, /\| ✗ \| `status == 200` \| 78 \| 2 \|/);
    assert.doesNotMatch(md, /Comparison with baseline/);
  });
  test('a passing run says so; a comparison appends its section', () => {
    const md = renderMarkdown(makeSummary(), { comparison: compareSummaries(makeSummary(), makeSummary()) });
    assert.match(md, /^## ✅/);
    assert.match(md, /### Comparison with baseline/);
    assert.match(md, /No regression/);
    assert.doesNotMatch(md, /### Errors/);
  });
  test('a regression fails the headline', () => {
    assert.match(
      renderMarkdown(makeSummary(), { comparison: compareSummaries(makeSummary(), makeSummary({ latencyScale: 2 })) }),
      /^## ❌/,
    );
  });
  test('pipes in names do not break tables', () => {
    const s = makeSummary();
    s.checks = [{ name: 'body.x matches /a|b/', passes: 1, fails: 0 }];
    assert.match(renderMarkdown(s), /`body\.x matches \/a\\\|b\/`/);
  });
});

describe('baseline index', () => {
  test('one row per baseline, sorted by scenario, with the key figures', () => {
    const md = renderBaselineIndex([
      {
        scenario: 'Zeta',
        markedAt: '2026-11-26T12:00:00.000Z',
        summary: makeSummary({ name: 'Zeta', latencyScale: 2 }),
      },
      {
        scenario: 'Alpha',
        markedAt: '2026-11-26T11:00:00.000Z',
        summary: makeSummary({ name: 'Alpha', failedRate: 0.01 }),
      },
    ]);
    const rows = md.split('\n').filter((l) => /^\| (Alpha|Zeta) /.test(l));
    assert.deepEqual(
      rows.map((r) => r.split(' | ')[0]),
      ['| Alpha', '| Zeta'],
    );
    assert.match(rows[0], /\| 20\.00 \| 1\.00% \| 100\.0 ms \| 180\.0 ms \| 220\.0 ms \| 72\.00 ms \|$/);
    assert.match(rows[1], /\| 200\.0 ms \| 360\.0 ms \| 440\.0 ms \| 144\.0 ms \|$/);
    assert.match(renderBaselineIndex([]), /No baselines marked yet/);
  });
});

describe('junit', () => {
  test('escapes everything XML reserves and drops forbidden control characters', () => {
    assert.equal(xmlEscape(`a<b>&"c'\u0001`), 'a&lt;b&gt;&amp;&quot;c&apos;');
  });
  test('one testcase per threshold and per check, failures with messages, counts that add up', () => {
    const s = makeSummary({ failedRate: 0.025, thresholdsOk: false, checkFails: 2 });
    const xml = renderJunit(s);
    const root = parseXml(xml);
    assert.equal(root.name, 'testsuites');
    const suites = root.children.filter((c) => c.name === 'testsuite');
    assert.equal(suites.length, 3);
    for (const su of suites) {
      assert.deepEqual(
        [su.children[0].name, ...su.children.slice(-2).map((c) => c.name)],
        ['properties', 'system-out', 'system-err'],
      );
      assert.match(su.attrs.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      for (const a of ['name', 'tests', 'failures', 'errors', 'time', 'hostname', 'id', 'package'])
        assert.ok(a in su.attrs, a);
    }
    const cases = suites.flatMap((x) => x.children.filter((c) => c.name === 'testcase'));
    assert.ok(cases.every((c) => c.attrs.name && c.attrs.classname && c.attrs.time));
    assert.equal(cases.length, 1 + s.thresholds.length + s.checks.length);
    const failures = cases.flatMap((c) => c.children.filter((f) => f.name === 'failure'));
    assert.equal(failures.length, 2);
    assert.equal(root.attrs.tests, String(cases.length));
    assert.equal(root.attrs.failures, '2');
    for (const su of suites)
      assert.equal(su.attrs.tests, String(su.children.filter((c) => c.name === 'testcase').length));
    const th = cases.find((c) => c.attrs.name === 'http_req_failed: rate < 0.01');
    assert.match(th?.children[0].attrs.message ?? '', /failed: value 2\.50%/);
    const ck = cases.find((c) => c.attrs.name === 'status == 200');
    assert.equal(ck?.children[0].attrs.message, "2 of 80 requests failed the check 'status == 200'");
    // The scenario's name with <, & and quotes survives escaping.
    assert.equal(root.attrs.name, 'gateway-load: Chat <smoke> & "quotes"');
  });
  test('an aborted run fails the run testcase; a comparison adds a testcase per judged metric', () => {
    const s = makeSummary();
    s.status = 'aborted';
    s.reason = 'threshold http_req_failed rate < 0.01 crossed';
    const root = parseXml(
      renderJunit(s, { comparison: compareSummaries(makeSummary(), makeSummary({ latencyScale: 1.5 })) }),
    );
    const run = root.children[0].children[1];
    assert.match(run.children[0].attrs.message, /^run aborted: threshold/);
    const cmp = root.children.find((x) => /comparison/.test(x.attrs.name));
    assert.equal(
      cmp?.children.find((c) => c.name === 'properties')?.children.find((p) => p.attrs.name === 'status')?.attrs.value,
      'aborted',
    );
    const dur = cmp?.children.find((c) => c.attrs.name === 'http_req_duration not worse than baseline');
    assert.match(dur?.children[0].attrs.message ?? '', /p95 \+50\.0%/);
    assert.equal(cmp?.children.find((c) => c.attrs.name === 'http_reqs not worse than baseline')?.children.length, 0);
  });
});

describe('json', () => {
  test('is the summary, schemaVersion first', () => {
    const s = makeSummary();
    const text = renderJson(s);
    assert.match(text, /^\{\n {2}"schemaVersion": 1,/);
    assert.deepEqual(JSON.parse(text), s);
  });
});
