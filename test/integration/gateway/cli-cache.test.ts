// As a user runs it: `gateway-load mock --cache` in its own process and `gateway-load run` of
// examples/gateway-cache.load.yaml (shortened with --set): the CLI summary prints the cache and
// stream blocks, the hit-ratio threshold passes, and summary.json carries the sections.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ensureBuilt, ROOT, startMock, type Mock } from '../../support/cli-runs';
import type { Summary } from '../../../src/protocol';

let mock: Mock;
let dir: string;
before(async () => {
  ensureBuilt();
  mock = await startMock(['--cache', '--ttft', '30ms', '--tokens-per-second', '400']);
  dir = mkdtempSync(join(tmpdir(), 'gl-cli-cache-'));
});
after(async () => {
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the example against the caching mock: cache and stream in the CLI summary, the threshold met', async () => {
  const out = join(dir, 'summary.json');
  const r = await cli(
    [
      'run',
      join(ROOT, 'examples/gateway-cache.load.yaml'),
      '--set',
      'load.duration=4s',
      '--set',
      'load.rate=50/s',
      '--out',
      dir,
      '--summary-json',
      out,
      '--quiet',
    ],
    { GATEWAY_URL: mock.url, CI: 'true' },
  );
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\n {2}cache\n {4}hit ratio {10}\d+\.\d% \(\d+ hits of \d+\) from x-cache\n/);
  assert.match(r.stdout, /\n {4}repeats sent {7}\d+\.\d% \(\d+, prompt\.repeat\)/);
  assert.match(r.stdout, /\n {2}stream\n {4}chunks per answer {2}p50 \d+/);
  assert.match(r.stdout, /✓ cache_hit_ratio {2}rate > 0\.25/);
  const s = JSON.parse(readFileSync(out, 'utf8')) as Summary;
  assert.ok(s.cache && s.stream);
  assert.ok(
    Math.abs(s.cache.hitRatio! - 0.3) < 0.08,
    `hit ratio ${s.cache.hitRatio} of ${s.cache.hits + s.cache.misses}`,
  );
  assert.equal(s.metrics.cache_hit_ratio.rate, s.cache.hitRatio);
  assert.equal(s.warnings, undefined, 'the mock streams token by token: no buffering warning');
});
