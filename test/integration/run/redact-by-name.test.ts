// Credentials are hidden by header name, however they got into the scenario: `--set` (the usual CI
// pattern), a literal pasted into the file, or a reference. The CLI runs against the real mock,
// writes reports and exports; then every file written is searched for every key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock, type MockServer } from '../../../src/mock/index';
import { cli as runCli } from '../../support/cli-runs';

const SET_KEY = 'sk-set-9f8e7d6c5b4a39281706';
const LITERALS: Record<string, string> = {
  'x-api-key': 'xak-literal-1111aaaa2222',
  'api-key': 'ak-literal-3333bbbb4444',
  'anthropic-api-key': 'sk-ant-literal-5555cccc',
  'Proxy-Authorization': 'Basic cHJveHk6c2VjcmV0LXB3',
  'X-Session-Token': 'tok-literal-6666dddd7777',
  'X-Client-Secret': 'cs-literal-8888eeee9999',
  'X-Team-Key': 'team-literal-0000ffff1234',
};
let mock: MockServer;
let dir: string;

before(async () => {
  mock = await startMock({ port: 0, ttftMs: 5, tokensPerSecond: 500, outputTokens: 5, apiKeys: [SET_KEY] });
  dir = mkdtempSync(join(tmpdir(), 'gl-redact-'));
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The built CLI run in the test's folder, its two output streams together. */
async function cli(args: string[]): Promise<{ status: number | null; out: string }> {
  const r = await runCli(args, { CI: 'true' }, dir);
  return { status: r.code, out: r.stdout + r.stderr };
}

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? filesUnder(join(d, f)) : [join(d, f)]));
}

test('a --set Authorization and every credential-named literal header appear in no written file', async () => {
  const file = join(dir, 'keys.load.yaml');
  writeFileSync(
    file,
    [
      'name: keys',
      'target:',
      `  baseUrl: ${mock.url}`,
      '  headers:',
      '    Authorization: Bearer placeholder-to-be-overridden',
      ...Object.entries(LITERALS).map(([k, v]) => `    ${k}: "${v}"`),
      'load: { executor: constant-arrival-rate, rate: 10/s, duration: 1s, gracefulStop: 2s }',
      'requests:',
      '  - { name: chat, api: openai-chat, model: gpt-4o-mini, maxTokens: 5, prompt: Hello, checks: [ status == 200 ] }',
      '',
    ].join('\n'),
  );
  const out = join(dir, 'run-out');
  const run = await cli([
    'run',
    file,
    '--out',
    out,
    '--report',
    'html,md,json,junit',
    '--set',
    `target.headers.Authorization=Bearer ${SET_KEY}`,
  ]);
  assert.equal(run.status, 0, run.out);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.ok(
    summary.requests.sent > 0 && summary.requests.succeeded === summary.requests.sent,
    'the --set key reached the mock and was accepted',
  );
  const reportMd = join(dir, 'again.md');
  assert.equal((await cli(['report', out, '--format', 'md', '-o', reportMd])).status, 0);
  const exports = [join(dir, 'keys.k6.js'), join(dir, 'keys.artillery.yml')];
  const k6 = await cli(['export', file, '--to', 'k6', '-o', exports[0]]);
  const artillery = await cli(['export', file, '--to', 'artillery', '-o', exports[1]]);
  assert.equal(k6.status, 0, k6.out);
  assert.equal(artillery.status, 0, artillery.out);
  assert.match(k6.out, /literal credential/, 'the export says where the key went instead');

  const written = [
    ...filesUnder(out),
    reportMd,
    ...filesUnder(dir).filter((f) => /\.(k6\.js|artillery\.yml|json)$/.test(f)),
  ];
  assert.ok(
    written.some((f) => f.endsWith('scenario.json')) &&
      written.some((f) => f.endsWith('report.html')) &&
      written.some((f) => f.endsWith('junit.xml')),
  );
  const leaks: string[] = [];
  for (const f of new Set(written)) {
    const text = readFileSync(f, 'utf8');
    for (const [name, key] of [['--set Authorization', SET_KEY], ...Object.entries(LITERALS)]) {
      const core = key.replace(/^Basic /, '');
      if (text.includes(core)) leaks.push(`${name} in ${f.slice(dir.length + 1)}`);
    }
  }
  for (const [name, key] of [['--set Authorization', SET_KEY], ...Object.entries(LITERALS)])
    if (run.out.includes(key.replace(/^Basic /, ''))) leaks.push(`${name} in the CLI's output`);
  assert.deepEqual(leaks, []);
  const scenarioJson = readFileSync(join(out, 'scenario.json'), 'utf8');
  assert.match(scenarioJson, /"Authorization": "Bearer \[redacted\]"/, 'the header stays, its value hidden');
  assert.match(scenarioJson, /"Content-Type"|"model": "gpt-4o-mini"/, 'ordinary values are kept');
});
