import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt, hoverAt, scenarioAnchor } from '../../../src/scenario/index';
import { KEYS } from '../../../src/scenario/keys';
import { METRICS } from '../../../src/shared/metrics';

const DOC = `name: Demo
target:
  baseUrl: http://127.0.0.1:8790
load:
  executor: ramping-arrival-rate
  stages:
    - { duration: 5s, target: 20/s }
  gracefulStop: 10s
requests:
  - name: chat
    api: openai-chat
    stream: true
    checks:
      - status == 200
thresholds:
  http_req_duration: [ "p(95) < 500" ]
targets:
  successRate: 99%
`;

/** The document with `line` replaced, and the position at the end of the new line (or at `character`). */
function edit(line: number, text: string, character = text.length): [string, { line: number; character: number }] {
  const lines = DOC.split('\n');
  lines[line] = text;
  return [lines.join('\n'), { line, character }];
}

const labels = (text: string, pos: { line: number; character: number }) => completionsAt(text, pos).map((c) => c.label);

describe('completionsAt', () => {
  test('keys of the mapping at the cursor, without those already there', () => {
    const got = labels(...edit(7, '  '));
    assert.ok(got.includes('gracefulStop') && got.includes('arrivals'), got.join());
    assert.ok(!got.includes('executor') && !got.includes('stages'), 'present keys are not offered');
    assert.ok(!got.includes('baseUrl'), 'keys of other mappings are not offered');
    assert.ok(
      !got.includes('vus') && !got.includes('rate') && !got.includes('thinkTime'),
      'only keys the executor takes',
    );
    const vus = labels(
      DOC.replace('executor: ramping-arrival-rate', 'executor: constant-vus').replace(
        '  stages:\n    - { duration: 5s, target: 20/s }\n',
        '',
      ),
      { line: 5, character: 2 },
    );
    assert.ok(
      vus.includes('vus') &&
        vus.includes('duration') &&
        vus.includes('thinkTime') &&
        !vus.includes('stages') &&
        !vus.includes('arrivals'),
      vus.join(),
    );
  });
  test('keys of a list item, and of a new one', () => {
    const inItem = labels(...edit(11, '    '));
    assert.ok(inItem.includes('model') && inItem.includes('maxTokens'), inItem.join());
    assert.ok(!inItem.includes('api') && !inItem.includes('name') && !inItem.includes('checks'));
    const newItem = labels(...edit(13, '  - '));
    assert.ok(newItem.includes('name') && newItem.includes('api'), newItem.join());
  });
  test('top-level keys and templates in an empty file', () => {
    const got = completionsAt('', { line: 0, character: 0 });
    assert.ok(got.some((c) => c.label === 'target' && c.kind === 'key'));
    const snippet = got.find((c) => c.label === 'gl-baseline');
    assert.equal(snippet?.kind, 'snippet');
    assert.match(snippet!.insertText, /^# Baseline/);
    const root = labels(...edit(17, 'va'));
    assert.ok(root.includes('variables') && !root.includes('target'), root.join());
  });
  test('enumerated values', () => {
    assert.deepEqual(labels(...edit(4, '  executor: ')), [
      'ramping-arrival-rate',
      'constant-arrival-rate',
      'ramping-vus',
      'constant-vus',
      'sweep',
      'sweep-vus',
      'trace',
    ]);
    assert.deepEqual(labels(...edit(10, '    api: ')), [
      'openai-chat',
      'openai-completions',
      'openai-embeddings',
      'openai-responses',
      'anthropic-messages',
      'raw',
    ]);
    assert.deepEqual(labels(...edit(11, '    stream: ')), ['true', 'false']);
    assert.deepEqual(labels(...edit(10, '    prompt: { file: p.jsonl, pick: ')), ['random', 'sequential']);
    assert.deepEqual(labels(...edit(7, '  arrivals: ')), ['uniform', 'poisson', 'gamma']);
    assert.deepEqual(labels(...edit(10, '    prompt: { tokens: 300, distribution: ')), [
      'normal',
      'lognormal',
      'uniform',
      'fixed',
    ]);
  });
  test('keys inside a flow mapping', () => {
    assert.deepEqual(labels(...edit(6, '    - { duration: 5s, ')), ['target']);
  });
  test('metric names under thresholds, and expressions for one metric', () => {
    const [withLine] = edit(15, '  http_req_duration: [ "p(95) < 500" ]\n  ');
    const metrics = completionsAt(withLine, { line: 16, character: 2 });
    assert.ok(metrics.every((c) => c.kind === 'metric'));
    assert.ok(metrics.some((c) => c.label === 'time_to_first_token'));
    assert.ok(!metrics.some((c) => c.label === 'http_req_duration'), 'already present');
    const exprs = completionsAt(...edit(15, '  http_req_failed: '));
    assert.deepEqual(
      exprs.map((c) => c.insertText),
      ['[ "rate < 0.01" ]', '[ "rate > 0.99" ]'],
    );
    assert.ok(labels(...edit(15, '  time_to_first_token: [ ')).includes('p(95) < 500'));
  });
  test('check starters in a checks list', () => {
    assert.ok(labels(...edit(13, '      - ')).includes('latency < 500ms'));
  });
  test('nothing inside a comment, and never a throw on odd positions', () => {
    assert.deepEqual(completionsAt('# exec', { line: 0, character: 6 }), []);
    assert.deepEqual(completionsAt(DOC, { line: 999, character: 3 }), []);
    assert.doesNotThrow(() => completionsAt(DOC, { line: -1, character: -5 }));
  });
});

describe('hoverAt', () => {
  test('keys get their docs and range', () => {
    const h = hoverAt(DOC, { line: 4, character: 5 })!;
    assert.match(h.markdown, /^\*\*load\.executor\*\*/);
    assert.match(h.markdown, /open models/);
    assert.deepEqual(h.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 10 } });
    assert.match(
      hoverAt(DOC, { line: 6, character: 25 })!.markdown,
      /^\*\*load\.stages\[\]\.target\*\*.*\n\nWhere the stage ends/,
    );
    assert.match(hoverAt(DOC, { line: 11, character: 6 })!.markdown, /^\*\*requests\[\]\.stream\*\*/);
    assert.match(hoverAt(DOC, { line: 17, character: 4 })!.markdown, /successRate/);
  });
  test('every key of the format and every metric has hover docs', () => {
    const keys = (table: string, indent: string, skip: string[] = []) =>
      KEYS[table].filter((k) => !skip.includes(k.key)).map((k) => `${indent}${k.key}:`);
    const item = (table: string, dash: string, indent: string, skip: string[] = []) =>
      keys(table, indent, skip).map((l, i) => (i === 0 ? `${dash}- ${l.trim()}` : l));
    const lines = [
      ...keys('', '', ['target', 'load', 'requests', 'thresholds', 'targets', 'monitor', 'outputs', 'slo']),
      'target:',
      ...keys('target', '  ', ['tls']),
      '  tls:',
      ...keys('target.tls', '    '),
      'load:',
      ...keys('load', '  ', ['stages', 'stop', 'columns']),
      '  stages:',
      ...item('load.stages[]', '    ', '      '),
      '  stop:',
      ...keys('load.stop', '    '),
      '  columns:',
      ...keys('load.columns', '    '),
      'requests:',
      ...item('requests[]', '  ', '    ', ['prompt', 'maxTokens', 'slo']),
      '    prompt:',
      ...keys('requests[].prompt', '      ', ['tokens', 'prefix']),
      '      tokens:',
      ...keys('requests[].prompt.tokens', '        '),
      '      prefix:',
      ...keys('requests[].prompt.prefix', '        '),
      '    maxTokens:',
      ...keys('requests[].maxTokens', '      '),
      '    slo:',
      ...keys('requests[].slo', '      '),
      'slo:',
      ...keys('slo', '  '),
      'thresholds:',
      ...METRICS.map((m) => `  ${m.name}:`),
      '  http_reqs:',
      ...item('thresholds.*[]', '    ', '      '),
      'targets:',
      ...keys('targets', '  '),
      'monitor:',
      ...keys('monitor', '  ', ['prometheus', 'process']),
      '  prometheus:',
      ...item('monitor.prometheus[]', '    ', '      ', ['series']),
      '      series:',
      ...item('monitor.prometheus[].series[]', '        ', '          '),
      '  process:',
      ...keys('monitor.process', '    '),
      'outputs:',
      ...item('outputs[]', '  ', '    '),
    ];
    const doc = lines.join('\n');
    let hovered = 0;
    lines.forEach((line, i) => {
      const m = /^(\s*(?:- )?)([\w-]+):/.exec(line)!;
      const h = hoverAt(doc, { line: i, character: m[1].length + 1 });
      assert.ok(h, `no hover for '${m[2]}' on line ${i}`);
      assert.match(h.markdown, new RegExp(`^\\*\\*[\\w.\\[\\]]*${m[2]}\\*\\*`), line);
      hovered++;
    });
    assert.ok(hovered >= Object.values(KEYS).flat().length, `${hovered} keys hovered`);
  });
  test('metric names under thresholds', () => {
    const h = hoverAt(DOC, { line: 15, character: 8 })!;
    assert.match(h.markdown, /^\*\*http_req_duration\*\* — trend, ms/);
    assert.match(h.markdown, /coordinated omission/);
    assert.deepEqual(h.range, { start: { line: 15, character: 2 }, end: { line: 15, character: 19 } });
  });
  test('${…} references explain where their value comes from', () => {
    const doc = DOC.replace('baseUrl: http://127.0.0.1:8790', 'baseUrl: "${env:GW:-http://127.0.0.1:8790}/v1${var:P}"');
    const h = hoverAt(doc, { line: 2, character: 15 })!;
    assert.match(h.markdown, /env reference/);
    assert.match(h.markdown, /Default when unset: `http:\/\/127\.0\.0\.1:8790`/);
    assert.deepEqual(h.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 44 } });
    const v = hoverAt(doc, { line: 2, character: 47 })!;
    assert.match(v.markdown, /^\*\*`\$\{var:P\}`\*\* — var reference/);
  });
  test('enumerated values explain themselves; free text does not', () => {
    assert.match(hoverAt(DOC, { line: 4, character: 20 })!.markdown, /Open model/);
    assert.equal(hoverAt(DOC, { line: 9, character: 12 }), null);
  });
});

describe('scenarioAnchor', () => {
  test('the name line, else line 0', () => {
    assert.deepEqual(scenarioAnchor('# c\nname: X  \nload: {}\n'), {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 7 },
    });
    assert.deepEqual(scenarioAnchor('load: {}\n'), {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
  });
});
