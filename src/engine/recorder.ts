// Everything a run measures, in fixed memory: counters and HDR histograms for the current
// one-second window, merged into cumulative ones when the window closes. No raw arrays.
import type { ConversationRecorder } from './conversation-stats';
import type { CheckState, ErrorSample, RateLimitSignals, Stats } from '../protocol';
import type { ErrorClass } from '../shared/metrics';
import { ErrorSamples } from './error-samples';
import { Hist, type HistStats } from './histogram';
import type { TaggedSeries } from './tagged-series';
import type { LengthRecorder } from './length-stats';
import type { CacheRecorder } from './cache-stats';
import type { StreamRecorder } from './stream-stats';

/** Trend metrics recorded as histograms, with their recording scale. */
export const TREND_METRICS = {
  http_req_duration: 1000,
  http_req_service_duration: 1000,
  time_to_first_token: 1000,
  time_to_first_output_token: 1000,
  inter_token_latency: 1000,
  time_per_output_token: 1000,
  output_tokens_per_second: 100,
  lateness: 1000,
} as const;
/** Name of a recorded trend. */
export type TrendName = keyof typeof TREND_METRICS;

/** Counters kept per window and per run. */
export class Counters {
  started = 0;
  completed = 0;
  succeeded = 0;
  failed = 0;
  dropped = 0;
  outputTokens = 0;
  inputTokens = 0;
  /** Reasoning tokens among outputTokens. */
  reasoningTokens = 0;
  status429 = 0;
  errors: Partial<Record<ErrorClass, number>> = {};
  remainingRequests: number | null = null;
  remainingTokens: number | null = null;
  retryAfterMs: number | null = null;
  activeMax = 0;
  /** Answers per HTTP status (numeric keys: one property bump per answer). */
  statusCodes: Record<number, number> = {};
  /** Requests judged against an SLO, those that met it, their output tokens, and misses by reason. */
  sloJudged = 0;
  sloMet = 0;
  sloTokens = 0;
  sloMissFailed = 0;
  sloMissTtft = 0;
  sloMissTpot = 0;
  sloMissDuration = 0;

  /** One request judged against its SLO (`miss` is a bit set of slo.ts's MISS_*; 0 = met). */
  addSlo(miss: number, tokens: number): void {
    this.sloJudged++;
    if (miss === 0) {
      this.sloMet++;
      this.sloTokens += tokens;
      return;
    }
    if (miss & 1) this.sloMissFailed++;
    if (miss & 2) this.sloMissTtft++;
    if (miss & 4) this.sloMissTpot++;
    if (miss & 8) this.sloMissDuration++;
  }

  addError(c: ErrorClass): void {
    this.errors[c] = (this.errors[c] ?? 0) + 1;
  }
}

/** Histograms for one scope (a window or the whole run). */
export class Trends {
  readonly h: Record<TrendName, Hist>;
  constructor() {
    this.h = {} as Record<TrendName, Hist>;
    for (const [name, scale] of Object.entries(TREND_METRICS)) this.h[name as TrendName] = new Hist(scale);
  }
  add(other: Trends): void {
    for (const k of Object.keys(this.h) as TrendName[]) this.h[k].add(other.h[k]);
  }
  reset(): void {
    for (const k of Object.keys(this.h) as TrendName[]) this.h[k].reset();
  }
  destroy(): void {
    for (const k of Object.keys(this.h) as TrendName[]) this.h[k].destroy();
  }
}

/** Most 429 answers whose raw headers are kept. */
const MAX_429_SAMPLES = 10;

/** The run's recorder: the engine calls it on every arrival, drop and completion. */
export class Recorder {
  win = new Counters();
  total = new Counters();
  winTrends = new Trends();
  trends = new Trends();
  checks = new Map<string, CheckState>();
  models = new Map<string, number>();
  tokensFromUsage = 0;
  tokensCounted = 0;
  /** Sums over requests where both a usage figure and a tokenizer count exist. */
  usageCompared = 0;
  usageDiffAbs = 0;
  rateLimitSamples: Array<Record<string, string>> = [];
  /** Send lateness after the first second (which includes opening connections and warming code up). */
  steadyLateness = new Hist(TREND_METRICS.lateness);
  firstSecondLatenessP99Ms = 0;
  private rolls = 0;
  checksPassed = 0;
  checksFailed = 0;
  /** Distinct failure reasons with a sample answer each. */
  readonly samples = new ErrorSamples();
  /** Tag-filtered series (set by the engine from the scenario). */
  tagged: TaggedSeries | null = null;
  /** performance.now() of the run's start, for the times of error samples. */
  t0 = 0;
  /** Told once per new failure reason (the engine logs it, as k6 logs "Request Failed"). */
  onNewReason: ((s: ErrorSample) => void) | null = null;
  /** Streams cut short: counted, and their TTFT and tokens kept apart. */
  cutStreams = 0;
  cutOutputTokens = 0;
  readonly cutTtft = new Hist(TREND_METRICS.time_to_first_token);
  /** Requested against served lengths, when the mix plans lengths (token prompts, traces). */
  lengths: LengthRecorder | null = null;
  /** Conversations and their per-turn figures, when the mix holds conversations or datasets. */
  conversations: ConversationRecorder | null = null;
  /** Cache-status headers and prompt repeats, once an answer carried one or the scenario repeats prompts. */
  cache: CacheRecorder | null = null;
  /** Chunks, buffering and contract problems of streamed answers, when the mix streams. */
  streams: StreamRecorder | null = null;

  /** performance.now() at which the current window ends; arrivals due after it count in the next one. */
  windowEndMs = Infinity;
  private startedNext = 0;

  /** An arrival sent; `dueMs` is when it was planned (open models), so a late send still counts in its own second. */
  arrival(dueMs: number): void {
    if (dueMs >= this.windowEndMs) this.startedNext++;
    else this.win.started++;
    this.total.started++;
  }

  drop(): void {
    this.win.dropped++;
    this.total.dropped++;
  }

  active(n: number): void {
    if (n > this.win.activeMax) this.win.activeMax = n;
    if (n > this.total.activeMax) this.total.activeMax = n;
  }

  trend(name: TrendName, value: number): void {
    this.winTrends.h[name].record(value);
  }

  /** One request finished: success, or failed in exactly one class. */
  complete(errorClass: ErrorClass | null): void {
    const w = this.win;
    const t = this.total;
    w.completed++;
    t.completed++;
    if (errorClass === null) {
      w.succeeded++;
      t.succeeded++;
    } else {
      w.failed++;
      t.failed++;
      w.addError(errorClass);
      t.addError(errorClass);
    }
  }

  /** One failed request's reason; `message` without a leading `CODE: `. */
  failure(
    cls: ErrorClass,
    code: string | null,
    status: number,
    message: string | null,
    body: string | null,
    endMs: number,
  ): void {
    const s = this.samples.record(cls, code, status, message, body, endMs - this.t0);
    if (s !== null && this.onNewReason !== null) this.onNewReason(s);
  }

  /** An answer's status line arrived. */
  status(code: number): void {
    const w = this.win.statusCodes;
    const t = this.total.statusCodes;
    w[code] = (w[code] ?? 0) + 1;
    t[code] = (t[code] ?? 0) + 1;
  }

  /** A stream ended before its end: its figures stay out of the completed-stream metrics. */
  cutStream(ttftMs: number | null, outputTokens: number): void {
    this.cutStreams++;
    this.cutOutputTokens += outputTokens;
    if (ttftMs !== null) this.cutTtft.record(ttftMs);
  }

  /** One request judged against its SLO (see slo.ts). */
  slo(miss: number, tokens: number): void {
    this.win.addSlo(miss, tokens);
    this.total.addSlo(miss, tokens);
  }

  /** Reasoning tokens of one answer (part of its output tokens). */
  reasoning(n: number): void {
    this.win.reasoningTokens += n;
    this.total.reasoningTokens += n;
  }

  tokens(output: number, input: number): void {
    this.win.outputTokens += output;
    this.total.outputTokens += output;
    this.win.inputTokens += input;
    this.total.inputTokens += input;
  }

  /** Where a request's output-token count came from; both given when a tokenizer count was sampled. */
  tokenSource(usage: number | null, counted: number | null): void {
    if (usage !== null) this.tokensFromUsage += usage;
    else if (counted !== null) this.tokensCounted += counted;
    if (usage !== null && counted !== null) {
      this.usageCompared += usage;
      this.usageDiffAbs += Math.abs(usage - counted);
    }
  }

  check(name: string, ok: boolean): void {
    let s = this.checks.get(name);
    if (!s) {
      s = { name, passes: 0, fails: 0 };
      this.checks.set(name, s);
    }
    if (ok) {
      s.passes++;
      this.checksPassed++;
    } else {
      s.fails++;
      this.checksFailed++;
    }
  }

  model(name: string): void {
    this.models.set(name, (this.models.get(name) ?? 0) + 1);
  }

  /** Rate-limit headers of one answer (any status). */
  rateLimit(
    status: number,
    remainingRequests: number | null,
    remainingTokens: number | null,
    retryAfterMs: number | null,
    raw: (() => Record<string, string>) | null,
  ): void {
    const w = this.win;
    if (status === 429) {
      w.status429++;
      this.total.status429++;
      if (raw && this.rateLimitSamples.length < MAX_429_SAMPLES) this.rateLimitSamples.push(raw());
    }
    if (remainingRequests !== null && (w.remainingRequests === null || remainingRequests < w.remainingRequests))
      w.remainingRequests = remainingRequests;
    if (remainingTokens !== null && (w.remainingTokens === null || remainingTokens < w.remainingTokens))
      w.remainingTokens = remainingTokens;
    if (retryAfterMs !== null && (w.retryAfterMs === null || retryAfterMs > w.retryAfterMs))
      w.retryAfterMs = retryAfterMs;
  }

  /** Ends the window: merges its histograms into the run's and starts a new one. */
  rollWindow(): {
    counters: Counters;
    duration: Stats | null;
    ttft: Stats | null;
    ttfo: Stats | null;
    itl: Stats | null;
    latenessP99Ms: number;
    rateLimit: RateLimitSignals;
  } {
    const w = this.win;
    const t = this.winTrends.h;
    const out = {
      counters: w,
      duration: t.http_req_duration.stats(),
      ttft: t.time_to_first_token.stats(),
      ttfo: t.time_to_first_output_token.stats(),
      itl: t.inter_token_latency.stats(),
      latenessP99Ms: t.lateness.percentile(99) ?? 0,
      rateLimit: {
        status429: w.status429,
        remainingRequests: w.remainingRequests,
        remainingTokens: w.remainingTokens,
        retryAfterMs: w.retryAfterMs,
      },
    };
    if (this.rolls === 0) this.firstSecondLatenessP99Ms = out.latenessP99Ms;
    else this.steadyLateness.add(t.lateness);
    this.rolls++;
    this.trends.add(this.winTrends);
    this.winTrends.reset();
    this.win = new Counters();
    this.win.started = this.startedNext;
    this.startedNext = 0;
    this.windowEndMs += 1000;
    return out;
  }

  /** Cumulative statistics of a trend (ms or tokens/s). */
  trendStats(name: TrendName): HistStats | null {
    return this.trends.h[name].stats();
  }

  /** Lateness p99 for the summary: after the first second when there is data after it. */
  latenessP99(): number {
    return (
      (this.steadyLateness.count > 0 ? this.steadyLateness.percentile(99) : this.trends.h.lateness.percentile(99)) ?? 0
    );
  }

  destroy(): void {
    this.lengths?.destroy();
    this.conversations?.destroy();
    this.cache?.destroy();
    this.streams?.destroy();
    this.steadyLateness.destroy();
    this.cutTtft.destroy();
    this.tagged?.destroy();
    this.winTrends.destroy();
    this.trends.destroy();
  }
}
