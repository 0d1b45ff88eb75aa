// `load.workers`: auto or 1–256, diagnostics at the value with their code, a warning where the
// executor runs on one worker anyway; `--workers` in the CLI takes the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt, hoverAt, parseScenario } from '../../../src/scenario/index';
import { parseRunArgs } from '../../../src/cli/run';

const file = (load: string) => `name: w
target: { baseUrl: http://127.0.0.1:1 }
load:
${load}
requests:
  - { api: openai-chat, model: m, prompt: hi }
`;

test('workers: auto and whole numbers are read; 0, 257, 1.5 and words are errors naming the range', () => {
  const ok = (w: string) => parseScenario(file(`  executor: constant-vus\n  vus: 2\n  duration: 1s\n  workers: ${w}`));
  assert.equal(ok('auto').scenario?.load.workers, 'auto');
  assert.equal(ok('4').scenario?.load.workers, 4);
  for (const bad of ['0', '257', '1.5', 'many']) {
    const d = ok(bad).diagnostics.filter((x) => x.severity === 'error');
    assert.equal(d.length, 1, bad);
    assert.match(d[0].message, /'load.workers' must be .*(1|256)/, bad);
    assert.ok(d[0].code === 'out-of-range' || d[0].code === 'wrong-type', `${bad}: ${d[0].code}`);
  }
});

test('workers on a sweep: a warning that it runs on 1 worker (code workers-ignored)', () => {
  const r = parseScenario(
    file(`  executor: sweep\n  from: 10/s\n  to: 100/s\n  steps: 3\n  stepDuration: 5s\n  workers: 2`),
  );
  const w = r.diagnostics.find((d) => d.code === 'workers-ignored');
  assert.ok(w, JSON.stringify(r.diagnostics));
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /runs on 1 worker/);
});

test('--workers N|auto', () => {
  assert.equal(parseRunArgs(['a.load.yaml', '--workers', '3']).opts.workers, 3);
  assert.equal(parseRunArgs(['a.load.yaml', '--workers=auto']).opts.workers, 'auto');
  assert.match(parseRunArgs(['a.load.yaml', '--workers', '0']).error ?? '', /--workers takes auto or a whole number/);
  assert.match(parseRunArgs(['a.load.yaml', '--workers', 'x']).error ?? '', /--workers/);
});

test('completion offers workers: auto, and hover explains the key, from the key table', () => {
  const text = file('  executor: constant-vus\n  vus: 2\n  duration: 1s\n  workers: ');
  const line = text.split('\n').findIndex((l) => l.startsWith('  workers:'));
  const values = completionsAt(text, { line, character: '  workers: '.length }).map((c) => c.label);
  assert.deepEqual(values, ['auto']);
  const keys = completionsAt(file('  executor: constant-vus\n  '), { line: 4, character: 2 }).map((c) => c.label);
  assert.ok(keys.includes('workers'), keys.join(', '));
  const hover = hoverAt(text, { line, character: 3 });
  assert.match(JSON.stringify(hover), /auto. or a whole number from 1 to 256/);
});
