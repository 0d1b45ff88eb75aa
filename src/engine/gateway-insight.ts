// Wires what a run learns about the gateway itself into the engine: the direct path and its
// overhead, the gateway's headers, routing. engine.ts calls these four functions and nothing more.
import type { Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';
import type { HttpClient } from './http-client';
import type { CompiledMix } from './request-builder';
import type { Runner } from './runner';
import { GatewayHeaders } from './gateway-headers';
import { OverheadRecorder } from './overhead';
import { RoutingRecorder } from './routing';

/**
 * Sets the runner up; returns why the run must not start, if it must not. `allowedOrigin` is the
 * origin the user confirmed in the editor: the direct path goes only there or to this machine.
 */
export function attachGatewayInsight(
  runner: Runner,
  sc: Scenario,
  mix: CompiledMix,
  allowedOrigin: string | undefined,
  makeClient: (origin: string) => HttpClient,
): string | undefined {
  runner.gatewayHeaders = new GatewayHeaders(sc.gatewayHeaders);
  runner.routing = new RoutingRecorder();
  if (!mix.direct) return undefined;
  const origin = mix.direct.origin;
  if (allowedOrigin !== undefined && origin !== safeOrigin(allowedOrigin) && !isLoopbackOrigin(origin))
    return `Refused to send: target.direct resolves to ${origin}, which was not confirmed (only the target or this machine). No request was sent.`;
  runner.direct = makeClient(origin);
  runner.overhead = new OverheadRecorder(origin);
  return undefined;
}

/** The window's gateway fields (none when there is nothing to say). */
export function gatewayWindow(runner: Runner): Partial<Window> {
  const out: Partial<Window> = {};
  if (runner.overhead) out.paths = runner.overhead.rollWindow();
  const h = runner.gatewayHeaders?.rollWindow();
  if (h) out.gatewayHeaders = h;
  const f = runner.routing?.rollWindow() ?? 0;
  if (f > 0) out.fallbacks = f;
  return out;
}

/** Adds `overhead`, `gatewayHeaders`, `routing` and their metrics to the summary. */
export function gatewaySummary(runner: Runner, summary: Summary): void {
  const o = runner.overhead;
  if (o) {
    summary.overhead = o.summary(summary.generator.latenessP99Ms, summary.generator.saturated);
    Object.assign(summary.metrics, o.metrics(), OverheadRecorder.asMetrics(summary.overhead));
  }
  const h = runner.gatewayHeaders;
  const hs = h?.summary();
  if (h && hs) {
    summary.gatewayHeaders = hs;
    Object.assign(summary.metrics, h.metrics());
  }
  const r = runner.routing?.summary();
  if (r) {
    summary.routing = r;
    summary.metrics.gateway_fallbacks = { count: r.fallbacks.count, rate: r.fallbacks.rate };
  }
}

/** Frees the histograms and closes the direct client. */
export async function closeGatewayInsight(runner: Runner): Promise<void> {
  runner.overhead?.destroy();
  runner.gatewayHeaders?.destroy();
  runner.routing?.destroy();
  await runner.direct?.close();
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** localhost, 127.0.0.0/8 or ::1: the machine the run is on. */
function isLoopbackOrigin(origin: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}
