// Each runtime has its own type check: Node code (tsconfig.json: no DOM) and browser code
// (webview/tsconfig.json: DOM, no Node types). A small program is checked under each, as if
// it were a file of the folder, to prove that each fails on the other runtime's globals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

function options(configPath: string): ts.CompilerOptions {
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  assert.equal(read.error, undefined);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, join(configPath, '..'));
  assert.deepEqual(parsed.errors, []);
  return parsed.options;
}

/**
 * Type errors of each `files[path]` checked as that file (a path in the repo) under the given
 * tsconfig: one program per tsconfig, since loading Node's types is most of the cost.
 */
function typeErrors(config: string, files: Record<string, string>): Record<string, string[]> {
  const opts = options(join(ROOT, config));
  const virtual = new Map(Object.entries(files).map(([f, code]) => [join(ROOT, f), code]));
  const host = ts.createCompilerHost(opts);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) =>
    virtual.has(name)
      ? ts.createSourceFile(name, virtual.get(name) ?? '', lang)
      : getSourceFile.call(host, name, lang, ...rest);
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...virtual.keys()], opts, host);
  return Object.fromEntries(
    Object.keys(files).map((f) => [
      f,
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(join(ROOT, f)))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ]),
  );
}

const node = typeErrors('tsconfig.json', {
  'src/engine/dom-fixture.ts': 'export const t: string = document.title;\nexport const w = window.innerWidth;\n',
  'src/engine/node-fixture.ts':
    "import { cpus } from 'node:os';\nexport const v: string = process.version + cpus().length + Buffer.from('x').length;\n",
  'src/engine/fetch-fixture.ts': "export const r: Promise<Response> = fetch('http://127.0.0.1:1/');\n",
});
const browser = typeErrors('webview/tsconfig.json', {
  'webview/node-globals-fixture.ts':
    "export const e = process.env.HOME;\nexport const b = Buffer.from('x');\nexport const f = require('fs');\n",
  'webview/node-module-fixture.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  'webview/dom-fixture.ts':
    "import type { Window } from '../src/protocol';\nimport { pct } from '../src/shared/format';\nexport const t: string = document.title + pct(0.5);\nexport type W = Window;\n",
});

describe('type checks per runtime', () => {
  test('Node code (tsconfig.json): document and window do not type-check; Node globals do', () => {
    const errors = node['src/engine/dom-fixture.ts'];
    assert.ok(
      errors.some((e) => /Cannot find name 'document'/.test(e)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => /Cannot find name 'window'/.test(e)),
      errors.join('\n'),
    );
    assert.deepEqual(node['src/engine/node-fixture.ts'], []);
  });

  test('Node types declare a global fetch, so the Node check accepts it: the lint rule no-restricted-globals keeps it out of the engine', () => {
    // If this starts failing, @types/node dropped fetch and the type check alone would do.
    assert.deepEqual(node['src/engine/fetch-fixture.ts'], []);
  });

  test('browser code (webview/tsconfig.json): process, Buffer, require and Node modules do not type-check; the DOM does', () => {
    const errors = browser['webview/node-globals-fixture.ts'];
    for (const name of ['process', 'Buffer', 'require'])
      assert.ok(
        errors.some((e) => new RegExp(`Cannot find name '${name}'`).test(e)),
        `${name}:\n${errors.join('\n')}`,
      );
    const mod = browser['webview/node-module-fixture.ts'];
    assert.ok(
      mod.some((e) => /'node:fs'/.test(e)),
      mod.join('\n'),
    );
    assert.deepEqual(browser['webview/dom-fixture.ts'], []);
  });
});
