// Records the compare view's fixture from two real runs: starts `gateway-load mock`, runs a short
// streaming scenario with `gateway-load run --out DIR`, marks that run as the scenario's baseline
// (as "Mark as Baseline" does), makes the mock 30% slower (`POST /__mock/config`
// `{ latencyFactor: 1.3 }`), runs again, and builds the `compare/snapshot` the extension would
// send for "Compare With Baseline" (baseline file vs run folder).
//
//   node esbuild.mjs && node --import tsx test/webview/record-compare-fixture.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRun, markBaseline } from '../../src/report/index';
import { compareSnapshotOf } from '../../src/extension/compare-snapshot';
import { CLI, cliVersion, runToFolder, startMock } from '../support/cli-runs';
import { COMPARE_FIXTURE } from './compare-fixture';

// Fixed delays, long beside a busy machine's timer jitter, so 30% slower is plainly 30% slower;
// a few failures so the failed-requests chart has something in both runs.
const MOCK_ARGS = [
  '--ttft',
  '150ms',
  '--tokens-per-second',
  '100',
  '--output-tokens',
  '12',
  '--fail-rate',
  '0.03',
  '--seed',
  '11',
];

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

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  const work = mkdtempSync(join(tmpdir(), 'gl-compare-'));
  const mock = await startMock(MOCK_ARGS);
  const url = mock.url;
  try {
    const file = join(work, 'compared.load.yaml');
    writeFileSync(file, SCENARIO(url));
    const runs = join(work, '.gateway-load', 'runs');
    mkdirSync(runs, { recursive: true });
    const before = join(runs, 'streaming-chat-before');
    const after = join(runs, 'streaming-chat-slower');
    runToFolder(file, before);
    const baselineFile = markBaseline(work, before);
    await mock.setConfig({ latencyFactor: 1.3 });
    runToFolder(file, after);
    const snapshot = compareSnapshotOf(loadRun(baselineFile), loadRun(after), {
      sources: { baseline: '.gateway-load/baselines/streaming-chat-compared-with-its-baseline.json' },
    });
    // Temporary paths would make the fixture differ on every machine.
    const text = JSON.stringify(snapshot).split(work).join('/workspace').split(url).join('http://127.0.0.1:8790');
    const fixture = {
      recordedWith: `gateway-load ${cliVersion()} run twice (${new Date().toISOString()}) against gateway-load mock --port 0 ${MOCK_ARGS.join(' ')}; latencyFactor 1.3 before the second run`,
      scenario: SCENARIO('http://127.0.0.1:8790'),
      snapshot: JSON.parse(text) as unknown,
    };
    writeFileSync(COMPARE_FIXTURE, JSON.stringify(fixture, null, 1) + '\n');
    const c = snapshot.comparison;
    console.log(
      `wrote ${COMPARE_FIXTURE}: ${snapshot.baseline.windows.length} + ${snapshot.current.windows.length} windows; regression=${c.regression} worse=[${c.worse.join(', ')}]`,
    );
  } finally {
    await mock.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
