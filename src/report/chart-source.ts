// Chart.js's UMD build as text, to inline into self-contained HTML reports. The bundles
// (dist/cli.js, dist/extension.js) run without node_modules, so esbuild.mjs replaces this
// module at build time with one that returns the text inlined; under tsx (tests) it reads it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The source of chart.js/dist/chart.umd.js, without its source-map comment. */
export function chartJsSource(): string {
  if (cached === undefined) {
    // chart.js's `exports` map hides dist/chart.umd.js; its CommonJS entry sits beside it.
    const entry = require.resolve('chart.js');
    cached = readFileSync(join(dirname(entry), 'chart.umd.js'), 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  }
  return cached;
}
