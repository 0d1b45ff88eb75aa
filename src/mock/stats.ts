// Counters of what the mock served. Mutated in place on the hot path; copied only when read.
import type { AnswerRecord, MockStats, Outcome, SeenAuth } from './types';

const OUTCOMES: Outcome[] = [
  'ok',
  '500',
  'reset',
  'hang',
  'malformed',
  'midstream_error',
  '429',
  '401',
  '400',
  '404',
  'queue_full',
];
const KEEP_AUTH = 20;
const KEEP_ANSWERS = 100;

function zeroOutcomes(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
}

/** The live counters behind `MockServer.stats()`. */
export class StatsRecorder {
  private s: MockStats = StatsRecorder.empty(0, 0, 0);

  private static empty(openConnections: number, inFlightStreams: number, inFlightRequests: number): MockStats {
    return {
      requests: 0,
      byRoute: {},
      byOutcome: zeroOutcomes(),
      streams: 0,
      openConnections,
      peakConnections: openConnections,
      inFlightStreams,
      peakInFlightStreams: inFlightStreams,
      inFlightRequests,
      peakInFlightRequests: inFlightRequests,
      outputTokens: 0,
      promptTokens: 0,
      reasoningTokens: 0,
      toolCalls: 0,
      answers: [],
      queued: 0,
      peakQueued: 0,
      peakServing: 0,
      lastAuth: [],
      cacheHits: 0,
      cacheMisses: 0,
      startedAt: new Date().toISOString(),
    };
  }

  request(route: string, authorization: string | undefined, xApiKey: string | undefined): void {
    const s = this.s;
    s.requests++;
    s.byRoute[route] = (s.byRoute[route] ?? 0) + 1;
    if (++s.inFlightRequests > s.peakInFlightRequests) s.peakInFlightRequests = s.inFlightRequests;
    const seen: SeenAuth = { route };
    if (authorization !== undefined) seen.authorization = authorization;
    if (xApiKey !== undefined) seen.xApiKey = xApiKey;
    s.lastAuth.push(seen);
    if (s.lastAuth.length > KEEP_AUTH) s.lastAuth.shift();
  }

  /** The request is over (answered, failed, or the client went away). */
  requestDone(): void {
    if (this.s.inFlightRequests > 0) this.s.inFlightRequests--;
  }

  outcome(o: Outcome): void {
    this.s.byOutcome[o]++;
  }

  streamOpened(): void {
    const s = this.s;
    s.streams++;
    if (++s.inFlightStreams > s.peakInFlightStreams) s.peakInFlightStreams = s.inFlightStreams;
  }

  streamClosed(): void {
    if (this.s.inFlightStreams > 0) this.s.inFlightStreams--;
  }

  connectionOpened(): void {
    const s = this.s;
    if (++s.openConnections > s.peakConnections) s.peakConnections = s.openConnections;
  }

  connectionClosed(): void {
    if (this.s.openConnections > 0) this.s.openConnections--;
  }

  /** The capacity model's queue and slots after an admission or a release. */
  capacity(queued: number, serving: number): void {
    const s = this.s;
    s.queued = queued;
    if (queued > s.peakQueued) s.peakQueued = queued;
    if (serving > s.peakServing) s.peakServing = serving;
  }

  /** `--cache`: an answer was a hit or a miss. */
  cached(hit: boolean): void {
    if (hit) this.s.cacheHits++;
    else this.s.cacheMisses++;
  }

  tokens(prompt: number, output: number): void {
    this.s.promptTokens += prompt;
    this.s.outputTokens += output;
  }

  /** An answer was decided (before its tokens are sent). */
  answer(a: AnswerRecord): void {
    const s = this.s;
    s.reasoningTokens += a.reasoningTokens;
    if (a.toolCall) s.toolCalls++;
    s.answers.push(a);
    if (s.answers.length > KEEP_ANSWERS) s.answers.shift();
  }

  snapshot(): MockStats {
    const s = this.s;
    return {
      ...s,
      byRoute: { ...s.byRoute },
      byOutcome: { ...s.byOutcome },
      answers: s.answers.map((a) => ({ ...a })),
      lastAuth: s.lastAuth.map((a) => ({ ...a })),
    };
  }

  /** Zeroes the counters; what is open now stays counted (and is the new peak). */
  reset(): void {
    this.s = StatsRecorder.empty(this.s.openConnections, this.s.inFlightStreams, this.s.inFlightRequests);
  }
}
