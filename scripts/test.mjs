// Runs the named test suites (folders under test/) with Node's built-in test runner.
// Node 20's `--test` takes no globs, so the files are collected here.
// Usage: node scripts/test.mjs unit integration webview e2e [--only PATTERN]
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const suites = args.length ? args : ['unit'];

function collect(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : collect(path);
      return /\.test\.(ts|mts|mjs|js)$/.test(name) ? [path] : [];
    });
}

const files = suites.flatMap((s) => collect(join('test', s))).filter((f) => !only || f.includes(only));
if (files.length === 0) {
  console.error(`no test files found in ${suites.map((s) => `test/${s}`).join(', ')}`);
  process.exit(1);
}
// One file at a time: integration tests start servers and measure rates on a 2-core machine.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
