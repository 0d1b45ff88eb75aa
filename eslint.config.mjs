import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Which way imports go (DESIGN.md, ARCHITECTURE.md), kept by the build rather than by habit.
// `no-restricted-imports` matches the import string, not the file it resolves to, so each
// folder's rules are generated per depth: from src/engine/ai/x.ts, `../../run/y` reaches src/run.
// In a flat config a later entry replaces an earlier entry's options for the same rule, so every
// folder's entry repeats the rules that hold everywhere (no `vscode`, no face).

const DEPTHS = [1, 2, 3, 4];
const up = (n) => '\\.\\./'.repeat(n);
/** A folder's files `depth` levels below `src/<folder>/`, as a glob. */
const filesAt = (root, depth) => `${root}/${'*/'.repeat(depth - 1)}*.ts`;

const VSCODE = {
  name: 'vscode',
  message: 'Only src/extension/ (and test/e2e/) may import vscode: the rest runs in plain Node and in tests.',
};
const NETWORK = ['net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises']
  .flatMap((m) => [m, `node:${m}`])
  .concat(['undici', 'node-fetch', 'ws'])
  .map((name) => ({ name, message: 'src/scenario/ is pure: it parses and validates, it never talks to the network.' }));
const NODE_BUILTINS = builtinModules
  .filter((m) => !m.startsWith('_'))
  .flatMap((m) => [m, `node:${m}`])
  .map((name) => ({ name, message: 'webview/ is browser code: no Node modules (it runs inside a VS Code webview).' }));

/** A pattern that forbids the src/ folders named in `alternation`, reached from `depth` levels down. */
const toSrc = (depth, alternation, message, extra = {}) => ({
  regex: `^${up(depth)}(?:${alternation})(?:/|$)`,
  message,
  ...extra,
});
const FACES = 'extension|cli';
const faceMessage = 'Nothing imports a face (src/extension/, src/cli/): faces import the layers, never the reverse.';

/** One config entry per depth for `src/<folder>/`, with `patterns(depth)` plus the rules that hold everywhere. */
function layer(folder, patterns, paths = [VSCODE], noFace = true) {
  return DEPTHS.map((depth) => ({
    files: [filesAt(`src/${folder}`, depth)],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths, patterns: [...(noFace ? [toSrc(depth, FACES, faceMessage)] : []), ...patterns(depth)] },
      ],
    },
  }));
}

const engineMessage =
  'src/engine/ never imports src/run/, src/report/, src/export/, src/mock/ or a face: the worker knows nothing of its host.';
const floorMessage =
  'The shared floor (src/shared/, src/dialects/) imports nothing above it: only itself, src/scenario/model, src/scenario/references, src/version and (types only) src/protocol.';
const mockMessage =
  'src/mock/ shares no code with the engine or anything else in src/ (an independent peer, so a bug cannot hide by being on both sides); src/version is the one exception.';
const hostMessage =
  "src/run/, src/report/ and src/export/ use the floor (src/shared/, src/dialects/), never the engine's internals, the mock or a face.";
const scenarioMessage = 'src/scenario/ is pure: it imports only itself and the shared floor.';
const webviewMessage =
  'webview/ imports only src/protocol.ts and the shared floor (src/shared/): it is browser code, bundled on its own.';

const boundaries = [
  // Everywhere in src/ (faces excepted below): no face.
  ...DEPTHS.map((depth) => ({
    files: [filesAt('src', depth + 1)],
    rules: { 'no-restricted-imports': ['error', { paths: [VSCODE], patterns: [toSrc(depth, FACES, faceMessage)] }] },
  })),
  {
    files: ['src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [VSCODE],
          patterns: [
            {
              regex: '^\\./(?!shared/|scenario/|version$)',
              message: 'src/protocol.ts imports only from the shared floor and src/scenario/.',
            },
          ],
        },
      ],
    },
  },
  ...layer('engine', (d) => [toSrc(d, 'run|report|export|mock', engineMessage)]),
  ...['run', 'report', 'export'].flatMap((f) => layer(f, (d) => [toSrc(d, 'engine|mock', hostMessage)])),
  ...layer('scenario', (d) => [toSrc(d, 'engine|run|report|export|mock|dialects|protocol', scenarioMessage)], [
    VSCODE,
    ...NETWORK,
  ]),
  ...layer('mock', (d) => [{ regex: `^${up(d)}(?!version$)`, message: mockMessage }]),
  ...['shared', 'dialects'].flatMap((f) =>
    layer(f, (d) => [
      {
        regex: `^${up(d)}(?!shared/|dialects/|scenario/model$|scenario/references$|version$|protocol$)`,
        message: floorMessage,
      },
      { regex: `^${up(d)}protocol$`, allowTypeImports: true, message: `${floorMessage} (import type)` },
    ]),
  ),
  // Faces: each may import the layers, not the other face.
  ...layer('extension', (d) => [toSrc(d, 'cli', faceMessage)], [], false),
  ...layer('cli', (d) => [toSrc(d, 'extension', faceMessage)], [VSCODE], false),
  ...DEPTHS.map((depth) => ({
    files: [`webview/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [VSCODE, ...NODE_BUILTINS, { name: 'undici', message: webviewMessage }],
          patterns: [{ regex: `^${up(depth)}(?!src/protocol$|src/shared/)`, message: webviewMessage }],
        },
      ],
    },
  })),
];

// Runtime globals the type checks cannot keep out: Node 20's types declare a global `fetch`, so
// the Node tsconfig (no DOM) still accepts it. The engine sends with undici's Pool.dispatch
// (fetch costs ~10x the CPU per request, see bench/README.md); the mock and scenario never send.
const NO_FETCH = ['fetch', 'Request', 'Response', 'Headers', 'WebSocket', 'EventSource'].map((name) => ({
  name,
  message:
    'No fetch-family globals in the engine, the mock or the scenario: the engine sends with undici Pool.dispatch (see bench/README.md).',
}));
const BROWSER_GLOBALS = ['document', 'window', 'navigator', 'localStorage', 'location'].map((name) => ({
  name,
  message: 'Node code: no browser globals.',
}));
const runtimes = [
  {
    files: ['src/engine/**/*.ts', 'src/mock/**/*.ts', 'src/scenario/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NO_FETCH, ...BROWSER_GLOBALS] },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'require', 'Buffer', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
          name,
          message: 'webview/ is browser code: no Node globals.',
        })),
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/*.js', '**/*.mjs', 'test/e2e/.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [VSCODE] }],
    },
  },
  ...boundaries,
  ...runtimes,
  { files: ['test/e2e/**'], rules: { 'no-restricted-imports': 'off' } },
);
