// Half of the 10,000-file fuzz run (the other half: fuzz-mutated.test.ts, another seed): the
// hostile files and mutations of every example and fixture. 0 crashes, 0 hangs, slowest < 1 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportScenario } from '../../../src/export/index';
import { parseScenario } from '../../../src/scenario/index';
import { MAX_SCENARIO_CHARS } from '../../../src/scenario/bounds';
import { bomb, fuzz, seeds } from './fuzz-corpus';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

test('5,000 files, the hostile ones first: no crash, no hang, slowest under 1 s', () => {
  assert.ok(seeds.length >= 20, `expected every example and fixture as a seed, found ${seeds.length}`);
  const { slowest, refused, hostileCount, totalMs } = fuzz(SEED, 5000, true);
  console.log(
    `fuzz: 5000 files (${hostileCount} hostile; ${refused} refused by a bound) in ${(totalMs / 1000).toFixed(1)} s; slowest ${slowest.ms.toFixed(1)} ms: ${slowest.what}`,
  );
  assert.ok(refused >= 8, `the alias bombs, deep nesting and the 5 MB file are refused by a bound (${refused})`);
  assert.ok(slowest.ms < 1000, `slowest file took ${slowest.ms.toFixed(0)} ms: ${slowest.what}`);
});

test('each attack is refused with a diagnostic at a range, quickly', () => {
  const cases: Array<[string, string, string]> = [
    [bomb(9, 9, 'flow'), 'too-many-aliases', 'x-1'],
    [`name: deep\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'too-deep', 'x: '],
    [`${'- '.repeat(100_000)}x\n`, 'too-deep', ''],
    [`name: big\nx: "${'a'.repeat(MAX_SCENARIO_CHARS)}"\n`, 'too-large', 'name: big'],
  ];
  for (const [text, code, lineStartsWith] of cases) {
    const t0 = performance.now();
    const { diagnostics, scenario } = parseScenario(text);
    const ms = performance.now() - t0;
    assert.equal(scenario, undefined);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
    const d = diagnostics[0];
    assert.equal(d.code, code);
    assert.equal(d.severity, 'error');
    const line = text.split('\n')[d.range.start.line];
    assert.ok(line.startsWith(lineStartsWith), `diagnostic on line ${d.range.start.line}: ${line.slice(0, 40)}`);
    assert.ok(
      d.range.end.character > d.range.start.character || d.range.end.line > d.range.start.line,
      'a range, not a point',
    );
    assert.ok(ms < 1000, `${code} took ${ms.toFixed(0)} ms`);
  }
});

test('a duplicate key is still found (checked in linear time now)', () => {
  const text = 'name: a\nname: b\ntarget: { baseUrl: http://127.0.0.1:1 }\n';
  const d = parseScenario(text).diagnostics.find((x) => x.code === 'duplicate-key');
  assert.deepEqual(d?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  const many = Array.from({ length: 20_000 }, (_, i) => `x-${i}: ${i}`).join('\n');
  const t0 = performance.now();
  parseScenario(many);
  assert.ok(performance.now() - t0 < 5000, 'twenty thousand keys parse without the quadratic duplicate check');
});

test('a NUL in scenario text cannot turn into k6 script code', () => {
  const text = [
    // A NUL in a header is refused by validation (HTTP would refuse it); names and bodies may hold one.
    'name: "a\\0require(\'k6/x\').boom()\\0b"',
    'target:',
    '  baseUrl: http://127.0.0.1:1',
    'variables: { "V": "\\0evil()\\0" }',
    'load: { executor: constant-vus, vus: 1, duration: 1s }',
    'requests:',
    '  - { api: raw, path: /p, body: { "k\\0evil2()\\0": "\\0evil3()\\0", "v": "${var:V}" } }',
  ].join('\n');
  const { scenario, diagnostics } = parseScenario(text);
  assert.ok(scenario, JSON.stringify(diagnostics));
  const script = exportScenario(scenario, 'k6', '/nowhere/nul.k6.js').files[0].content;
  for (const code of ["(require('k6/x').boom())", '(evil())', '(evil2())', '(evil3())'])
    assert.ok(!script.includes(code), `${code} became code:\n${script}`);
});
