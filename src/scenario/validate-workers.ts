// `load.workers: auto | N`: how many load worker threads share the plan. Which executors can be
// shared is said here too, so the editor warns where the run would fall back to one worker.
import { isScalar } from 'yaml';
import { BUILTIN_GATEWAY_HEADERS } from '../shared/gateway-headers';
import type { LoadSpec, Scenario } from './model';
import { readNumber, type Entry } from './read';
import { error, warn, type Ctx } from './yaml-ranges';

/** Most load workers a run may start (far above any machine's useful count; a typo guard). */
export const MAX_WORKERS = 256;

/** Reads `workers`: `auto` or a whole number from 1 to MAX_WORKERS. */
export function readWorkers(ctx: Ctx, e: Entry): number | 'auto' | undefined {
  const v = isScalar(e.value) ? e.value.value : undefined;
  if (v === 'auto') return 'auto';
  if (typeof v === 'string') {
    error(
      ctx,
      e.value,
      'wrong-type',
      `'load.workers' must be auto or a whole number from 1 to ${MAX_WORKERS}, e.g. workers: auto.`,
    );
    return undefined;
  }
  return readNumber(ctx, e, 'load.workers', { integer: true, min: 1, max: MAX_WORKERS });
}

/** Why a load cannot be shared among workers, or null when it can. */
export function unshardableReason(load: Pick<LoadSpec, 'sweep' | 'trace'>): string | null {
  if (load.sweep) return 'a sweep searches step by step on one worker';
  if (load.trace) return 'a trace is replayed in order by one worker';
  return null;
}

/** Warns at `workers:` when the executor runs on one worker whatever it says. */
export function warnUnshardable(ctx: Ctx, e: Entry, load: LoadSpec): void {
  const why = unshardableReason(load);
  if (why && load.workers !== 1)
    warn(ctx, e.key, 'workers-ignored', `'workers' does not apply to ${load.executor}: ${why}; it runs on 1 worker.`);
}

/**
 * Why this scenario runs on one worker whatever `workers` says, or null when it can be shared.
 * Tag-filtered thresholds are judged on the engine's tagged series, which are not merged.
 */
export function singleWorkerReason(sc: Scenario): string | null {
  const why = unshardableReason(sc.load);
  if (why) return why;
  if (sc.thresholds.some((t) => t.tag !== undefined))
    return 'tag-filtered thresholds ({name:…}, {status:…}) are judged on one worker';
  // What the coordinator does not merge: the paired paths, sessions, the recent-prompt set, and
  // the figures gateways report in their headers.
  if (sc.target.direct !== undefined) return 'target.direct pairs gateway and direct requests on one worker';
  if (sc.requests.some((r) => r.conversation || r.prompt?.kind === 'dataset'))
    return 'conversations and datasets keep their sessions and per-turn figures on one worker';
  if (sc.requests.some((r) => r.promptRepeat)) return 'prompt.repeat draws its repeats from one set of recent prompts';
  const headerMetrics = new Set([
    ...BUILTIN_GATEWAY_HEADERS.map((h) => h.metric),
    ...Object.values(sc.gatewayHeaders ?? {}).map((h) => h.metric),
  ]);
  if (
    sc.thresholds.some(
      (t) => t.metric === 'cache_hit_ratio' || t.metric.startsWith('server_timing_') || headerMetrics.has(t.metric),
    )
  )
    return 'thresholds on cache and gateway-header metrics are judged on one worker';
  return null;
}

/** `auto` → availableParallelism() − 1, at least 1; a number as given (at least 1). */
export function resolveWorkerCount(w: number | 'auto' | undefined, cores: number): number {
  if (w === 'auto') return Math.max(1, cores - 1);
  return Math.max(1, Math.floor(w ?? 1));
}
