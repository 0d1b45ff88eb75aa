// The TextMate grammar, loaded the way VS Code loads it (vscode-textmate over the oniguruma
// WASM build), tokenizes a scenario with the scopes the theme colours rely on.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { METRICS } from '../../../src/shared/metrics';
import { APIS, ARRIVALS, EXECUTORS, PICKS } from '../../../src/scenario/keys';

const root = join(__dirname, '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'gateway-load.tmLanguage.json');
let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) =>
      scope === 'source.gateway-load' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const g = await registry.loadGrammar('source.gateway-load');
  assert.ok(g, 'grammar loads');
  grammar = g;
});

/** Every token of the document: its text, line and scopes. */
function tokenize(text: string): Array<{ line: number; text: string; scopes: string[] }> {
  const out: Array<{ line: number; text: string; scopes: string[] }> = [];
  let state = INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

function scopesOf(tokens: ReturnType<typeof tokenize>, text: string, line?: number): string[] {
  const t = tokens.find((x) => x.text === text && (line === undefined || x.line === line));
  assert.ok(
    t,
    `no token '${text}'${line !== undefined ? ` on line ${line}` : ''}: ${JSON.stringify(tokens.filter((x) => line === undefined || x.line === line).map((x) => x.text))}`,
  );
  return t.scopes;
}

const DOC = `# a comment
name: Demo
target:
  baseUrl: \${env:GATEWAY_URL:-http://127.0.0.1:8790}
  headers: { Authorization: "Bearer \${secret:key}" }
load:
  executor: ramping-arrival-rate
  stages:
    - { duration: 1m30s, target: 100/min }
  gracefulStop: 30s
requests:
  - stream: true
    maxTokens: 100
    checks:
      - status == 200
      - body.model matches /gpt/
    weight: 2
thresholds:
  http_req_duration: [ "p(95) < 500", "avg<1.5s" ]
  http_req_failed: [ "rate < 1%" ]
targets:
  successRate: 99.2%
`;

describe('TextMate grammar', () => {
  test('keys, comments and constants', () => {
    const t = tokenize(DOC);
    assert.ok(scopesOf(t, ' a comment').includes('comment.line.number-sign.gateway-load'));
    assert.ok(scopesOf(t, '#').includes('punctuation.definition.comment.gateway-load'));
    assert.ok(scopesOf(t, 'name').includes('entity.name.tag.key.gateway-load'));
    assert.ok(scopesOf(t, 'duration').includes('entity.name.tag.key.gateway-load'), 'keys inside flow mappings');
    assert.ok(scopesOf(t, 'ramping-arrival-rate').includes('support.constant.gateway-load'));
    assert.ok(scopesOf(t, 'true').includes('constant.language.gateway-load'));
    assert.ok(scopesOf(t, '100', 12).includes('constant.numeric.gateway-load'));
    assert.ok(
      scopesOf(t, 'weight').includes('entity.name.tag.key.gateway-load'),
      'the checks block ends at the next key',
    );
  });
  test('durations, rates and percentages', () => {
    const t = tokenize(DOC);
    assert.ok(scopesOf(t, '1m30s').includes('constant.numeric.duration.gateway-load'));
    assert.ok(scopesOf(t, '30s').includes('constant.numeric.duration.gateway-load'));
    assert.ok(scopesOf(t, '100/min').includes('constant.numeric.rate.gateway-load'));
    assert.ok(scopesOf(t, '99.2%').includes('constant.numeric.percentage.gateway-load'));
  });
  test('${…} references, bare and inside strings', () => {
    const t = tokenize(DOC);
    assert.ok(scopesOf(t, 'env').includes('keyword.other.reference-kind.gateway-load'));
    assert.ok(scopesOf(t, 'GATEWAY_URL').includes('variable.parameter.reference-name.gateway-load'));
    assert.ok(scopesOf(t, 'http://127.0.0.1:8790').includes('string.unquoted.default.gateway-load'));
    const key = scopesOf(t, 'key');
    assert.ok(
      key.includes('variable.parameter.reference-name.gateway-load') &&
        key.includes('string.quoted.double.gateway-load'),
    );
    assert.ok(tokenize('x: ${bogus}\n').some((x) => x.scopes.includes('invalid.illegal.reference.gateway-load')));
  });
  test('metric names and threshold expressions', () => {
    const t = tokenize(DOC);
    assert.ok(scopesOf(t, 'http_req_duration').includes('support.variable.metric.gateway-load'));
    assert.ok(scopesOf(t, 'http_req_failed').includes('support.variable.metric.gateway-load'));
    assert.ok(scopesOf(t, 'p').includes('support.function.statistic.gateway-load'));
    assert.ok(scopesOf(t, '95').includes('constant.numeric.percentile.gateway-load'));
    assert.ok(scopesOf(t, '<', 18).includes('keyword.operator.comparison.gateway-load'));
    assert.ok(scopesOf(t, '500', 18).includes('constant.numeric.gateway-load'));
    assert.ok(scopesOf(t, 'avg').includes('support.function.statistic.gateway-load'));
    assert.ok(scopesOf(t, '1.5s').includes('constant.numeric.duration.gateway-load'));
    assert.ok(scopesOf(t, 'rate').includes('support.function.statistic.gateway-load'));
    assert.ok(scopesOf(t, '1%').includes('constant.numeric.percentage.gateway-load'));
  });
  test('check expressions', () => {
    const t = tokenize(DOC);
    assert.ok(scopesOf(t, 'status').includes('variable.language.check-subject.gateway-load'));
    assert.ok(scopesOf(t, '==', 14).includes('keyword.operator.comparison.gateway-load'));
    assert.ok(scopesOf(t, 'matches').includes('keyword.operator.check.gateway-load'));
  });
  test('every metric of the catalogue and every enumerated value is known to the grammar', () => {
    const t = tokenize(`thresholds:\n${METRICS.map((m) => `  ${m.name}: "avg < 1"`).join('\n')}\n`);
    for (const m of METRICS) assert.ok(scopesOf(t, m.name).includes('support.variable.metric.gateway-load'), m.name);
    for (const v of [...EXECUTORS, ...APIS, ...ARRIVALS, ...PICKS]) {
      assert.ok(scopesOf(tokenize(`x: ${v}\n`), v).includes('support.constant.gateway-load'), v);
    }
  });
  test('every example tokenizes without leaving its scope stack open', () => {
    for (const f of ['streaming-chat.load.yaml', 'baseline.load.yaml', 'anthropic-messages.load.yaml']) {
      const text = readFileSync(join(root, 'examples', f), 'utf8');
      let state = INITIAL;
      for (const line of text.split('\n')) state = grammar.tokenizeLine(line, state).ruleStack;
      const tail = grammar.tokenizeLine('name: x', state).tokens[0].scopes;
      assert.deepEqual(tail, ['source.gateway-load', 'entity.name.tag.key.gateway-load'], f);
    }
  });
});
