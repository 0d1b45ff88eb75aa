// A synthetic run that follows protocol.ts: the windows and summary a run of `seconds` would
// produce, deterministic from a seed. Used to measure an hour-long panel; the behaviour tests
// use the fixture recorded from a real run.
import type {
  EndedNotification,
  HostToWebview,
  RunInfo,
  SnapshotNotification,
  Stats,
  Summary,
  Window,
  WindowNotification,
} from '../../src/protocol';
import { seededRandom } from '../../src/shared/seeded-random';

function stats(count: number, base: number, spread: number): Stats | null {
  if (count <= 0) return null;
  return {
    count,
    min: base * 0.5,
    avg: base * 1.1,
    p50: base,
    p90: base + spread,
    p95: base + spread * 1.5,
    p99: base + spread * 3,
    p999: base + spread * 4,
    max: base + spread * 5,
  };
}

/** One synthetic run: info, windows, summary and the host's messages for it. */
export interface SyntheticRun {
  info: RunInfo;
  windows: Window[];
  summary: Summary;
  messages: HostToWebview[];
}

/** Ramps to `peak` arrivals/s over the first third, holds, ramps down over the last sixth. */
export function syntheticRun(seconds: number, peak = 40, seed = 7): SyntheticRun {
  const rand = seededRandom(seed);
  const third = Math.round(seconds / 3);
  const sixth = Math.round(seconds / 6);
  const info: RunInfo = {
    runId: `synthetic-${seconds}s`,
    scenario: `Synthetic ${seconds} s ramp`,
    executor: 'ramping-arrival-rate',
    kind: 'open',
    startedAt: '2026-11-26T10:00:00.000Z',
    plannedDurationMs: seconds * 1000,
    stages: [
      { durationMs: third * 1000, target: peak, label: `${peak}/s` },
      { durationMs: (seconds - third - sixth) * 1000, target: peak, label: `${peak}/s` },
      { durationMs: sixth * 1000, target: 0, label: '0' },
    ],
    targets: { successRate: 0.99, responseTimeMs: 300, throughputPerSec: peak * 0.9 },
  };
  const windows: Window[] = [];
  let completedSum = 0;
  let failedSum = 0;
  const errorSums = { http_5xx: 0, http_429: 0 };
  for (let i = 0; i < seconds; i++) {
    const t = i + 1;
    const stage = t <= third ? 0 : t <= seconds - sixth ? 1 : 2;
    const planned = stage === 0 ? (peak * t) / third : stage === 1 ? peak : (peak * (seconds - t)) / sixth;
    const completed = Math.max(0, Math.round(planned + (rand() - 0.5) * 4));
    const e5 = rand() < 0.1 ? 1 : 0;
    const e429 = rand() < 0.05 ? Math.round(rand() * 3) : 0;
    const failed = Math.min(completed, e5 + e429);
    completedSum += completed;
    failedSum += failed;
    errorSums.http_5xx += Math.min(completed, e5);
    errorSums.http_429 += failed - Math.min(completed, e5);
    const latency = 120 + planned * 2 + rand() * 30;
    windows.push({
      index: i,
      tMs: t * 1000,
      stage,
      planned,
      started: completed,
      completed,
      succeeded: completed - failed,
      failed,
      errors: { ...(e5 ? { http_5xx: e5 } : {}), ...(e429 ? { http_429: e429 } : {}) },
      dropped: 0,
      duration: stats(completed, latency, 40),
      ttft: stats(completed, latency / 3, 15),
      itl: stats(completed * 20, 12, 4),
      outputTokens: completed * 60,
      active: Math.round((planned * latency) / 1000),
      activeMax: Math.round((planned * latency) / 800),
      vus: Math.round((planned * latency) / 1000),
      rateLimit: {
        status429: e429,
        remainingRequests: Math.max(0, 500 - completed * 5),
        remainingTokens: Math.max(0, 90_000 - completed * 1500),
        retryAfterMs: e429 ? 1000 : null,
      },
      latenessP99Ms: 0.4,
      elu: 0.2,
      thresholds: [
        {
          metric: 'http_req_duration',
          expression: 'p(95) < 300',
          ok: latency + 60 < 300,
          value: latency + 60,
          abortOnFail: false,
        },
        {
          metric: 'http_req_failed',
          expression: 'rate < 0.01',
          ok: failedSum / Math.max(1, completedSum) < 0.01,
          value: completedSum ? failedSum / completedSum : null,
          abortOnFail: false,
        },
      ],
    });
  }
  const last = windows[windows.length - 1];
  const summary: Summary = {
    schemaVersion: 1,
    scenario: info.scenario,
    runId: info.runId,
    status: 'completed',
    startedAt: info.startedAt,
    durationMs: seconds * 1000,
    plannedDurationMs: seconds * 1000,
    executor: info.executor,
    metrics: {
      http_reqs: { count: completedSum, rate: completedSum / seconds },
      http_req_duration: stats(completedSum, 180, 40) ?? {},
      http_req_failed: { rate: failedSum / Math.max(1, completedSum) },
      output_tokens: { count: completedSum * 60, rate: (completedSum * 60) / seconds },
    },
    requests: { sent: completedSum, succeeded: completedSum - failedSum, failed: failedSum },
    errors: { ...errorSums },
    thresholds: last.thresholds.map(({ metric, expression, ok, value }) => ({ metric, expression, ok, value })),
    checks: [{ name: 'status == 200', passes: completedSum - failedSum, fails: failedSum }],
    models: { 'mock-model': completedSum },
    tokens: { fromUsage: completedSum, counted: 0, usageVsCountedDiffPct: null },
    rateLimitSamples: [],
    generator: { latenessP99Ms: 0.4, eluMax: 0.3, saturated: false, warnings: [] },
    environment: { tool: 'gateway-load', version: '0.1.0', node: 'v20', platform: 'linux', cpus: 2 },
  };
  const snapshot: SnapshotNotification = { type: 'run/snapshot', info, windows: [], status: 'running', summary: null };
  const perWindow: WindowNotification[] = windows.map((window) => ({ type: 'run/window', runId: info.runId, window }));
  const ended: EndedNotification = { type: 'run/ended', runId: info.runId, status: 'completed', summary };
  return { info, windows, summary, messages: [snapshot, ...perWindow, ended] };
}
