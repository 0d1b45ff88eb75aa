// Per-request lengths for one request of the mix: the prompt's input tokens (generated to the
// token) and the answer's max_tokens, drawn from the scenario's distributions or given by a
// trace row. The body is compiled once with a number placeholder where max_tokens goes.
import type { RequestSpec } from '../scenario/model';
import { randomUUID } from 'node:crypto';
import { lengthSampler, seededRandom, TokenPrompts, type TokenPrompt } from '../dialects/token-prompts';
import type { Compiled, RequestContext } from './expand';

/** Stands for max_tokens (and min_tokens) in a compiled body; replaced per request. */
export const MAX_TOKENS_MARK = 918273645;
const MARK_TEXT = String(MAX_TOKENS_MARK);

/** Lengths a trace row gives one arrival. */
export interface Lengths {
  input?: number;
  output?: number;
}

/** Output length when neither the scenario nor the trace row gives one (as for Anthropic's default). */
const DEFAULT_OUTPUT = 256;

/** Whether a request needs per-request lengths. */
export function needsLengths(spec: RequestSpec, trace: boolean): boolean {
  if (spec.api === 'raw' || spec.api === 'openai-embeddings') return false;
  return (
    trace ||
    spec.prompt?.kind === 'tokens' ||
    spec.maxTokensDist !== undefined ||
    spec.exactOutput === true ||
    datasetOutputs(spec)
  );
}

/** A `{ prompt, output_tokens }` dataset gives each request its max_tokens. */
function datasetOutputs(spec: RequestSpec): boolean {
  return spec.prompt?.kind === 'dataset' && spec.prompt.format === 'jsonl';
}

/** The length plan of one request of the mix. */
export class LengthPlan {
  private readonly prompts: TokenPrompts | null;
  private readonly sampleOut: (() => number) | null;
  /** The body carries the max_tokens mark (output varies, is exact, or comes from a trace). */
  readonly outputSlot: boolean;

  constructor(
    readonly spec: RequestSpec,
    trace: boolean,
  ) {
    const p = spec.prompt;
    const tokenSpec = p?.kind === 'tokens' ? p : null;
    // A trace gives input lengths even to requests whose prompts are text: those are generated too.
    this.prompts = tokenSpec || trace ? new TokenPrompts(tokenSpec, tokenSpec?.seed ?? 1) : null;
    const outSeed = (tokenSpec?.seed ?? 1) ^ 0x9e3779b9;
    this.sampleOut = spec.maxTokensDist ? lengthSampler(spec.maxTokensDist, seededRandom(outSeed)) : null;
    this.outputSlot = trace || this.sampleOut !== null || spec.exactOutput === true || datasetOutputs(spec);
  }

  /** Prompts are generated (token prompts, or a trace's input lengths): the body keeps its prompt slot. */
  get generates(): boolean {
    return this.prompts !== null;
  }

  /** Extra body fields for the request (exact output), merged before the scenario's `body`. */
  bodyFields(): Record<string, unknown> {
    if (!this.spec.exactOutput || (this.spec.api !== 'openai-chat' && this.spec.api !== 'openai-completions'))
      return {};
    return { min_tokens: MAX_TOKENS_MARK, ignore_eos: true };
  }

  /** A prompt of the trace's length, or of a planned one; null when the request's own prompts apply. */
  prompt(input: number | undefined): TokenPrompt | null {
    if (!this.prompts) return null;
    if (input === undefined && !this.prompts.planned) return null;
    return this.prompts.next(input);
  }

  /** The max_tokens of one request. */
  output(output: number | undefined): number {
    if (output !== undefined) return Math.max(1, output);
    if (this.sampleOut) return this.sampleOut();
    return this.spec.maxTokens ?? DEFAULT_OUTPUT;
  }

  /**
   * Splits a compiled body at the max_tokens marks, once per run, so that filling it per request
   * is a join of a few strings with no search through the prompt.
   */
  static splitBody(c: Compiled): LengthBody {
    const statics: string[] = [];
    const slots: Array<Compiled['slots'][number] | 'output'> = [];
    c.statics.forEach((text, i) => {
      const parts = text.split(MARK_TEXT);
      parts.forEach((p, j) => {
        if (j > 0) slots.push('output');
        if (j === 0 && i > 0) statics[statics.length - 1] += p;
        else statics.push(p);
      });
      if (i < c.slots.length) {
        slots.push(c.slots[i]);
        statics.push('');
      }
    });
    return { statics, slots };
  }

  /**
   * Fills a split body. A generated prompt goes in unescaped: its pieces are plain words and
   * punctuation, and JSON-escaping a slice of the corpus cost ~30 µs per request (V8 flattens it).
   */
  static fill(b: LengthBody, ctx: RequestContext, output: number, rawPrompt: boolean): string {
    let out = b.statics[0];
    for (let i = 0; i < b.slots.length; i++) {
      const slot = b.slots[i];
      let v: string;
      switch (slot) {
        case 'output':
          v = String(output);
          break;
        case 'prompt':
          v = rawPrompt ? ctx.prompt : escapeJson(ctx.prompt);
          break;
        case 'vu':
          v = String(ctx.vu);
          break;
        case 'iteration':
          v = String(ctx.iteration);
          break;
        case 'uuid':
          v = randomUUID();
          break;
        default:
          v = escapeJson(ctx.request);
      }
      out += v + b.statics[i + 1];
    }
    return out;
  }
}

/** A compiled body with max_tokens marks as slots of their own. */
export interface LengthBody {
  statics: string[];
  slots: Array<Compiled['slots'][number] | 'output'>;
}

const escapeJson = (s: string): string => JSON.stringify(s).slice(1, -1);
