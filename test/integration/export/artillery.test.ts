// Exports each example to Artillery and runs the export with the real `artillery` CLI against
// the mock over loopback: the request count must match the plan, and `ensure` must pass and fail
// as our own thresholds do on the same load.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../../src/scenario';
import type { Scenario, Threshold } from '../../../src/scenario/model';
import { exportArtillery } from '../../../src/export/artillery';
import { startMock } from '../../../src/mock';
import { ensureArtillery } from '../../support/artillery';

const EXAMPLES = resolve('examples');
const RUN_MS = 4000;

/** The example's shape, scaled to a few seconds and a rate a shared 2-core machine sustains. */
function shortened(s: Scenario): Scenario {
  const scale = RUN_MS / s.load.durationMs;
  const peak = Math.max(...s.load.stages.map((st) => st.target), 1);
  const cap = s.load.kind === 'open' ? 15 : 4;
  const factor = Math.min(1, cap / peak);
  const stages = s.load.stages.map((st) => ({
    ...st,
    durationMs: Math.round((st.durationMs * scale) / 1000) * 1000,
    target: Math.round(st.target * factor * 100) / 100,
  }));
  const durationMs = stages.reduce((sum, st) => sum + st.durationMs, 0);
  return {
    ...s,
    load: { ...s.load, stages, durationMs, gracefulStopMs: 2000, thinkTimeMs: Math.min(s.load.thinkTimeMs, 500) },
    target: { ...s.target, timeoutMs: 10_000 },
  };
}

/** Runs a command without blocking this process's event loop (the mock lives in it). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, output });
    });
  });
}

async function runArtillery(
  bin: string,
  script: string,
  target: string,
): Promise<{ code: number; requests: number; output: string }> {
  const report = `${script}.report.json`;
  rmSync(report, { force: true });
  const res = await run(bin, ['run', '--target', target, '--output', report, script], {
    ARTILLERY_DISABLE_TELEMETRY: 'true',
    GATEWAY_KEY: 'test-key',
    OPENAI_API_KEY: 'test-key',
    ANTHROPIC_API_KEY: 'test-key',
  });
  const counters = existsSync(report)
    ? (JSON.parse(readFileSync(report, 'utf8')).aggregate.counters as Record<string, number>)
    : {};
  return { code: res.code, requests: counters['http.requests'] ?? 0, output: res.output };
}

// Two Artillery runs at a time, each against a mock of its own: an Artillery process spends most of
// its few seconds starting up, and one example after another took 150 s of a cold CI run.
describe('Artillery export, run by the real artillery', { concurrency: 2 }, () => {
  let bin: string;
  let dir: string;
  const mocks: Array<Awaited<ReturnType<typeof startMock>>> = [];
  const newMock = async () => {
    const m = await startMock({ port: 0, ttftMs: 20, tokensPerSecond: 400, latencyMs: 10, outputTokens: 16 });
    mocks.push(m);
    return m;
  };
  before(async () => {
    bin = ensureArtillery();
    dir = mkdtempSync(join(tmpdir(), 'gl-artillery-'));
  });
  after(async () => {
    await Promise.all(mocks.map((m) => m.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.load.yaml'))
    .sort();
  test('there are examples to export', () => assert.ok(examples.length >= 4));

  for (const name of examples) {
    test(`${name}: Artillery sends what the phases plan (±10%)`, { timeout: 180_000 }, async (t) => {
      const file = join(EXAMPLES, name);
      const parsed = parseScenario(readFileSync(file, 'utf8'), { file, fileExists: existsSync });
      assert.ok(parsed.scenario, `${name} validates: ${JSON.stringify(parsed.diagnostics)}`);
      const scenario = { ...shortened(parsed.scenario), thresholds: [] };
      const script = join(dir, name.replace('.load.yaml', '.artillery.yml'));
      const exported = exportArtillery(scenario, script);
      for (const f of exported.files) writeFileSync(f.path, f.content);
      const planned = Number(/Planned arrivals: (\d+)/.exec(exported.files[0].content)?.[1]);
      const mock = await newMock();
      const before = mock.stats().requests;
      const result = await runArtillery(bin, script, mock.url);
      t.diagnostic(`artillery sent ${result.requests} requests; the phases plan ${planned}`);
      assert.equal(result.code, 0, `artillery exits 0:\n${result.output.slice(-2000)}`);
      if (scenario.load.kind === 'open') {
        assert.ok(
          Math.abs(result.requests - planned) <= planned * 0.1,
          `${result.requests} requests vs ${planned} planned`,
        );
      } else {
        assert.ok(result.requests >= planned, `each of ${planned} VUs sent at least once (${result.requests})`);
      }
      assert.equal(mock.stats().requests - before, result.requests, 'the mock saw every request Artillery counted');
    });
  }

  test('ensure passes and fails as our thresholds do on the same load', { timeout: 240_000 }, async () => {
    const file = join(EXAMPLES, 'streaming-chat.load.yaml');
    const base = shortened(parseScenario(readFileSync(file, 'utf8'), { file, fileExists: existsSync }).scenario!);
    const mock = await newMock();
    const p95 = (value: number): Threshold => ({
      metric: 'http_req_duration',
      expression: `p(95) < ${value}`,
      stat: 'p',
      percentile: 95,
      op: '<',
      value,
      abortOnFail: false,
      delayAbortEvalMs: 0,
    });
    for (const [value, passes] of [
      [5000, true],
      [1, false],
    ] as const) {
      const scenario = { ...base, thresholds: [p95(value)] };
      const script = join(dir, `ensure-${value}.artillery.yml`);
      for (const f of exportArtillery(scenario, script).files) writeFileSync(f.path, f.content);
      const result = await runArtillery(bin, script, mock.url);
      assert.equal(
        result.code === 0,
        passes,
        `artillery ensure p95 < ${value}: exit ${result.code}\n${result.output.slice(-1500)}`,
      );
      // Our engine on the same scenario and the same mock: the threshold verdict must agree.
      const ours = await run(process.execPath, [
        'dist/cli.js',
        'run',
        file,
        '--quiet',
        '--out',
        join(dir, `ours-${value}`),
        '--set',
        `target.baseUrl=${mock.url}`,
        '--set',
        `load.stages=${JSON.stringify(scenario.load.stages.map((s) => ({ duration: `${s.durationMs}ms`, target: s.label.includes('/') ? `${s.target}/s` : s.target })))}`,
        '--set',
        `thresholds=${JSON.stringify({ http_req_duration: [`p(95) < ${value}`] })}`,
      ]);
      assert.equal(
        ours.code === 0,
        passes,
        `gateway-load run with p95 < ${value}: exit ${ours.code}\n${ours.output.slice(-2500)}`,
      );
    }
  });
});
