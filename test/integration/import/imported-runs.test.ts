// Each importer's output, made by the built CLI from a real-shaped file, runs against the mock
// with only its base URL pointed there: every request succeeds and the credential the file refers
// to (never its value) arrives at the gateway.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock } from '../../../src/mock';
import type { Summary } from '../../../src/protocol';
import { cli, ensureBuilt } from '../../support/cli-runs';
import { CURL_LINES, HTTP_FILE, SECRET_VALUE, harText, postmanText } from '../../unit/import/fixtures';

const KEY = 'test-secret-key';
const ENV = {
  GATEWAY_LOAD_SECRET_GATEWAY_KEY: KEY,
  GATEWAY_LOAD_SECRET_X_API_KEY: KEY,
  OPENAI_API_KEY: KEY,
  GATEWAY_KEY: KEY,
  ANTHROPIC_KEY: KEY,
};

const INPUTS: Array<{ file: string; text: () => string; routes: string[] }> = [
  { file: 'page.har', text: harText, routes: ['/v1/chat/completions'] },
  { file: 'api.http', text: () => HTTP_FILE, routes: ['/v1/chat/completions', '/v1/models', '/v1/messages'] },
  { file: 'quickstart.sh', text: () => CURL_LINES, routes: ['/v1/chat/completions', '/v1/embeddings', '/v1/models'] },
  { file: 'smoke.postman_collection.json', text: postmanText, routes: ['/v1/chat/completions', '/v1/models'] },
];

describe('imported scenarios run against the mock', () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  let dir: string;
  before(async () => {
    ensureBuilt();
    mock = await startMock({ port: 0, ttftMs: 5, tokensPerSecond: 2000, latencyMs: 5, outputTokens: 8 });
    dir = mkdtempSync(join(tmpdir(), 'gl-import-'));
  });
  after(async () => {
    await mock?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const input of INPUTS) {
    test(input.file, async () => {
      const source = join(dir, input.file);
      writeFileSync(source, input.text());
      const out = join(dir, `${input.file}.load.yaml`);
      const imported = await cli(['import', source, '-o', out]);
      assert.equal(imported.code, 0, imported.stdout + imported.stderr);
      assert.ok(!readFileSync(out, 'utf8').includes(SECRET_VALUE));
      mock.resetStats();
      const runDir = join(dir, `${input.file}-run`);
      // 8/s for 2 s: at least one call of each request of the mix on a loaded machine.
      const run = await cli(
        [
          'run',
          out,
          '--out',
          runDir,
          '--quiet',
          '--set',
          `target.baseUrl=${mock.url}`,
          '--set',
          'load.rate=8/s',
          '--set',
          'load.duration=2s',
          '--set',
          'load.gracefulStop=10s',
        ],
        ENV,
        dir,
      );
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
      assert.ok(summary.requests.sent >= 12, `sent ${summary.requests.sent}`);
      assert.equal(summary.requests.failed, 0, JSON.stringify(summary.errors));
      const stats = mock.stats();
      for (const route of input.routes)
        assert.ok((stats.byRoute[route] ?? 0) > 0, `${route} was called: ${JSON.stringify(stats.byRoute)}`);
      const auth = stats.lastAuth.map((a) => a.authorization ?? a.xApiKey ?? '');
      assert.ok(
        auth.some((a) => a.includes(KEY)),
        `the credential arrived: ${JSON.stringify(stats.lastAuth)}`,
      );
    });
  }
});
