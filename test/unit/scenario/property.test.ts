// Random and mutated documents at the parser, completion and hover: nothing throws, and every
// diagnostic's range lies inside the document.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { completionsAt, hoverAt, parseScenario, type Range } from '../../../src/scenario/index';
import { KEYS } from '../../../src/scenario/keys';
import { METRICS } from '../../../src/shared/metrics';

const root = join(__dirname, '..', '..', '..');
const seeds = [
  ...readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(root, 'examples', f), 'utf8')),
  ...readdirSync(join(root, 'test', 'fixtures', 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(root, 'test', 'fixtures', 'scenarios', f), 'utf8')),
];

function inside(text: string, r: Range): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const ok = (p: Range['start']) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

function exercise(text: string, line: number, character: number): void {
  const result = parseScenario(text, { file: '/nowhere/x.load.yaml', fileExists: () => false });
  for (const d of result.diagnostics) {
    assert.notEqual(d.code, 'internal', d.message);
    assert.ok(inside(text, d.range), `range ${JSON.stringify(d.range)} outside the document for: ${d.message}`);
    assert.ok(d.message.length > 0 && typeof d.code === 'string');
  }
  if (result.scenario) assert.ok(!result.diagnostics.some((d) => d.severity === 'error'));
  else
    assert.ok(
      result.diagnostics.some((d) => d.severity === 'error'),
      'no scenario means at least one error',
    );
  const lines = text.split(/\r\n|\r|\n/);
  const l = lines.length ? line % lines.length : 0;
  const pos = { line: l, character: character % ((lines[l]?.length ?? 0) + 1) };
  for (const c of completionsAt(text, pos)) assert.ok(typeof c.label === 'string' && typeof c.insertText === 'string');
  const h = hoverAt(text, pos);
  if (h) assert.ok(inside(text, h.range) && h.markdown.length > 0);
}

const CHARS = [
  ':',
  '-',
  ' ',
  '  ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\t',
  '#',
  '$',
  '${',
  '\n',
  '\r\n',
  'a',
  '0',
  '/',
  '%',
  '&',
  '*',
  '!',
  '|',
  '>',
  '?',
  ',',
  'é',
  '😀',
];

type LineMutation = { kind: 'delete' | 'dup' | 'swap'; a: number; b: number };
type TextMutation = { kind: 'char' | 'insert'; a: number; s: string };
type Mutation = LineMutation | TextMutation;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'dup' as const, 'swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constantFrom('char' as const, 'insert' as const),
    a: fc.nat(),
    s: fc.oneof(fc.constantFrom(...CHARS), fc.string({ maxLength: 6 })),
  }),
);

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const lines = t.split('\n');
    if ('s' in m) {
      const at = t.length ? m.a % t.length : 0;
      t = t.slice(0, at) + m.s + t.slice(m.kind === 'char' ? at + 1 : at);
      continue;
    }
    const a = m.a % lines.length;
    const b = m.b % lines.length;
    if (m.kind === 'delete') lines.splice(a, 1);
    else if (m.kind === 'dup') lines.splice(a, 0, lines[a]);
    else [lines[a], lines[b]] = [lines[b], lines[a]];
    t = lines.join('\n');
  }
  return t;
}

const allKeys = [
  ...new Set(Object.values(KEYS).flatMap((ks) => ks.map((k) => k.key))),
  ...METRICS.map((m) => m.name),
  'executr',
  'x',
];
const scalar = fc.oneof(
  fc.constantFrom(
    '10s',
    '100/min',
    '20/s',
    '0',
    'p(95) < 500',
    'rate < 0.01',
    'status == 200',
    '${env:X}',
    '${var:Y}',
    'ramping-arrival-rate',
    'constant-vus',
    'openai-chat',
    'random',
    '99%',
    'http://127.0.0.1:1',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 20000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...allKeys), tie('tree'), { maxKeys: 6 }),
  ),
}));

const position = fc.tuple(fc.nat(), fc.nat());

describe('nothing breaks the language functions', () => {
  test('random text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((a) => a.join('')),
        ),
        position,
        (text, [l, c]) => exercise(text, l, c),
      ),
      { numRuns: 150 },
    );
  });
  test('mutated examples and fixtures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        position,
        (seed, ms, [l, c]) => exercise(mutate(seed, ms), l, c),
      ),
      { numRuns: 200 },
    );
  });
  test("random YAML built from the format's own keys", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...allKeys), tree, { maxKeys: 8 }), position, (obj, [l, c]) => {
        let text: string;
        try {
          text = stringify(obj);
        } catch {
          return;
        }
        exercise(text, l, c);
      }),
      { numRuns: 150 },
    );
  });
});
