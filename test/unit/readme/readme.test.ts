// The README says what the code does: every scenario snippet in it validates with the real
// validator, every `gateway-load …` command line (code blocks, their synopses, and inline code)
// parses with the CLI's own argument parsers, and every `npm run X` names a real script.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../../src/scenario/index';
import { parseCommandLine } from '../../../src/cli/main';

const ROOT = join(__dirname, '..', '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Fenced code blocks of one language. */
function blocks(lang: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const re = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm');
  for (const m of README.matchAll(re)) out.push({ line: README.slice(0, m.index).split('\n').length + 1, text: m[1] });
  return out;
}

/**
 * The command lines of the README's shell blocks (comments dropped, `[…]` continuation lines of
 * a synopsis joined to their command) and of inline code that starts with `gateway-load `.
 */
function commandLines(): string[] {
  const lines: string[] = [];
  for (const b of blocks('sh')) {
    for (const raw of b.text.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (!line) continue;
      if (line.startsWith('[') && lines.length) lines[lines.length - 1] += ` ${line}`;
      else lines.push(line);
    }
  }
  for (const m of README.matchAll(/`(gateway-load [^`]+)`/g)) lines.push(m[1]);
  return lines;
}

/** Placeholder words of the synopses and the values that stand for them. */
let values: Record<string, string>;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gl-readme-'));
  const config = join(dir, 'mock.json');
  writeFileSync(config, '{}');
  values = { N: '7', K: 'sk-readme', 'file.json': config };
});
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A synopsis as one concrete command line: every optional group taken (a group glued to a word,
 * `100/s[,BURST]`, left out), `<a|b>` and `a|b` as their first choice, `…` dropped.
 */
export function concrete(synopsis: string): string[] {
  let s = synopsis;
  s = s.replace(/(\S)\[[^\][]*\]/g, '$1');
  while (/\[[^\][]*\]/.test(s)) s = s.replace(/\[([^\][]*)\]/g, '$1');
  return s
    .split(/\s+/)
    .filter((w) => w && w !== '…')
    .map((w) => w.replace(/…$/, ''))
    .map((w) => {
      const bare = w.replace(/^<|>$/g, '');
      const choice = bare.includes('|') && !bare.includes('=') ? bare.split('|')[0] : bare;
      return values[choice] ?? choice;
    });
}

async function check(line: string): Promise<string | undefined> {
  const words = concrete(line);
  assert.equal(words[0], 'gateway-load', line);
  return parseCommandLine(words.slice(1));
}

describe('README.md says what the code does', () => {
  test('every scenario snippet validates with the real validator', () => {
    const yaml = blocks('yaml');
    assert.ok(yaml.length >= 1, 'no yaml block found');
    for (const b of yaml) {
      const { diagnostics } = parseScenario(b.text);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => `README.md:${b.line + d.range.start.line}: ${d.message}`),
        [],
      );
    }
  });

  test("every gateway-load command line parses with the CLI's own parser", async () => {
    const lines = commandLines().filter((l) => l.startsWith('gateway-load '));
    assert.ok(lines.length >= 8, `found only ${lines.length} gateway-load lines`);
    const commands = new Set(lines.map((l) => l.split(/\s+/)[1]));
    for (const c of ['validate', 'run', 'mock', 'report', 'compare', 'export', 'import'])
      assert.ok(commands.has(c), `the README shows no '${c}' line`);
    for (const line of lines)
      assert.equal(await check(line), undefined, `README: ${line}\n  → ${concrete(line).join(' ')}`);
  });

  test('the check can fail: a wrong option, a wrong value or a missing file is a usage error', async () => {
    assert.match((await check('gateway-load run a.load.yaml --no-such-option')) ?? '', /unknown option/);
    assert.match((await check('gateway-load run')) ?? '', /no scenario file/);
    assert.match((await check('gateway-load report run --format pdf')) ?? '', /unknown format/);
    assert.match((await check('gateway-load mock --ttft soon')) ?? '', /.+/);
    assert.match((await check('gateway-load export a.load.yaml --to jmeter')) ?? '', /--to must be/);
    assert.match((await check('gateway-load frobnicate')) ?? '', /unknown command/);
    assert.deepEqual(concrete('gateway-load mock [--rate-limit 100/s[,BURST]] [--seed N]'), [
      'gateway-load',
      'mock',
      '--rate-limit',
      '100/s',
      '--seed',
      '7',
    ]);
  });

  test('every `npm run X` names a script of package.json', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const named = [...README.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    assert.ok(named.length >= 3);
    assert.deepEqual(
      named.filter((n) => !(n in scripts)),
      [],
    );
  });
});
