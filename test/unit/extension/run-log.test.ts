import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachRunLog } from '../../../src/extension/run-log';
import type { RunSession } from '../../../src/extension/run-session';
import type { RunEvents } from '../../../src/run/types';
import type { Summary, Window } from '../../../src/protocol';
import { scenarioWith, stage } from './scenario-fixture';

/** A handle whose events the test fires, and a log that records lines by level. */
function fixture() {
  const listeners: { [E in keyof RunEvents]?: Array<RunEvents[E]> } = {};
  let finish!: (s: Summary) => void;
  const done = new Promise<Summary>((r) => {
    finish = r;
  });
  const handle = {
    runId: 'r1',
    resultsDir: '/w/.gateway-load/runs/r1',
    status: 'running',
    windows: [],
    info: { plannedDurationMs: 120_000 },
    on<E extends keyof RunEvents>(e: E, l: RunEvents[E]) {
      ((listeners[e] ??= []) as Array<RunEvents[E]>).push(l);
      return () => undefined;
    },
    stop() {},
    done,
  };
  const lines: string[] = [];
  const log = {
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    error: (m: string) => lines.push(`error ${m}`),
  };
  const session = { handle, uri: {}, scenario: scenarioWith([stage(120, 10)]), mode: 'run' } as unknown as RunSession;
  const fire = (w: Partial<Window>) => {
    for (const l of listeners.window ?? []) l({ index: 0, dropped: 0, elu: 0.1, latenessP99Ms: 0.2, ...w } as Window);
  };
  const logEvent = (level: 'info' | 'warn' | 'error', m: string) => {
    for (const l of listeners.log ?? []) l(level, m);
  };
  return { session, log, lines, fire, logEvent, finish };
}

test('start, warnings (throttled), end with thresholds, drops and the results folder', async () => {
  const f = fixture();
  attachRunLog(f.log as never, f.session, 'https://user:pw@gw.example.com/v1');
  assert.equal(
    f.lines[0],
    'info Run r1 started: "fixture" → https://user:[redacted]@gw.example.com/v1, ramping-arrival-rate, planned 2m 00s; results in /w/.gateway-load/runs/r1',
  );
  f.logEvent('warn', 'threshold http_req_failed crossed');
  for (let i = 0; i < 12; i++) f.fire({ index: i, dropped: 3, elu: 0.95 });
  const warns = f.lines.filter((l) => l.startsWith('warn'));
  assert.equal(warns[0], 'warn threshold http_req_failed crossed');
  // Drops: at the first and at second 11 (index 10); saturation: at index 0 and 10.
  assert.equal(warns.filter((l) => l.includes('dropped iterations')).length, 2);
  assert.equal(warns.filter((l) => l.includes('saturated')).length, 2);
  assert.match(warns[1], /second 1: 3 dropped iterations/);
  f.finish({
    runId: 'r1',
    status: 'stopped',
    reason: 'stopped by the user',
    durationMs: 12_000,
    requests: { sent: 120, succeeded: 117, failed: 3 },
    thresholds: [
      { metric: 'http_req_failed', expression: 'rate < 0.01', ok: false, value: 0.025 },
      { metric: 'http_req_duration', expression: 'p(95) < 500', ok: true, value: 10 },
    ],
    generator: { warnings: ['The load generator is saturated'] },
  } as unknown as Summary);
  await new Promise((r) => setImmediate(r));
  const tail = f.lines.slice(-5);
  assert.deepEqual(tail, [
    'info Run r1 stopped (stopped by the user) after 12s: 120 sent, 117 succeeded, 3 failed',
    'warn thresholds not met: http_req_failed rate < 0.01',
    'warn 36 dropped iterations in total',
    'warn The load generator is saturated',
    'info results: /w/.gateway-load/runs/r1',
  ]);
});

test('a failed run ends on the error level', async () => {
  const f = fixture();
  attachRunLog(f.log as never, f.session, 'http://127.0.0.1:8790');
  f.finish({
    runId: 'r1',
    status: 'failed',
    reason: 'the engine worker crashed',
    durationMs: 500,
    requests: { sent: 0, succeeded: 0, failed: 0 },
    thresholds: [],
    generator: { warnings: [] },
  } as unknown as Summary);
  await new Promise((r) => setImmediate(r));
  assert.ok(
    f.lines.includes('error Run r1 failed (the engine worker crashed) after 500 ms: 0 sent, 0 succeeded, 0 failed'),
    f.lines.join('\n'),
  );
});
