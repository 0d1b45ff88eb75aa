// Compiles the in-host suite to test/e2e/.build/index.js: CommonJS (the extension host requires it),
// `vscode` external (the host provides it), mocha bundled so nothing is resolved at run time.
import * as esbuild from 'esbuild';
import { join } from 'node:path';

/** Folder of this file. */
export const E2E_DIR = __dirname;
/** The compiled suite's entry. */
export const SUITE_INDEX = join(E2E_DIR, '.build', 'index.js');

/** Builds the suite; throws with esbuild's messages on error. */
export async function buildSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: [join(E2E_DIR, 'suite', 'index.ts')],
    outfile: SUITE_INDEX,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    // mocha's parallel mode resolves worker files we never use; its warnings are noise here.
    logLevel: 'error',
  });
  return SUITE_INDEX;
}
