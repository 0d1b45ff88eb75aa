import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/scenario/index';
import { parseMetricKey, seriesName } from '../../../src/scenario/tag-filter';
import { ErrorSamples, normalise, reasonMessage } from '../../../src/engine/error-samples';

test('k6-style tag filters become thresholds on their series', () => {
  const text = [
    'target: { baseUrl: "http://127.0.0.1:1" }',
    'load: { executor: constant-arrival-rate, rate: 1/s, duration: 1s }',
    'requests:',
    '  - { name: chat, api: openai-chat, model: m, prompt: hi }',
    'thresholds:',
    '  "http_req_duration{name:chat}": ["p(95) < 800"]',
    '  "http_req_duration{expected_response:true}": ["p(99) < 1s"]',
    '  "http_req_failed{status:429}": ["rate < 0.05"]',
    '  http_req_duration: ["p(99) < 2000"]',
  ].join('\n');
  const r = parseScenario(text, {});
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const t = r.scenario!.thresholds;
  assert.deepEqual(
    t.map((x) => seriesName(x.metric, x.tag)),
    [
      'http_req_duration{name:chat}',
      'http_req_duration{expected_response:true}',
      'http_req_failed{status:429}',
      'http_req_duration',
    ],
  );
  assert.equal(t[1].value, 1000);
  assert.equal(t[3].tag, undefined);
});

test('parseMetricKey: plain metrics, filters, and errors with offsets', () => {
  assert.equal(parseMetricKey('http_reqs')?.metric?.name, 'http_reqs');
  assert.equal(parseMetricKey('nope{name:x}'), null);
  const bad = parseMetricKey('http_req_duration{expected_response:yes}');
  assert.ok(bad?.error);
  assert.equal('http_req_duration{expected_response:yes}'.slice(bad.error.start, bad.error.end), 'yes');
});

test("error reasons: numbers and ids do not split a reason; the gateway's message is the reason", () => {
  assert.equal(normalise('Rate limit for req_abc123 after 1500 ms'), normalise('Rate limit for req_zz9 after 20 ms'));
  assert.equal(
    normalise('Rate limit for request req_kzqhbtmwxaye'),
    normalise('Rate limit for request req_6yn970hv8cl'),
    'an id without a digit is still an id',
  );
  assert.notEqual(
    normalise('error: rate_limit_exceeded'),
    normalise('error: invalid_request_error'),
    'error codes are words, not ids',
  );
  assert.equal(
    reasonMessage('http_5xx', 500, null, '{"error":{"message":"upstream overloaded"}}'),
    'upstream overloaded',
  );
  assert.equal(reasonMessage('http_5xx', 502, null, '<html><title>502 Bad Gateway</title></html>'), '502 Bad Gateway');
  assert.equal(reasonMessage('http_5xx', 503, null, null), 'HTTP 503');
  const s = new ErrorSamples();
  for (let i = 0; i < 30; i++) s.record('http_5xx', null, 500, null, `{"message":"boom ${i}"}`, i);
  for (let i = 0; i < 25; i++) s.record('http_4xx', null, 400 + (i % 25), null, null, i);
  const list = s.list();
  assert.equal(list.length, 20);
  assert.equal(list[0].count, 30);
  assert.equal(list[0].firstAtMs, 0);
  assert.equal(list[0].lastAtMs, 29);
  assert.equal(s.omitted + list.reduce((a, e) => a + e.count, 0), 55);
  const w = s.rollWindow();
  assert.equal(w.newReasons?.length, 20);
  assert.deepEqual(s.rollWindow(), {});
  const long = new ErrorSamples();
  long.record('http_5xx', null, 500, null, 'é'.repeat(400), 0);
  assert.ok(Buffer.byteLength(long.list()[0].body!) <= 512);
  assert.ok(!long.list()[0].body!.includes('\uFFFD'));
});

test("completion offers tagged series with this file's request names; hover explains the filter", async () => {
  const { completionsAt, hoverAt } = await import('../../../src/scenario/index');
  const text = 'requests:\n  - name: chat\n    api: openai-chat\nthresholds:\n  http_reqs: [ "count > 1" ]\n  \n';
  const items = completionsAt(text, { line: 5, character: 2 }).map((i) => i.label);
  assert.ok(items.includes('http_req_duration{expected_response:true}'), items.join(','));
  assert.ok(items.includes('http_req_duration{name:chat}'));
  assert.ok(items.includes('http_req_duration'));
  const expr = completionsAt('thresholds:\n  http_req_duration{name:chat}: ', { line: 1, character: 31 }).map(
    (i) => i.label,
  );
  assert.ok(expr.includes('p(95) < 500'), expr.join(','));
  const hv = hoverAt('thresholds:\n  http_req_duration{name:chat}: [ "p(95) < 800" ]\n', { line: 1, character: 6 });
  assert.ok(hv?.markdown.includes('**http_req_duration**'), hv?.markdown);
  assert.ok(hv?.markdown.includes('{name:chat}'));
});

test('saturation: a busy event loop and a busy machine get their own words', async () => {
  const { saturationVerdict } = await import('../../../src/engine/failure-report');
  const own = saturationVerdict(40, 0.97, 0.95, 1.2, 2);
  assert.equal(own.limit, 'event-loop');
  assert.match(
    own.message,
    /its own event loop is busy .*event-loop utilisation 97%.*process CPU 95% of a core, load average 1.2 on 2 cores/,
  );
  const machine = saturationVerdict(12, 0.07, 0.05, 16.3, 2);
  assert.equal(machine.limit, 'machine');
  assert.match(
    machine.message,
    /^The machine is busy: .*event-loop utilisation 7%.*load average 16.3 on 2 cores.*Other processes are taking the CPU/,
  );
});
