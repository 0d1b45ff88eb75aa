// Hand-built summaries, windows and scenarios for the report unit tests (integration tests use real runs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stats, Summary, Window } from '../../../src/protocol';
import type { Scenario } from '../../../src/scenario/model';

export function stats(p50: number, scale = 1): Stats {
  return {
    count: 2000,
    avg: p50 * 1.05 * scale,
    min: p50 * 0.5 * scale,
    max: p50 * 3 * scale,
    p50: p50 * scale,
    p90: p50 * 1.5 * scale,
    p95: p50 * 1.8 * scale,
    p99: p50 * 2.2 * scale,
    p999: p50 * 2.8 * scale,
  };
}

/** A summary with latency scaled by `latencyScale`, and the given error rate and throughput. */
export function makeSummary(
  o: {
    latencyScale?: number;
    failedRate?: number;
    reqRate?: number;
    name?: string;
    runId?: string;
    ttft?: boolean;
    thresholdsOk?: boolean;
    checkFails?: number;
  } = {},
): Summary {
  const scale = o.latencyScale ?? 1;
  const reqRate = o.reqRate ?? 20;
  const sent = Math.round(reqRate * 4);
  const failed = Math.round(sent * (o.failedRate ?? 0));
  const metrics: Summary['metrics'] = {
    http_reqs: { count: sent, rate: reqRate },
    http_req_duration: stats(100, scale),
    http_req_failed: { rate: o.failedRate ?? 0 },
    output_tokens: { count: sent * 20, rate: reqRate * 20 },
    vus: { value: 0, max: 5 },
  };
  if (o.ttft !== false) {
    metrics.time_to_first_token = stats(40, scale);
    metrics.inter_token_latency = stats(5, scale);
  }
  return {
    schemaVersion: 1,
    scenario: o.name ?? 'Chat <smoke> & "quotes"',
    runId: o.runId ?? '2026-11-26T10-00-00-chat',
    status: 'completed',
    startedAt: '2026-11-26T10:00:00.000Z',
    durationMs: 4000,
    plannedDurationMs: 4000,
    executor: 'constant-arrival-rate',
    metrics,
    requests: { sent, succeeded: sent - failed, failed },
    errors: failed ? { http_5xx: failed } : {},
    thresholds: [
      { metric: 'http_req_duration', expression: 'p(95) < 500', ok: true, value: 180 * scale },
      { metric: 'http_req_failed', expression: 'rate < 0.01', ok: o.thresholdsOk ?? true, value: o.failedRate ?? 0 },
    ],
    checks: [{ name: 'status == 200', passes: sent - (o.checkFails ?? 0), fails: o.checkFails ?? 0 }],
    models: { 'gpt-4o-mini': sent },
    tokens: { fromUsage: sent, counted: 0, usageVsCountedDiffPct: null },
    rateLimitSamples: [],
    generator: { latenessP99Ms: 0.4, eluMax: 0.2, saturated: false, warnings: [] },
    environment: {
      tool: 'gateway-load',
      version: '0.1.0',
      node: 'v20.20.2',
      platform: 'linux x64',
      cpus: 2,
      hostname: 'box',
    },
  };
}

export function makeWindows(n = 4, opts: { errors?: boolean } = {}): Window[] {
  return Array.from({ length: n }, (_, i): Window => ({
    index: i,
    tMs: (i + 1) * 1000,
    stage: 1,
    planned: 20,
    started: 20,
    completed: 20,
    succeeded: opts.errors && i === 2 ? 17 : 20,
    failed: opts.errors && i === 2 ? 3 : 0,
    errors: opts.errors && i === 2 ? { http_5xx: 2, timeout: 1 } : {},
    dropped: 0,
    duration: stats(100 + i * 10),
    ttft: stats(40),
    itl: stats(5),
    outputTokens: 400,
    active: 3,
    activeMax: 5,
    vus: 3,
    rateLimit: { status429: 0, remainingRequests: null, remainingTokens: null, retryAfterMs: null },
    latenessP99Ms: 0.3,
    elu: 0.1,
    thresholds: [],
  }));
}

export function makeScenario(): Scenario {
  return {
    name: 'Chat <smoke> & "quotes"',
    target: {
      baseUrl: 'https://user:hunter2@gw.example.com/v1',
      headers: { Authorization: 'Bearer sk-live-123456', 'X-Api-Key': '${secret:gw}', 'X-Team': 'perf' },
      timeoutMs: 30000,
      maxConnections: 100,
      pipelining: 1,
      apiKeys: ['sk-literal-abc', '${env:KEY2}'],
    },
    load: {
      executor: 'constant-arrival-rate',
      kind: 'open',
      stages: [
        { durationMs: 0, target: 20, label: '20/s' },
        { durationMs: 4000, target: 20, label: '20/s' },
      ],
      durationMs: 4000,
      arrivals: 'uniform',
      gracefulStopMs: 1000,
      thinkTimeMs: 0,
    },
    requests: [
      {
        name: 'chat',
        weight: 1,
        api: 'openai-chat',
        method: 'POST',
        path: '/v1/chat/completions?api_key=abc123',
        stream: true,
        headers: { 'api-key': 'plain-secret' },
        checks: [],
        model: 'gpt-4o-mini',
      },
    ],
    thresholds: [],
    targets: {},
    variables: { region: 'eu', token: 'tok-literal' },
  };
}

/** Writes a run folder (scenario.json, windows.ndjson, summary.json) into a fresh temp dir. */
export function writeRunDir(
  summary: Summary,
  windows: Window[] = makeWindows(),
  scenario: Scenario | undefined = makeScenario(),
): string {
  const dir = mkdtempSync(join(tmpdir(), 'gl-report-'));
  if (scenario) writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
  writeFileSync(join(dir, 'windows.ndjson'), windows.map((w) => JSON.stringify(w)).join('\n') + '\n');
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
  return dir;
}
