// Key snippets: each one, with its tab stops at their defaults, makes a valid scenario where it
// belongs, and together they cover the keys of realistic LLM traffic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../../src/scenario/index';
import { allSnippets, KEY_SNIPPETS, snippetDefaults } from '../../../src/scenario/key-snippets';
import { fileHead } from '../../../src/shared/file-head';

const dir = mkdtempSync(join(tmpdir(), 'gl-snip-'));
writeFileSync(join(dir, 'conversations.json'), JSON.stringify([{ conversations: [{ from: 'human', value: 'hi' }] }]));
writeFileSync(join(dir, 'trace.csv'), 'TIMESTAMP,ContextTokens,GeneratedTokens\n0,10,5\n1000,20,5\n');

function scenarioWith(where: 'request' | 'load', lines: string[]): string {
  const load = where === 'load' ? lines.map((l) => `  ${l}`) : [];
  const request = where === 'request' ? lines.map((l) => `    ${l}`) : [];
  const rate = load.some((l) => l.includes('executor: trace'))
    ? []
    : ['  executor: constant-arrival-rate', '  rate: 5/s', '  duration: 10s'];
  return [
    'name: s',
    'target:',
    '  baseUrl: http://127.0.0.1:8790',
    'load:',
    ...rate,
    ...load,
    'requests:',
    '  - name: chat',
    '    model: m',
    ...request,
    '',
  ].join('\n');
}

for (const k of KEY_SNIPPETS) {
  test(`gl-${k.id} makes a valid scenario`, () => {
    const text = scenarioWith(k.where, snippetDefaults(k.body));
    const r = parseScenario(text, { file: join(dir, 's.load.yaml'), fileExists: () => true, readHead: fileHead });
    assert.deepEqual(r.diagnostics, [], text);
  });
}

test('six key snippets, in the snippets file with their gl- prefixes', () => {
  assert.deepEqual(
    KEY_SNIPPETS.map((k) => k.id),
    ['tokens', 'prefix', 'gamma', 'trace', 'conversation', 'dataset'],
  );
  const all = allSnippets();
  for (const k of KEY_SNIPPETS) assert.equal(all[k.label].prefix, `gl-${k.id}`);
});
