// Token counting with gpt-tokenizer, for responses that carry no `usage`.
// An encoding is slow and large to load (bench/README.md), so each is loaded on first use only: most
// gateways send usage and a run never needs the tokenizer.

interface Encoding {
  countTokens(text: string, opts?: { disallowedSpecial?: Set<string> }): number;
}

let o200k: Encoding | undefined;
let cl100k: Encoding | undefined;

// Model output may contain text such as `<|endoftext|>`: count it as text, don't throw.
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/** Models on the older cl100k encoding; everything else (GPT-4o and later, o-series, unknown) uses o200k. */
const CL100K = /^(gpt-4(?!o|\.[1-9])|gpt-3\.5|text-embedding-(ada|3)|davinci-002|babbage-002)/i;

function encodingFor(model: string | undefined): Encoding {
  // Bare `require` keeps the load lazy in both the esbuild bundle and tsx.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (model !== undefined && CL100K.test(model.replace(/^.*\//, ''))) {
    cl100k ??= require('gpt-tokenizer/encoding/cl100k_base') as Encoding;
    return cl100k;
  }
  o200k ??= require('gpt-tokenizer/encoding/o200k_base') as Encoding;
  return o200k;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Count tokens of a text with gpt-tokenizer (o200k / cl100k encodings as appropriate) */
export function countTokens(text: string, model?: string): number {
  if (text.length === 0) return 0;
  return encodingFor(model).countTokens(text, AS_TEXT);
}

/**
 * Loads the encoding for a model now. The engine calls it before a run that may need counts
 * (e.g. a dialect or gateway without usage), so the load does not stall the first responses.
 */
export function warmTokenizer(model?: string): void {
  encodingFor(model).countTokens('warm', AS_TEXT);
}

/** The encoding name `countTokens` uses for a model (for reports). */
export function encodingName(model?: string): 'o200k_base' | 'cl100k_base' {
  return model !== undefined && CL100K.test(model.replace(/^.*\//, '')) ? 'cl100k_base' : 'o200k_base';
}
