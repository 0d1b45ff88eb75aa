// What one request of the mix needs to hold conversations: how many turns each gets, where its
// user messages come from (a dataset record, generated text of `userTokens`, or the request's
// own prompts), and how a turn's body is spliced from the dialect's one-message body.
import type { ApiDialect, RequestSpec } from '../scenario/model';
import type { DatasetRecord } from '../scenario/dataset-format';
import { seededRandom, TokenPrompts } from '../dialects/token-prompts';
import type { PromptPicker } from '../dialects/prompts';
import { DatasetFeed } from './dataset-feed';

/** Stands for the user message while the request builder fills a turn's body; spliced per turn. */
export const TURN_MARK = 'GL_TURN_SLOT_7a3d9b';

/** One message of a conversation's context. */
export interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Default length of generated user messages (the issue's `userTokens: { mean: 80 }`). */
const DEFAULT_USER_TOKENS = 80;

/** Whether a request holds conversation state: `conversation:`, or a dataset (one turn per record). */
export function needsConversation(spec: RequestSpec): boolean {
  return spec.conversation !== undefined || spec.prompt?.kind === 'dataset';
}

/** The conversation plan of one request of the mix. */
export class ConversationPlan {
  readonly multi: boolean;
  readonly thinkMs: number;
  readonly feed: DatasetFeed | null;
  /** The context's assistant turns are the record's replies, not the server's answers. */
  readonly replayRecorded: boolean;
  /** The dialect carries a list of messages (else a single-turn dataset prompt goes in as text). */
  readonly messages: boolean;
  private readonly rand: () => number;
  private readonly generated: TokenPrompts | null;

  constructor(
    readonly spec: RequestSpec,
    private readonly own: PromptPicker,
  ) {
    const c = spec.conversation;
    this.multi = c !== undefined;
    this.thinkMs = c?.thinkTimeMs ?? 0;
    const p = spec.prompt;
    this.feed = p?.kind === 'dataset' ? new DatasetFeed(p) : null;
    this.replayRecorded = p?.kind === 'dataset' && p.replay === 'recorded';
    this.messages = hasMessages(spec.api);
    this.rand = seededRandom((c?.seed ?? 1) ^ 0x5bd1e995);
    const userTokens =
      c?.userTokens ??
      (p === undefined ? { distribution: 'fixed' as const, mean: DEFAULT_USER_TOKENS, stddev: 0 } : undefined);
    const tokenSpec = p?.kind === 'tokens' ? p : null;
    this.generated =
      this.feed === null && (userTokens || tokenSpec)
        ? new TokenPrompts(userTokens ? { tokens: userTokens, seed: c?.seed ?? 1 } : tokenSpec, c?.seed ?? 1)
        : null;
  }

  /** A new conversation's record (datasets) and number of turns. */
  draw(): { record: DatasetRecord | null; turns: number } {
    const record = this.feed ? this.feed.next() : null;
    const t = this.spec.conversation?.turns ?? { min: 1, max: 1 };
    if (record) return { record, turns: this.multi ? Math.min(record.turns.length, t.max) : 1 };
    return { record, turns: t.min + Math.floor(this.rand() * (t.max - t.min + 1)) };
  }

  /** The user message of turn `index` (1-based). */
  userText(record: DatasetRecord | null, index: number): string {
    if (record) return record.turns[index - 1].user;
    if (this.generated) return this.generated.next().text;
    return this.own();
  }
}

/** Dialects whose bodies carry a list of messages. */
function hasMessages(api: ApiDialect): boolean {
  return api === 'openai-chat' || api === 'anthropic-messages' || api === 'openai-responses';
}

/**
 * A turn's body: the dialect's one-message body, filled with TURN_MARK as the prompt, with that
 * message replaced by the whole context. Null when the body holds no such message (a `body:`
 * override replaced it), so the caller fails the request rather than send something else.
 */
export function spliceContext(api: ApiDialect, body: string, context: readonly Message[]): string | null {
  if (api === 'openai-responses') {
    const at = body.indexOf(`"input":"${TURN_MARK}"`);
    if (at < 0) return null;
    return body.slice(0, at) + `"input":${JSON.stringify(context)}` + body.slice(at + TURN_MARK.length + 10);
  }
  const one = `{"role":"user","content":"${TURN_MARK}"}`;
  const at = body.indexOf(one);
  if (at < 0) return null;
  let inner = '';
  for (let i = 0; i < context.length; i++) inner += (i ? ',' : '') + JSON.stringify(context[i]);
  return body.slice(0, at) + inner + body.slice(at + one.length);
}
