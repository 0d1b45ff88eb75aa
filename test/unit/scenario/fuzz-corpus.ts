// The fuzz corpus: mutations of every example and fixture, and hostile files no mutation would
// reach, each run through parse, validate, completion, hover and export. Seeded, so a failure
// names a file that can be rebuilt (seed and index are in the message).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { completionsAt, hoverAt, parseScenario } from '../../../src/scenario/index';
import { exportScenario } from '../../../src/export/index';
import { seededRandom } from '../../../src/shared/seeded-random';

const root = join(__dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(n) ? [p] : [];
  });
}
export const seeds = [
  ...yamlFiles(join(root, 'examples')),
  ...yamlFiles(join(root, 'test', 'fixtures')),
  ...yamlFiles(join(root, 'test', 'e2e', 'fixtures')),
].map((f) => readFileSync(f, 'utf8'));

const FRAGMENTS = [
  ':',
  ': ',
  '- ',
  '? ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\t',
  '#',
  '${',
  '${var:',
  '${env:X}',
  '${secret:k}',
  '${var:a:-${var:b}}',
  '&a ',
  '*a',
  '<<: *a\n',
  '|\n',
  '>-\n',
  '!!binary ',
  '!x ',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '\n',
  '\r',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'é',
  '😀',
  '0x1F',
  '1e309',
  '-.inf',
  '~',
  '\\',
  ',',
  '@',
  '`',
];

function mutateOnce(t: string, r: () => number): string {
  const at = Math.floor(r() * (t.length + 1));
  const lines = t.split('\n');
  const li = Math.floor(r() * lines.length);
  switch (Math.floor(r() * 9)) {
    case 0:
      return t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 8));
    case 1:
      return t.slice(0, at) + FRAGMENTS[Math.floor(r() * FRAGMENTS.length)] + t.slice(at);
    case 2:
      return t.slice(0, at) + FRAGMENTS[Math.floor(r() * FRAGMENTS.length)] + t.slice(at + 1);
    case 3:
      lines.splice(li, 0, lines[li]);
      return lines.join('\n');
    case 4:
      lines.splice(li, 1);
      return lines.join('\n');
    case 5:
      lines[li] = ' '.repeat(Math.floor(r() * 6)) + lines[li];
      return lines.join('\n');
    case 6:
      return t.slice(0, at);
    case 7: {
      const j = Math.floor(r() * lines.length);
      [lines[li], lines[j]] = [lines[j], lines[li]];
      return lines.join('\n');
    }
    default: {
      // Invalid UTF-8 as a file read with 'utf8' would see it: lone bytes become U+FFFD, or raw latin1.
      const bytes = Buffer.from(t, 'utf8');
      const i = Math.floor(r() * (bytes.length + 1));
      const bad = Buffer.concat([
        bytes.subarray(0, i),
        Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82, 0x00][Math.floor(r() * 6)] === 0x00 ? [0x00] : [0xff, 0xc3, 0x28]),
        bytes.subarray(i),
      ]);
      return r() < 0.5 ? bad.toString('utf8') : bad.toString('latin1');
    }
  }
}

export function bomb(levels: number, width: number, style: 'flow' | 'block' | 'merge'): string {
  const out = ['name: bomb', 'x-0: &a0 ["lol"]'];
  for (let i = 1; i <= levels; i++) {
    const refs = Array.from({ length: width }, () => `*a${i - 1}`);
    if (style === 'flow') out.push(`x-${i}: &a${i} [${refs.join(', ')}]`);
    else if (style === 'block') out.push(`x-${i}: &a${i}`, ...refs.map((r) => `  - ${r}`));
    else out.push(`x-${i}: &a${i}`, ...refs.map((r, k) => `  k${k}: ${r}`));
  }
  out.push(
    `target: { baseUrl: http://127.0.0.1:1, headers: *a${levels} }`,
    'load: { executor: constant-vus, vus: 1, duration: 1s }',
    `requests: [ { api: openai-chat, model: m, prompt: *a${levels} } ]`,
  );
  return out.join('\n') + '\n';
}

/** The files no mutation would reach: each names the attack it stands for. */
export function hostile(r: () => number): Array<[string, string]> {
  const base = seeds[0];
  const rand = Buffer.alloc(4096);
  for (let i = 0; i < rand.length; i++) rand[i] = Math.floor(r() * 256);
  const big = `${base}\nx-pad: "${'a'.repeat(5 * 1024 * 1024)}"\n`;
  return [
    ['alias bomb (flow, 9×9)', bomb(9, 9, 'flow')],
    ['alias bomb (block, 8×10)', bomb(8, 10, 'block')],
    ['alias bomb (mappings, 7×12)', bomb(7, 12, 'merge')],
    [
      'alias bomb (merge keys)',
      'name: m\nx-a: &a { a: 1, b: 2 }\n' +
        Array.from(
          { length: 30 },
          (_, i) =>
            `x-${i + 1}: &a${i + 1}\n  <<: [${Array.from({ length: 8 }, () => (i ? `*a${i}` : '*a')).join(', ')}]`,
        ).join('\n') +
        '\n',
    ],
    ['100k-deep flow lists', `name: deep\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['100k-deep flow mappings', `name: deep\nx: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`],
    ['100k-deep unclosed', `x: ${'[{'.repeat(50_000)}`],
    ['100k-deep compact sequences', `${'- '.repeat(100_000)}x\n`],
    ['100k-deep explicit keys', `${'? '.repeat(100_000)}x\n`],
    ['indentation ladder', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i % 600)}- k${i}:`).join('\n')],
    ['blank runs (regex backtracking)', `target:\n  headers:\n    a: b\n${' \n'.repeat(5000)}y`],
    ['random bytes as utf8', rand.toString('utf8')],
    ['random bytes as latin1', rand.toString('latin1')],
    ['NUL bytes', base.replace(/ /g, '\u0000')],
    ['NUL file', '\u0000'.repeat(10_000)],
    ['lone surrogates', base.replace(/e/g, '\uDC00')],
    ['5 MB file', big],
    [
      'nested templates',
      `name: t\nvariables:\n${Array.from({ length: 12 }, (_, i) => `  v${i}: \${var:v${i + 1}}${'${var:v' + (i + 1) + '}'}`).join('\n')}\n  v12: x\ntarget: { baseUrl: "http://\${var:v0}" }\n`,
    ],
  ];
}

/** Returns the first diagnostic's code, to count the files a bound refused. */
export function exercise(text: string, r: () => number): string | undefined {
  const result = parseScenario(text, { file: '/nowhere/fuzz.load.yaml', fileExists: () => false });
  for (const d of result.diagnostics) {
    assert.notEqual(d.code, 'internal', d.message);
    assert.ok(
      d.range && d.range.start.line >= 0 && d.range.end.line >= d.range.start.line,
      `bad range for ${d.message}`,
    );
  }
  const lines = text.split('\n');
  const line = Math.floor(r() * lines.length);
  const pos = { line, character: Math.floor(r() * ((lines[line]?.length ?? 0) + 1)) };
  completionsAt(text, pos);
  hoverAt(text, pos);
  if (result.scenario) {
    exportScenario(result.scenario, 'artillery', '/nowhere/fuzz.artillery.yml');
    exportScenario(result.scenario, 'k6', '/nowhere/fuzz.k6.js');
  }
  return result.diagnostics[0]?.code;
}

/** Runs `count` files (the hostile ones first when asked) and returns the slowest. */
export function fuzz(
  seed: number,
  count: number,
  withHostile: boolean,
): { slowest: { ms: number; what: string }; refused: number; hostileCount: number; totalMs: number } {
  const r = seededRandom(seed);
  const special = withHostile ? hostile(r) : [];
  let slowest = { ms: 0, what: '' };
  let refused = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    let what: string;
    let text: string;
    if (i < special.length) [what, text] = special[i];
    else {
      const s = Math.floor(r() * seeds.length);
      text = seeds[s];
      const n = 1 + Math.floor(r() * 5);
      for (let k = 0; k < n; k++) text = mutateOnce(text, r);
      what = `seed ${s}, ${n} mutations`;
    }
    const t0 = performance.now();
    let code: string | undefined;
    try {
      code = exercise(text, r);
    } catch (err) {
      assert.fail(`file #${i} (${what}, seed ${seed}) crashed: ${(err as Error).stack}`);
    }
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, what: `#${i} ${what} (${text.length.toLocaleString('en-US')} chars)` };
    if (code && /^too-/.test(code)) refused++;
  }
  return { slowest, refused, hostileCount: special.length, totalMs: performance.now() - started };
}
