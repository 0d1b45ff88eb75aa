// Records the webview fixture from a real run: starts `gateway-load mock` (with faults and a
// rate limit, so every chart has something to show), runs a short ramping scenario against it
// with `gateway-load run --out DIR`, and turns the run folder into the messages a host sends a
// panel: `run/snapshot` (info, no windows yet), one `run/window` per line of windows.ndjson,
// then `run/ended` with summary.json.
//
//   node esbuild.mjs && node --import tsx test/webview/record-fixture.ts
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostToWebview } from '../../src/protocol';
import { CLI, cliVersion, runToFolder, startMock } from '../support/cli-runs';
import { FIXTURE, readRunFolder, runMessages } from './fixture';

const MOCK_ARGS = [
  '--ttft',
  'lognormal:60ms:25ms',
  '--tokens-per-second',
  '400',
  '--output-tokens',
  '40',
  '--fail-rate',
  '0.02',
  '--rate-limit',
  '18/s,20',
  '--seed',
  '42',
];

// Five stages, so the stage indicator has something to count; the peak passes the mock's limit.
const SCENARIO = (baseUrl: string) => `name: Streaming chat — recorded for the panel tests
target:
  baseUrl: ${baseUrl}
  timeout: 10s
  maxConnections: 200
load:
  executor: ramping-arrival-rate
  stages:
    - { duration: 3s, target: 300/min }
    - { duration: 6s, target: 1200/min }
    - { duration: 8s, target: 1200/min }
    - { duration: 6s, target: 1500/min }
    - { duration: 4s, target: 0 }
  gracefulStop: 5s
requests:
  - name: chat-stream
    weight: 3
    api: openai-chat
    model: gpt-4o-mini
    stream: true
    maxTokens: 40
    prompt: [ "Say hello in five words.", "Name three colours." ]
    checks:
      - status == 200
      - ttft < 150ms
  - name: chat
    weight: 1
    api: openai-chat
    model: gpt-4o-mini
    maxTokens: 20
    prompt: [ "Count to three." ]
    checks:
      - status == 200
thresholds:
  http_req_duration: [ "p(95) < 400", "p(99) < 800" ]
  http_req_failed: [ "rate < 0.01" ]
  time_to_first_token: [ "p(95) < 150" ]
targets:
  successRate: 99%
  responseTime: 250ms
  throughput: 1000/min
`;

/** The messages a host sends for the run in `dir`, as a panel opened at the start receives them. */
export function messagesOfRunFolder(dir: string): HostToWebview[] {
  const { info, windows, summary } = readRunFolder(dir);
  return runMessages(info, windows, summary);
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  const work = mkdtempSync(join(tmpdir(), 'gl-record-'));
  const mock = await startMock(MOCK_ARGS);
  const url = mock.url;
  try {
    const file = join(work, 'recorded.load.yaml');
    writeFileSync(file, SCENARIO(url));
    // The folder's name becomes the run id, as under .gateway-load/runs/.
    const out = join(work, 'streaming-chat-recorded');
    // Exit 1 means a threshold failed, which the fixture wants (red rows in the table).
    runToFolder(file, out);
    // Temporary paths would make the fixture differ on every machine.
    const text = JSON.stringify(messagesOfRunFolder(out))
      .split(work)
      .join('/workspace')
      .split(url)
      .join('http://127.0.0.1:8790');
    const fixture = {
      recordedWith: `gateway-load ${cliVersion()} run (${new Date().toISOString()}) against gateway-load mock --port 0 ${MOCK_ARGS.join(' ')}`,
      scenario: SCENARIO('http://127.0.0.1:8790'),
      messages: JSON.parse(text) as unknown[],
    };
    writeFileSync(FIXTURE, JSON.stringify(fixture, null, 1) + '\n');
    console.log(`wrote ${FIXTURE}: ${fixture.messages.length} messages`);
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
