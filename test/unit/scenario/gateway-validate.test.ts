// `target.direct` and `gatewayHeaders:`: valid forms parse into the model, each mistake is
// reported at its exact range with its code; completion and hover come from the key table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/scenario/parse';
import { keyDoc, tablePath } from '../../../src/scenario/keys';
import { completionsAt, hoverAt } from '../../../src/scenario/index';

const HEAD = `name: g
load: { executor: constant-vus, vus: 1, duration: 2s }
requests: [ { api: openai-chat, model: m, prompt: hi } ]
`;

function diags(text: string): Array<[number, number, number, string]> {
  return parseScenario(text).diagnostics.map((d) => [
    d.range.start.line,
    d.range.start.character,
    d.range.end.character,
    d.code ?? '',
  ]);
}

test('direct and gatewayHeaders parse into the model', () => {
  const r = parseScenario(`${HEAD}target:
  baseUrl: http://127.0.0.1:8790/gw
  direct: \${env:UPSTREAM:-http://127.0.0.1:8791}
gatewayHeaders:
  X-My-Gw-Ms: { metric: my_gateway_ms, unit: ms }
  x-queue-s: { metric: queue_time, unit: s }
  x-score: { metric: score, unit: number }
  x-plain: { metric: plain_ms }
`);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.scenario!.target.direct, '${env:UPSTREAM:-http://127.0.0.1:8791}');
  assert.deepEqual(r.scenario!.gatewayHeaders, {
    'x-my-gw-ms': { metric: 'my_gateway_ms', unit: 'ms' },
    'x-queue-s': { metric: 'queue_time', unit: 's' },
    'x-score': { metric: 'score', unit: 'number' },
    'x-plain': { metric: 'plain_ms', unit: 'ms' },
  });
});

test('target.direct: not a URL, a query, the gateway itself', () => {
  assert.deepEqual(diags(`${HEAD}target: { baseUrl: http://127.0.0.1:8790, direct: ftp://x }\n`), [
    [3, 50, 57, 'bad-url'],
  ]);
  assert.deepEqual(diags(`${HEAD}target: { baseUrl: http://127.0.0.1:8790, direct: "http://h:1/?a=1" }\n`), [
    [3, 50, 67, 'bad-url'],
  ]);
  assert.deepEqual(diags(`${HEAD}target: { baseUrl: http://127.0.0.1:8790/, direct: http://127.0.0.1:8790 }\n`), [
    [3, 51, 72, 'same-as-base'],
  ]);
  assert.deepEqual(diags(`${HEAD}target: { baseUrl: http://127.0.0.1:8790, direct: 42 }\n`), [[3, 50, 52, 'bad-url']]);
  assert.deepEqual(diags(`${HEAD}target: { baseUrl: http://127.0.0.1:8790, direct: [a] }\n`), [
    [3, 50, 53, 'wrong-type'],
  ]);
});

test('gatewayHeaders: bad header name, bad or reserved or repeated metric, bad unit, missing metric, unknown key', () => {
  const base = `${HEAD}target: { baseUrl: http://127.0.0.1:8790 }\ngatewayHeaders:\n`;
  assert.deepEqual(diags(`${base}  "x bad": { metric: a }\n`), [[5, 2, 9, 'bad-name']]);
  assert.deepEqual(diags(`${base}  x-a: { metric: Bad-Name }\n`), [[5, 17, 25, 'bad-name']]);
  assert.deepEqual(diags(`${base}  x-a: { metric: http_req_duration }\n`), [[5, 17, 34, 'reserved-name']]);
  assert.deepEqual(diags(`${base}  x-a: { metric: same }\n  x-b: { metric: same }\n`), [[6, 17, 21, 'duplicate']]);
  assert.deepEqual(diags(`${base}  x-a: { metric: a, unit: minutes }\n`), [[5, 26, 33, 'bad-value']]);
  assert.deepEqual(diags(`${base}  x-a: { unit: ms }\n`), [[5, 7, 19, 'missing-key']]);
  assert.deepEqual(
    diags(`${base}  x-a: { metric: a, scale: 2 }\n`).map((d) => d[3]),
    ['unknown-key'],
  );
  assert.deepEqual(
    diags(`${base}  x-a: 5\n`).map((d) => d[3]),
    ['wrong-type'],
  );
});

test('hover and completion find the new keys in the key table', () => {
  assert.match(keyDoc('target', 'direct')!.doc, /alternate/);
  assert.match(keyDoc('', 'gatewayHeaders')!.doc, /server-timing/);
  assert.equal(tablePath(['gatewayHeaders', 'x-my-gw-ms']), 'gatewayHeaders.*');
  assert.deepEqual(keyDoc('gatewayHeaders.*', 'unit')!.values, ['ms', 's', 'number']);
});

test('in the editor: completion offers direct and the inner keys, hover documents them', () => {
  const text = 'name: g\ntarget:\n  baseUrl: http://x\n  dir\ngatewayHeaders:\n  x-my-gw-ms:\n    \n';
  assert.ok(completionsAt(text, { line: 3, character: 5 }).some((c) => c.label === 'direct'));
  assert.deepEqual(
    completionsAt(text, { line: 6, character: 4 }).map((c) => c.label),
    ['metric', 'unit'],
  );
  const t2 = 'gatewayHeaders:\n  x-a: { metric: a, unit: ms }\ntarget:\n  direct: http://x\n';
  assert.match(JSON.stringify(hoverAt(t2, { line: 3, character: 4 })), /target\.direct/);
  assert.match(JSON.stringify(hoverAt(t2, { line: 1, character: 11 })), /metric name/);
});
