// The other half of the 10,000-file fuzz run (see fuzz-hostile.test.ts): mutations only, another seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './fuzz-corpus';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202) + 1;

test('5,000 more mutated files: no crash, no hang, slowest under 1 s', () => {
  const { slowest, totalMs } = fuzz(SEED, 5000, false);
  console.log(
    `fuzz: 5000 mutated files in ${(totalMs / 1000).toFixed(1)} s; slowest ${slowest.ms.toFixed(1)} ms: ${slowest.what}`,
  );
  assert.ok(slowest.ms < 1000, `slowest file took ${slowest.ms.toFixed(0)} ms: ${slowest.what}`);
});
