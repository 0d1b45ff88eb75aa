// Runs examples/ci/load-test.sh locally, as the GitHub Actions and GitLab jobs do (minus the
// install step): a first run passes and becomes the baseline; a run against a 30% slower mock
// fails the job as a regression; both leave the HTML, JUnit and Markdown reports behind.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ensureBuilt, ROOT, tempDir } from './helpers';

function script(env: Record<string, string>, cwd: string): Promise<{ code: number | null; out: string }> {
  const proc = spawn('bash', [join(ROOT, 'examples/ci/load-test.sh')], {
    cwd,
    env: { ...process.env, GATEWAY_URL: '', SKIP_INSTALL: '1', GATEWAY_LOAD: `node ${CLI}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  proc.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  return new Promise((ok) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 90_000);
    proc.once('close', (code) => {
      clearTimeout(timer);
      ok({ code, out });
    });
  });
}

describe('examples/ci/load-test.sh', () => {
  const workspace = tempDir('gl-ci-ws-');
  before(() => ensureBuilt());

  test('passes, writes the reports and marks the baseline; then fails on a 30% slower gateway', async () => {
    const mockArgs = '--ttft 80ms --tokens-per-second 50 --output-tokens 6';
    const first = await script({ OUT_DIR: 'first', MOCK_ARGS: mockArgs, MARK_BASELINE: '1' }, workspace);
    assert.equal(first.code, 0, first.out);
    for (const f of ['report.html', 'junit.xml', 'report.md', 'run/summary.json'])
      assert.ok(existsSync(join(workspace, 'first', f)), f);
    assert.match(first.out, /no baseline marked/);
    assert.ok(existsSync(join(workspace, '.gateway-load/baselines/ci-smoke-streaming-chat.json')));
    assert.match(readFileSync(join(workspace, 'first/junit.xml'), 'utf8'), /<testsuites [^>]*failures="0"/);

    const slow = await script({ OUT_DIR: 'slow', MOCK_ARGS: `${mockArgs} --latency-factor 1.3` }, workspace);
    assert.equal(slow.code, 1, slow.out);
    assert.match(slow.out, /FAILED: regression against the baseline/);
    assert.match(readFileSync(join(workspace, 'slow/comparison.txt'), 'utf8'), /^REGRESSION: /m);
    assert.match(
      readFileSync(join(workspace, 'slow/junit.xml'), 'utf8'),
      /<failure message="http_req_duration worse than baseline/,
    );
    assert.match(readFileSync(join(workspace, 'slow/report.md'), 'utf8'), /🔴 Regression/);
    // The script stops the mock it started: nothing answers at its address afterwards.
    for (const dir of ['first', 'slow']) {
      const url = /listening on (http:\/\/\S+)/.exec(readFileSync(join(workspace, dir, 'mock.log'), 'utf8'))?.[1];
      assert.ok(url, dir);
      await assert.rejects(fetch(`${url}/__mock/stats`), `the mock of '${dir}' still answers`);
    }
  });
});
