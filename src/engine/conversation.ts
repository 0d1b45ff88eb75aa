// Conversations in flight. Closed model: each VU holds one conversation and sends its turns as
// its iterations, the conversation's thinkTime between them. Open model: every arrival that picks
// a conversation request starts one; its later turns are arrivals of their own, scheduled
// thinkTime after the previous answer, and dropped (counted) when no capacity is free. A turn's
// context is every earlier message plus the answer the server returned, verbatim.
import type { DatasetRecord } from '../scenario/dataset-format';
import type { DatasetSummary } from '../protocol';
import type { Lengths } from './length-plan';
import { buildRequest, type BuiltRequest, type CompiledMix, type CompiledRequest } from './request-builder';
import { spliceContext, TURN_MARK, type ConversationPlan, type Message } from './conversation-plan';
import { ConversationRecorder } from './conversation-stats';
import type { Recorder } from './recorder';

/** One conversation: its request, its VU, its turns and the context so far. */
export class Conversation {
  /** Turns sent so far (the one in flight included). */
  turn = 0;
  /** A turn of it is in flight. */
  inFlight = false;
  readonly context: Message[] = [];
  constructor(
    readonly req: CompiledRequest,
    readonly plan: ConversationPlan,
    readonly vu: number,
    readonly turns: number,
    readonly record: DatasetRecord | null,
  ) {
    const sys = record?.system;
    if (sys !== undefined && req.spec.system === undefined && req.spec.api === 'openai-chat')
      this.context.push({ role: 'system', content: sys });
  }
}

/** What the runner needs from itself to start a later turn (open model). */
export interface TurnStarter {
  active: number;
  readonly rec: Recorder;
  run(vu: number, iteration: number, intendedMs: number | null, after: (() => void) | null): void;
}

export class ConversationBook {
  /** Closed model: each VU's conversation in progress. */
  private readonly sessions: Array<Conversation | null> = [];
  /** Open model: the conversation whose next turn `run` is about to send. */
  private queued: Conversation | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private halted = false;
  private iterations = 0;
  readonly stats: ConversationRecorder;

  constructor(
    private readonly runner: TurnStarter,
    private readonly mix: CompiledMix,
    private readonly open: boolean,
    private readonly capacity: number,
  ) {
    this.stats = runner.rec.conversations ??= new ConversationRecorder();
  }

  /** A book when the mix holds conversation requests, else null. */
  static create(runner: TurnStarter, mix: CompiledMix, open: boolean, capacity: number): ConversationBook | null {
    return mix.requests.some((r) => r.conversation) ? new ConversationBook(runner, mix, open, capacity) : null;
  }

  /** Reads the first records of every dataset; rejects when one is unusable. */
  async prepare(): Promise<void> {
    for (const r of this.mix.requests) await r.conversation?.feed?.prepare();
  }

  /** The conversation whose next turn this request is, if any (the VU's, or the one being fired). */
  take(vu: number): Conversation | null {
    if (this.open) {
      const q = this.queued;
      this.queued = null;
      return q;
    }
    return this.sessions[vu] ?? null;
  }

  /** Starts a conversation on a request that holds them. */
  begin(req: CompiledRequest, vu: number): Conversation {
    const plan = req.conversation as ConversationPlan;
    const { record, turns } = plan.draw();
    const conv = new Conversation(req, plan, vu, turns, record);
    this.stats.started++;
    if (!this.open) this.sessions[vu] = conv;
    return conv;
  }

  /** The next turn's request: the dialect's body with its one user message replaced by the context. */
  build(conv: Conversation, vu: number, iteration: number): BuiltRequest {
    const index = ++conv.turn;
    conv.inFlight = true;
    const plan = conv.plan;
    const user = plan.userText(conv.record, index);
    const given: Lengths | undefined =
      conv.record?.outputTokens !== undefined ? { output: conv.record.outputTokens } : undefined;
    if (!plan.messages) {
      // Single-turn dataset on a dialect without messages: the record's prompt is the prompt.
      const built = buildRequest(conv.req, vu, iteration, given, user);
      built.turn = { conv, index, keepAnswer: false };
      return built;
    }
    conv.context.push({ role: 'user', content: user });
    const built = buildRequest(conv.req, vu, iteration, given, TURN_MARK);
    const body = built.body === null ? null : spliceContext(conv.req.spec.api, built.body, conv.context);
    if (body === null) built.refused = `the body of ${conv.req.name} has no user message to carry the conversation`;
    else built.body = body;
    const keepAnswer = index < conv.turns && !plan.replayRecorded;
    built.turn = { conv, index, keepAnswer };
    return built;
  }

  /** Closed model: the pause before a VU's next iteration when its conversation goes on. */
  thinkAfter(vu: number): number | undefined {
    const c = this.sessions[vu];
    return c ? c.plan.thinkMs : undefined;
  }

  /** A turn ended; `answer` is the text the server returned (kept only when a later turn needs it). */
  done(
    turn: ConversationTurn,
    ok: boolean,
    cancelled: boolean,
    answer: string | undefined,
    durationMs: number,
    ttftMs: number | null,
    inputTokens: number | null,
    endMs: number,
  ): void {
    const conv = turn.conv;
    conv.inFlight = false;
    if (!cancelled) this.stats.turn(turn.index, ok, durationMs, ttftMs, inputTokens);
    if (!ok || turn.index >= conv.turns) {
      if (ok) this.stats.completed++;
      else if (cancelled) this.stats.unfinished++;
      else this.stats.broken++;
      this.end(conv);
      return;
    }
    const recorded = conv.plan.replayRecorded ? conv.record?.turns[turn.index - 1].assistant : undefined;
    conv.context.push({ role: 'assistant', content: recorded ?? answer ?? '' });
    if (this.halted) {
      this.stats.unfinished++;
      this.end(conv);
      return;
    }
    if (!this.open) return;
    const think = conv.plan.thinkMs;
    const due = endMs + think;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.fire(conv, due);
    }, think);
    this.timers.add(t);
  }

  /** Open model: a later turn is due; it is an arrival of its own, stamped with the time it was due. */
  private fire(conv: Conversation, due: number): void {
    const runner = this.runner;
    if (runner.active >= this.capacity) {
      runner.rec.drop();
      this.stats.dropped++;
      return;
    }
    this.queued = conv;
    runner.run(conv.vu, ++this.iterations, due, null);
  }

  private end(conv: Conversation): void {
    if (!this.open && this.sessions[conv.vu] === conv) this.sessions[conv.vu] = null;
  }

  /** No more turns start; conversations waiting for theirs are counted unfinished. */
  halt(): void {
    if (this.halted) return;
    this.halted = true;
    this.stats.unfinished += this.timers.size;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // Closed VUs stopped between two turns are unfinished too (those in flight are counted when they end).
    for (const c of this.sessions) if (c && !c.inFlight) this.stats.unfinished++;
    for (const r of this.mix.requests) r.conversation?.feed?.close();
  }

  /** What each dataset gave the run. */
  datasets(): DatasetSummary[] {
    const out: DatasetSummary[] = [];
    for (const r of this.mix.requests) {
      const f = r.conversation?.feed;
      if (f) out.push({ request: r.name, ...f.stats });
    }
    return out;
  }
}

/** The turn a built request carries. */
export interface ConversationTurn {
  conv: Conversation;
  /** 1-based. */
  index: number;
  /** A later turn needs this answer's text (the reader keeps it only then). */
  keepAnswer: boolean;
}
