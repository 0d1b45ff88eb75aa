// The import boundaries of DESIGN.md are ESLint rules (eslint.config.mjs). Each rule is proven
// here by deliberately wrong code linted as if it sat in the folder the rule guards, and the
// tree is proven to keep every rule.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals']);
let eslint: ESLint;

before(() => {
  eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId) });
});

/** The boundary-rule messages ESLint reports for `code` placed at `filePath`. */
async function problems(
  filePath: string,
  code: string,
): Promise<Array<{ ruleId: string | null; message: string; line: number }>> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  const fatal = result.messages.find((m) => m.fatal);
  assert.equal(fatal, undefined, `${filePath} did not parse: ${fatal?.message}`);
  return result.messages.map(({ ruleId, message, line }) => ({ ruleId, message, line }));
}

async function assertFires(filePath: string, code: string, rule: string, text: RegExp): Promise<void> {
  const found = await problems(filePath, code);
  assert.ok(
    found.some((p) => p.ruleId === rule && text.test(p.message)),
    `${filePath}: expected ${rule} ${text} for\n${code}\ngot ${JSON.stringify(found)}`,
  );
}

async function assertClean(filePath: string, code: string): Promise<void> {
  assert.deepEqual(await problems(filePath, code), [], `${filePath} should pass:\n${code}`);
}

describe('import boundaries: each rule fires on a deliberately wrong import', () => {
  test('nothing imports a face (src/extension/, src/cli/)', async () => {
    await assertFires(
      'src/run/fixture.ts',
      "import { activate } from '../extension/main';\nvoid activate;\n",
      'no-restricted-imports',
      /Nothing imports a face/,
    );
    await assertFires(
      'src/report/deep/fixture.ts',
      "import { main } from '../../cli/main';\nvoid main;\n",
      'no-restricted-imports',
      /Nothing imports a face/,
    );
    await assertFires(
      'src/engine/ai/fixture.ts',
      "import '../../extension/main';\n",
      'no-restricted-imports',
      /Nothing imports a face/,
    );
    await assertFires(
      'src/extension/fixture.ts',
      "import { main } from '../cli/main';\nvoid main;\n",
      'no-restricted-imports',
      /Nothing imports a face/,
    );
    await assertFires(
      'src/cli/fixture.ts',
      "import { activate } from '../extension/main';\nvoid activate;\n",
      'no-restricted-imports',
      /Nothing imports a face/,
    );
  });

  test('webview/ imports only src/protocol.ts and the shared floor, and no Node module', async () => {
    await assertFires(
      'webview/fixture.ts',
      "import { renderHtml } from '../src/report/html';\nvoid renderHtml;\n",
      'no-restricted-imports',
      /webview\/ imports only/,
    );
    await assertFires(
      'webview/compare/fixture.ts',
      "import type { Scenario } from '../../src/scenario/model';\nexport type S = Scenario;\n",
      'no-restricted-imports',
      /webview\/ imports only/,
    );
    await assertFires(
      'webview/fixture.ts',
      "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
      'no-restricted-imports',
      /browser code/,
    );
    await assertFires(
      'webview/fixture.ts',
      "import { join } from 'path';\nvoid join;\n",
      'no-restricted-imports',
      /browser code/,
    );
    await assertFires(
      'webview/fixture.ts',
      "import '../test/unit/report/fixture';\n",
      'no-restricted-imports',
      /webview\/ imports only/,
    );
    await assertClean(
      'webview/compare/fixture.ts',
      "import type { Window } from '../../src/protocol';\nimport { pct } from '../../src/shared/format';\nimport { h } from '../dom';\nexport const x: Window | string = pct(0.5);\nvoid h;\n",
    );
  });

  test('src/engine/ never imports src/run/, src/report/, src/export/ or the mock', async () => {
    await assertFires(
      'src/engine/fixture.ts',
      "import type { RunHandle } from '../run/types';\nexport type R = RunHandle;\n",
      'no-restricted-imports',
      /src\/engine\/ never imports/,
    );
    await assertFires(
      'src/engine/ai/fixture.ts',
      "import { renderHtml } from '../../report/html';\nvoid renderHtml;\n",
      'no-restricted-imports',
      /src\/engine\/ never imports/,
    );
    await assertFires(
      'src/engine/fixture.ts',
      "import { startMock } from '../mock/server';\nvoid startMock;\n",
      'no-restricted-imports',
      /src\/engine\/ never imports/,
    );
    await assertClean(
      'src/engine/fixture.ts',
      "import { buildBody } from '../dialects/body';\nimport { round4 } from '../shared/summary-fields';\nimport type { Window } from '../protocol';\nexport const w: Window | number = round4(1);\nvoid buildBody;\n",
    );
  });

  test('src/mock/ shares nothing with the engine or the rest of src/ (src/version excepted)', async () => {
    await assertFires(
      'src/mock/fixture.ts',
      "import { countTokens } from '../engine/ai';\nvoid countTokens;\n",
      'no-restricted-imports',
      /src\/mock\/ shares no code/,
    );
    await assertFires(
      'src/mock/fixture.ts',
      "import { pct } from '../shared/format';\nvoid pct;\n",
      'no-restricted-imports',
      /src\/mock\/ shares no code/,
    );
    await assertFires(
      'src/mock/sub/fixture.ts',
      "import type { Scenario } from '../../scenario/model';\nexport type S = Scenario;\n",
      'no-restricted-imports',
      /src\/mock\/ shares no code/,
    );
    await assertClean(
      'src/mock/fixture.ts',
      "import { VERSION } from '../version';\nimport { createServer } from 'node:http';\nvoid VERSION;\nvoid createServer;\n",
    );
  });

  test('src/scenario/ imports no Node network module and nothing above the floor', async () => {
    for (const mod of ['node:http', 'https', 'node:net', 'tls', 'undici']) {
      await assertFires(
        'src/scenario/fixture.ts',
        `import * as m from '${mod}';\nvoid m;\n`,
        'no-restricted-imports',
        /never talks to the network/,
      );
    }
    await assertFires(
      'src/scenario/fixture.ts',
      "import { createReader } from '../engine/ai';\nvoid createReader;\n",
      'no-restricted-imports',
      /src\/scenario\/ is pure/,
    );
    await assertClean(
      'src/scenario/fixture.ts',
      "import { METRICS } from '../shared/metrics';\nimport { basename } from 'node:path';\nvoid METRICS;\nvoid basename;\n",
    );
  });

  test('the shared floor (src/shared/, src/dialects/) imports nothing above it; types only from src/protocol.ts', async () => {
    await assertFires(
      'src/shared/fixture.ts',
      "import { loadRun } from '../report/load';\nvoid loadRun;\n",
      'no-restricted-imports',
      /shared floor/,
    );
    await assertFires(
      'src/dialects/fixture.ts',
      "import { createReader } from '../engine/ai';\nvoid createReader;\n",
      'no-restricted-imports',
      /shared floor/,
    );
    await assertFires(
      'src/shared/fixture.ts',
      "import { isWorkerMessage } from '../protocol';\nvoid isWorkerMessage;\n",
      'no-restricted-imports',
      /shared floor/,
    );
    await assertFires(
      'src/shared/fixture.ts',
      "import { validate } from '../scenario/validate-load';\nvoid validate;\n",
      'no-restricted-imports',
      /shared floor/,
    );
    await assertClean(
      'src/shared/fixture.ts',
      "import type { Summary } from '../protocol';\nimport type { Scenario } from '../scenario/model';\nimport { parseTemplate } from '../scenario/references';\nimport { buildBody } from '../dialects/body';\nexport type X = Summary | Scenario;\nvoid parseTemplate;\nvoid buildBody;\n",
    );
  });

  test('run/, report/ and export/ use the floor, not the engine', async () => {
    await assertFires(
      'src/run/fixture.ts',
      "import { summaryHead } from '../engine/summary';\nvoid summaryHead;\n",
      'no-restricted-imports',
      /never the engine/,
    );
    await assertFires(
      'src/export/fixture.ts',
      "import { createReader } from '../engine/ai';\nvoid createReader;\n",
      'no-restricted-imports',
      /never the engine/,
    );
  });

  test('only src/extension/ imports vscode, in every folder', async () => {
    for (const f of [
      'src/engine/fixture.ts',
      'src/shared/fixture.ts',
      'src/report/fixture.ts',
      'webview/fixture.ts',
      'src/mock/fixture.ts',
      'test/unit/fixture.ts',
    ]) {
      await assertFires(
        f,
        "import * as vscode from 'vscode';\nvoid vscode;\n",
        'no-restricted-imports',
        /Only src\/extension\//,
      );
    }
    await assertClean('src/extension/fixture.ts', "import * as vscode from 'vscode';\nvoid vscode;\n");
  });

  test('runtime globals: no fetch or document in Node code, no process in the webview', async () => {
    await assertFires(
      'src/engine/fixture.ts',
      "export const r = fetch('http://127.0.0.1:1/');\n",
      'no-restricted-globals',
      /undici Pool\.dispatch/,
    );
    await assertFires(
      'src/engine/ai/fixture.ts',
      'export const d = document.title;\n',
      'no-restricted-globals',
      /no browser globals/,
    );
    await assertFires(
      'src/mock/fixture.ts',
      "export const r = new Response('x');\n",
      'no-restricted-globals',
      /No fetch-family globals/,
    );
    await assertFires(
      'webview/fixture.ts',
      'export const e = process.env.HOME;\n',
      'no-restricted-globals',
      /no Node globals/,
    );
    await assertFires(
      'webview/fixture.ts',
      "export const b = Buffer.from('x');\n",
      'no-restricted-globals',
      /no Node globals/,
    );
  });
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * A file's import and export-from declarations, each on the line it stands on: the import rule
 * sees exactly what it would see in the whole file, at a fraction of the cost of linting
 * 150 files (the globals rule over the whole tree runs in `npm run lint`).
 */
function importsOnly(path: string): string {
  const text = readFileSync(path, 'utf8');
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const lines = text.split('\n').map(() => '');
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) && !(ts.isExportDeclaration(s) && s.moduleSpecifier)) continue;
    const { line } = sf.getLineAndCharacterOfPosition(s.getStart(sf));
    lines[line] = text.slice(s.getStart(sf), s.end).replace(/\s*\n\s*/g, ' ');
  }
  return lines.join('\n');
}

test('the tree keeps every import boundary', async () => {
  const files = [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'webview'))];
  assert.ok(files.length > 100, `found only ${files.length} files`);
  const bad: string[] = [];
  for (const f of files) {
    for (const p of await problems(relative(ROOT, f), importsOnly(f)))
      bad.push(`${relative(ROOT, f)}:${p.line} ${p.message}`);
  }
  assert.deepEqual(bad, []);
});
