// Real runs for the report integration tests: the built CLI (dist/cli.js) starts the mock
// gateway (test/support/cli-runs.ts) and runs short scenarios written here against it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { CLI, ROOT, cli, ensureBuilt, startMock, type CliResult, type Mock } from '../../support/cli-runs';

/** A short streaming scenario at a moderate rate, written to a temp folder. */
export function writeScenario(opts: { name: string; rate?: number; seconds?: number; thresholds?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'gl-int-report-'));
  const file = join(dir, 'report.load.yaml');
  writeFileSync(
    file,
    `name: ${opts.name}
target:
  baseUrl: \${env:GATEWAY_URL}
  headers:
    Authorization: Bearer \${env:GATEWAY_KEY:-test-key}
  timeout: 10s
load:
  executor: constant-arrival-rate
  rate: ${opts.rate ?? 25}/s
  duration: ${opts.seconds ?? 4}s
  gracefulStop: 5s
requests:
  - name: chat-stream
    api: openai-chat
    model: gpt-4o-mini
    stream: true
    maxTokens: 8
    prompt: [ "Say hello." ]
    checks:
      - status == 200
      - output_tokens > 0
thresholds:
${opts.thresholds ?? '  http_req_failed: [ "rate < 0.01" ]\n  http_req_duration: [ "p(95) < 5000" ]'}
`,
  );
  return file;
}

/** A fresh folder for a run's results. */
export function tempDir(prefix = 'gl-int-out-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
