// What every dialect hands the server: the facts of one answer and its stream framing.

/** The facts of one answer, fixed when the request is accepted. */
export interface Answer {
  id: string;
  created: number;
  /** The model that answers (after routing). */
  model: string;
  promptTokens: number;
  outputTokens: number;
  /** True when `max_tokens` cut the answer short. */
  truncated: boolean;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Reasoning tokens before the answer (included in the usage's output count). */
  reasoningTokens: number;
  /** Answer with a call of this tool instead of text (its arguments are the output tokens). */
  toolCall: { name: string; id: string } | null;
}

/** Pre-built pieces of a streamed answer; `token(i)` is the only per-token work. */
export interface StreamFraming {
  /** Sent with the headers, before the first token (OpenAI role chunk; Anthropic message_start …). */
  head: string;
  token(i: number): string;
  /** After the last token: finish chunk, usage, `[DONE]` / message_stop. */
  tail: string;
  /** An error event that ends the stream early. */
  error: string;
  /** A broken event; the stream ends after it without its terminator. */
  malformed: string;
}

/** An error answer: status and JSON body in the dialect's shape. */
export interface ErrorAnswer {
  status: number;
  body: string;
}
