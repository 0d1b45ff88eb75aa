// Records the compare view's fixture from two real runs: starts `gateway-load mock`, runs a short
// streaming scenario with `gateway-load run --out DIR`, marks that run as the scenario's baseline
// (as "Mark as Baseline" does), makes the mock 30% slower (`POST /__mock/config`
// `{ latencyFactor: 1.3 }`), runs again, and builds the `compare/snapshot` the extension would
// send for "Compare With Baseline" (baseline file vs run folder).
//
//   node esbuild.mjs && node --import tsx test/webview/record-compare-fixture.ts
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRun, markBaseline } from '../../src/report/index';
import { compareSnapshotOf } from '../../src/extension/compare-snapshot';
import { COMPARE_FIXTURE } from './compare-fixture';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

// Fixed delays, long beside a busy machine's timer jitter, so 30% slower is plainly 30% slower;
// a few failures so the failed-requests chart has something in both runs.
const MOCK_ARGS = ['--port', '0', '--ttft', '150ms', '--tokens-per-second', '100', '--output-tokens', '12', '--fail-rate', '0.03', '--seed', '11'];

const SCENARIO = (baseUrl: string) => `name: Streaming chat — compared with its baseline
target:
  baseUrl: ${baseUrl}
  timeout: 10s
  maxConnections: 100
load:
  executor: ramping-arrival-rate
  stages:
    - { duration: 2s, target: 1500/min }
    - { duration: 10s, target: 1500/min }
  gracefulStop: 5s
requests:
  - name: chat-stream
    api: openai-chat
    model: gpt-4o-mini
    stream: true
    maxTokens: 12
    prompt: [ "Say hello in five words.", "Name three colours." ]
    checks:
      - status == 200
thresholds:
  http_req_duration: [ "p(95) < 2000" ]
targets:
  successRate: 95%
  responseTime: 400ms
`;

function startMock(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'mock', ...MOCK_ARGS], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`mock did not say where it listens: ${out}`)); }, 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1].replace(/\/$/, '') }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`mock exited with ${code}: ${out}`)); });
  });
}

function run(file: string, out: string): void {
  const r = spawnSync(process.execPath, [CLI, 'run', file, '--out', out, '--quiet'], { stdio: 'inherit', timeout: 120_000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`gateway-load run exited with ${r.status ?? r.signal}`);
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  const work = mkdtempSync(join(tmpdir(), 'gl-compare-'));
  const { child, url } = await startMock();
  try {
    const file = join(work, 'compared.load.yaml');
    writeFileSync(file, SCENARIO(url));
    const runs = join(work, '.gateway-load', 'runs');
    mkdirSync(runs, { recursive: true });
    const before = join(runs, 'streaming-chat-before');
    const after = join(runs, 'streaming-chat-slower');
    run(file, before);
    const baselineFile = markBaseline(work, before);
    const res = await fetch(`${url}/__mock/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyFactor: 1.3 }) });
    if (!res.ok) throw new Error(`POST /__mock/config: ${res.status} ${await res.text()}`);
    run(file, after);
    const snapshot = compareSnapshotOf(loadRun(baselineFile), loadRun(after), { sources: { baseline: '.gateway-load/baselines/streaming-chat-compared-with-its-baseline.json' } });
    // Temporary paths would make the fixture differ on every machine.
    const text = JSON.stringify(snapshot).split(work).join('/workspace').split(url).join('http://127.0.0.1:8790');
    const version = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).stdout.trim();
    const fixture = {
      recordedWith: `gateway-load ${version} run twice (${new Date().toISOString()}) against gateway-load mock ${MOCK_ARGS.join(' ')}; latencyFactor 1.3 before the second run`,
      scenario: SCENARIO('http://127.0.0.1:8790'),
      snapshot: JSON.parse(text) as unknown,
    };
    writeFileSync(COMPARE_FIXTURE, JSON.stringify(fixture, null, 1) + '\n');
    const c = snapshot.comparison;
    console.log(`wrote ${COMPARE_FIXTURE}: ${snapshot.baseline.windows.length} + ${snapshot.current.windows.length} windows; regression=${c.regression} worse=[${c.worse.join(', ')}]`);
  } finally {
    child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
}
