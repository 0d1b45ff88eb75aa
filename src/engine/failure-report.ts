// Words and small shapes the engine reports about failures and about its own limits: the
// "Request Failed" log line of a new reason, what a window carries of reasons, and which kind
// of saturation held the generator back.
import { cpus, loadavg } from 'node:os';
import type { ErrorSample, Window } from '../protocol';
import type { ErrorSamples } from './error-samples';

/** Event-loop utilisation above which the generator's own thread is the limit. */
export const ELU_BUSY = 0.9;
/** Below this utilisation, late sends mean the thread was waiting for a CPU, not working. */
export const ELU_IDLE = 0.6;

/** The log line of a reason's first occurrence, k6's "Request Failed" style. */
export function requestFailedLine(s: ErrorSample): string {
  const where = [s.class, s.code, s.status === null ? null : String(s.status)].filter(Boolean).join(' ');
  const body = s.body ? ` body=${JSON.stringify(s.body.length > 200 ? `${s.body.slice(0, 200)}…` : s.body)}` : '';
  return `Request Failed (${where}): ${s.message}${body}`;
}

/** The window's status counts and reasons, left out when empty (windows stay small). */
export function windowReasons(
  statusCodes: Record<number, number>,
  r: ReturnType<ErrorSamples['rollWindow']>,
): Pick<Window, 'statusCodes' | 'reasons' | 'newReasons'> {
  const out: Pick<Window, 'statusCodes' | 'reasons' | 'newReasons'> = {};
  for (const _ in statusCodes) {
    out.statusCodes = statusCodes as Record<string, number>;
    break;
  }
  if (r.reasons) out.reasons = r.reasons;
  if (r.newReasons) out.newReasons = r.newReasons;
  return out;
}

/** The process's CPU time over `wallMs` as a share of one core (0–1, more with several threads). */
export function cpuShareOf(before: NodeJS.CpuUsage, after: NodeJS.CpuUsage, wallMs: number): number {
  if (!(wallMs > 0)) return 0;
  const usedMs = (after.user - before.user + after.system - before.system) / 1000;
  return Math.round((usedMs / wallMs) * 1000) / 1000;
}

/**
 * Whether a window's event-loop utilisation says anything about the load. The first second holds
 * start-up work (JIT, connection set-up), and a short last window holds the end of the run
 * (cancelling what is in flight, building the summary): both read near 100% on an idle generator.
 */
export function eluCountsForLoad(w: { index: number; tMs: number }): boolean {
  return w.index > 0 && w.tMs - w.index * 1000 >= 500;
}

/**
 * Which limit made sends late: the generator's own event loop (busy) or the machine (the
 * loop was mostly idle, so other processes had the CPU when a send was due).
 */
export function saturationVerdict(
  latenessP99Ms: number,
  elu: number,
  cpuShare: number,
  load = loadavg()[0],
  cores = cpus().length,
): { limit: 'event-loop' | 'machine'; message: string; loadAvg: number } {
  const loadAvg = Math.round(load * 100) / 100;
  const facts = `send lateness p99 ${latenessP99Ms} ms, event-loop utilisation ${Math.round(elu * 100)}%, process CPU ${Math.round(cpuShare * 100)}% of a core, load average ${loadAvg} on ${cores} cores`;
  if (elu > ELU_BUSY || elu >= ELU_IDLE) {
    return {
      limit: 'event-loop',
      loadAvg,
      message: `The load generator is saturated: its own event loop is busy (${facts}). Results may understate what the target can do; lower the rate or run the load from more machines.`,
    };
  }
  return {
    limit: 'machine',
    loadAvg,
    message: `The machine is busy: sends were late while the generator itself was mostly idle (${facts}). Other processes are taking the CPU; latency figures include that wait. Close them or run on a quieter machine.`,
  };
}
