// Shared by the Responses / reasoning / tool-call engine tests: one mock, short closed-model
// runs, and the mock's own record of when it wrote the first token and the first answer token.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import type { RequestSpec } from '../../../src/scenario/model';
import { chat, constantVus, scenario } from './scenario-fixtures';
import { run } from './run-helpers';

export const TTFT = 100;
export const INTERVAL = 10;
export const OUT = 20;
export const REASONING = 10;

let mockServer: MockServer | undefined;
/** The mock of the current test file (started in its `before`). */
export function mock(): MockServer {
  if (!mockServer) throw new Error('mock not started');
  return mockServer;
}
/** Starts the file's mock before its tests and closes it after. */
export function useMock(): void {
  before(async () => {
    mockServer = await startMock({
      port: 0,
      ttftMs: TTFT,
      tokensPerSecond: 1000 / INTERVAL,
      outputTokens: OUT,
      seed: 7,
    });
  });
  after(async () => {
    await mockServer?.close();
  });
}

const prompt = { kind: 'inline' as const, items: ['What is the weather?'], pick: 'random' as const };
export const responses = (extra: Partial<RequestSpec> = {}): RequestSpec =>
  chat({ name: 'responses', api: 'openai-responses', path: '/v1/responses', prompt, ...extra });
export const messages = (extra: Partial<RequestSpec> = {}): RequestSpec =>
  chat({
    name: 'messages',
    api: 'anthropic-messages',
    path: '/v1/messages',
    model: 'claude-3-5-haiku-latest',
    prompt,
    ...extra,
  });
export const TOOLS: Record<string, unknown[]> = {
  chat: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
  responses: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
  messages: [{ name: 'get_weather', input_schema: { type: 'object' } }],
};

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

/**
 * One short closed-model run (TTFT from the actual send, so a late generator cannot add to it);
 * returns the summary and the mock's record of the same answers, with the medians of what it
 * actually wrote when: the schedule it was told plus its own timer lateness on a busy machine.
 */
export async function measure(req: RequestSpec) {
  mock().resetStats();
  const { summary } = await run(scenario(mock().url, constantVus(4, 1500), [req]));
  const stats = mock().stats();
  assert.equal(summary.status, 'completed');
  assert.equal(summary.requests.succeeded, summary.requests.sent, JSON.stringify(summary.errors));
  assert.equal(
    stats.answers.length,
    Math.min(100, summary.requests.sent),
    'the mock recorded every answer (its last 100)',
  );
  const wrote = {
    ttft: median(stats.answers.map((a) => a.firstTokenMs ?? NaN)),
    ttfo: median(stats.answers.map((a) => a.firstOutputMs ?? NaN)),
    last: median(stats.answers.map((a) => a.lastTokenMs ?? NaN)),
  };
  // What a request spent outside the mock's token schedule (transit both ways, a busy worker's
  // reads): on a quiet machine a few ms, on a loaded one tens. No time figure may exceed it.
  const overhead = Math.max(0, (summary.metrics.http_req_service_duration?.p50 ?? 0) - wrote.last);
  console.log(
    `# ${req.api}: engine ttft ${summary.metrics.time_to_first_token?.p50} ttfo ${summary.metrics.time_to_first_output_token?.p50} itl avg ${summary.metrics.inter_token_latency?.avg}; mock wrote ttft ${wrote.ttft} ttfo ${wrote.ttfo}; overhead ${overhead.toFixed(1)} ms`,
  );
  return { s: summary, m: summary.metrics, stats, wrote, overhead };
}

/** Within 10% of the mock's record, plus the run's own overhead (and 5 ms) on top; never below it. */
export function close(measured: number | undefined, recorded: number, what: string, overhead = 0): void {
  assert.ok(
    measured !== undefined && measured >= recorded * 0.9 - 5 && measured <= recorded * 1.1 + 5 + overhead,
    `${what}: engine ${measured} vs mock ${recorded} (overhead ${overhead})`,
  );
}
