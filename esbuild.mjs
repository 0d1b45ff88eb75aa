// Bundles the four entry points. A worker needs a file of its own, so the engine worker is a
// separate bundle beside the extension; the webview is browser code with no Node built-ins.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build start/finish so a VS Code problem matcher can follow watch mode. */
const watchLogger = {
  name: 'watch-logger',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * Reports inline chart.js into self-contained HTML, and the node bundles run without
 * node_modules: replace src/report/chart-source.ts with the UMD text itself.
 */
const inlineChartJs = {
  name: 'inline-chartjs',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]report[\\/]chart-source\.ts$/ }, async () => {
      const { readFile } = await import('node:fs/promises');
      const { createRequire } = await import('node:module');
      const { dirname, join } = await import('node:path');
      const umd = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
      const text = (await readFile(umd, 'utf8')).replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
      return {
        contents: `export function chartJsSource() { return ${JSON.stringify(text)}; }`,
        loader: 'js',
        watchFiles: [umd],
      };
    });
  },
};

const base = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [watchLogger],
};

const node = {
  ...base,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // `vscode` is provided by the extension host at run time and cannot be bundled.
  external: ['vscode'],
};

const builds = [
  {
    ...node,
    entryPoints: { extension: 'src/extension/main.ts' },
    outdir: 'dist',
    plugins: [...base.plugins, inlineChartJs],
  },
  { ...node, entryPoints: { worker: 'src/engine/worker.ts' }, outdir: 'dist' },
  {
    ...node,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...base.plugins, inlineChartJs],
  },
  {
    ...base,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    loader: { '.css': 'text' },
  },
];

const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}
