// Prompts of an exact number of tokens, without a tokenizer on the load worker.
//
// Why no tokenizer here: gpt-tokenizer's tables in the engine's heap caused 40 ms GC pauses, so
// the engine counts in a thread of its own. Prompts are instead assembled from pieces that are
// each exactly one token in both o200k_base and cl100k_base (a word with its leading space, or
// `,` / `.`), in an order where no two pieces can merge under either encoding's pre-tokenizer
// (every word starts with a space; punctuation never touches punctuation). N pieces are then N
// tokens by construction; test/unit/engine/token-prompts.test.ts checks every piece and whole
// prompts with gpt-tokenizer itself. Generation is a slice of a seeded corpus: O(1) per request.
import type { LengthSpec, TokenPromptSpec } from '../scenario/model';
import { seededRandom } from '../shared/seeded-random';

/** Words that are one token (with a leading space, lower- and capitalised) in o200k and cl100k. */
const WORDS = (
  'the of and to in is that it for on with as was be by at this from or are an have not but which they you can all more will one ' +
  'their has about would there what when been were also into some other time than its only new may these then could any after first people ' +
  'like over such most where how many work two well way even made use because each those back through much year good see must system data ' +
  'model server request user answer stream test load gateway token under between during before while still both long high small large same ' +
  'great own part place world state need number group point case fact week company program question government night water home room area ' +
  'money story month lot right study book eye job word business issue side kind head house service friend father power hour game line end ' +
  'member law car city community name president team minute idea kid body information school face others level office door health person ' +
  'art war history party result change morning reason research girl guy moment air teacher force education foot boy age policy process ' +
  'music market sense nation plan college interest death experience effect class control care field development role rate heart drug show ' +
  'leader light voice wife police mind price report decision son view relationship town road arm difference value building action season ' +
  'society tax director position player record paper space ground form event official matter center couple site project activity star table ' +
  'court oil situation cost industry figure street image phone picture practice piece land product doctor wall patient worker news movie ' +
  'north love energy period course amount choice design family simple clear quick open close short early late young old real free full sure ' +
  'whole public human local social major national possible able recent political common similar strong special easy hard better best main ' +
  'final happy true wrong ready often always never again together however already perhaps nothing around across every second third quickly'
).split(' ');

/** The one-token pieces a corpus is made of (exported for the test that checks each of them). */
export const PIECES: readonly string[] = [
  ...WORDS.map((w) => ` ${w}`),
  ...WORDS.map((w) => ` ${w[0].toUpperCase()}${w.slice(1)}`),
  ',',
  '.',
];

/** Re-exported: the plans that draw prompts take their generator from here. */
export { seededRandom };

/** A standard normal draw (Box–Muller). */
export function gauss(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** The longest prompt or answer a length spec may ask for. */
export const MAX_TOKENS = 1 << 20;

/** Draws integer lengths from a distribution with the given mean and stddev, clamped to [min, max]. */
export function lengthSampler(spec: LengthSpec, rand: () => number): () => number {
  const { mean, stddev } = spec;
  const min = spec.min ?? 1;
  const max = spec.max ?? MAX_TOKENS;
  const clamp = (x: number): number => Math.min(max, Math.max(min, Math.round(x)));
  switch (spec.distribution) {
    case 'fixed':
      return () => clamp(mean);
    case 'uniform': {
      // Given bounds win; otherwise the interval whose stddev is `stddev`.
      const half = stddev * Math.sqrt(3);
      const lo = spec.min ?? mean - half;
      const hi = spec.max ?? mean + half;
      return () => clamp(lo + (hi - lo) * rand());
    }
    case 'lognormal': {
      if (stddev <= 0) return () => clamp(mean);
      const s2 = Math.log(1 + (stddev * stddev) / (mean * mean));
      const mu = Math.log(mean) - s2 / 2;
      const s = Math.sqrt(s2);
      return () => clamp(Math.exp(mu + s * gauss(rand)));
    }
    default:
      return () => clamp(mean + stddev * gauss(rand));
  }
}

/** A seeded text of one-token pieces, with the character offset of every piece boundary. */
export class TokenCorpus {
  readonly text: string;
  /** `offsets[i]` is where piece i starts; `offsets[pieces]` is the text's length. */
  private readonly offsets: Int32Array;
  readonly pieces: number;

  constructor(seed: number, pieces: number) {
    const rand = seededRandom(seed ^ 0x5eed);
    const parts: string[] = new Array<string>(pieces);
    const offsets = new Int32Array(pieces + 1);
    const words = WORDS.length;
    let len = 0;
    let sinceStop = 0;
    let sentence = 8 + Math.floor(rand() * 14);
    for (let i = 0; i < pieces; i++) {
      let p: string;
      const prevPunct = i > 0 && (parts[i - 1] === ',' || parts[i - 1] === '.');
      if (!prevPunct && sinceStop >= sentence) {
        p = '.';
        sinceStop = 0;
        sentence = 8 + Math.floor(rand() * 14);
      } else if (!prevPunct && sinceStop > 3 && rand() < 0.06) {
        p = ',';
        sinceStop++;
      } else {
        const w = WORDS[Math.floor(rand() * words)];
        p = sinceStop === 0 ? ` ${w[0].toUpperCase()}${w.slice(1)}` : ` ${w}`;
        sinceStop++;
      }
      parts[i] = p;
      offsets[i] = len;
      len += p.length;
    }
    offsets[pieces] = len;
    this.text = parts.join('');
    this.offsets = offsets;
    this.pieces = pieces;
  }

  /** Exactly `n` tokens starting at piece `start` (wrapping round the corpus). */
  slice(start: number, n: number): string {
    const total = this.pieces;
    if (n <= 0) return '';
    const s = start % total;
    const end = s + n;
    if (end <= total) return this.text.slice(this.offsets[s], this.offsets[end]);
    // Wrapping: the corpus ends with a word or punctuation and starts with a word (leading space),
    // so the join cannot merge two pieces. Longer than the corpus repeats it.
    let out = this.text.slice(this.offsets[s]);
    let left = end - total;
    while (left > total) {
      out += this.text;
      left -= total;
    }
    return out + this.text.slice(0, this.offsets[left]);
  }

  /** Whether piece `i` is punctuation (a prefix ending in punctuation must not meet punctuation). */
  isPunct(i: number): boolean {
    const c = this.text.charCodeAt(this.offsets[i % this.pieces]);
    return c === 44 || c === 46;
  }
}

/** A generated prompt: its text, its exact token count, and its shared-prefix group (−1 for none). */
export interface TokenPrompt {
  text: string;
  tokens: number;
  group: number;
}

/** Prompts of planned lengths for one request of the mix. */
export class TokenPrompts {
  private readonly rand: () => number;
  private readonly corpus: TokenCorpus;
  private readonly sample: (() => number) | null;
  private readonly prefixes: string[] = [];
  private readonly prefixTokens: number;

  constructor(spec: TokenPromptSpec | null, seed: number) {
    this.rand = seededRandom(seed);
    const t = spec?.tokens;
    const maxLen = t ? Math.min(t.max ?? t.mean + 6 * t.stddev, MAX_TOKENS) : 4096;
    // Big enough that starting points rarely repeat; small enough to build in a few ms.
    this.corpus = new TokenCorpus(seed, Math.max(1 << 16, Math.min(2 * maxLen, 1 << 20)));
    this.sample = spec?.tokens ? lengthSampler(spec.tokens, this.rand) : null;
    this.prefixTokens = spec?.prefix?.tokens ?? 0;
    if (spec?.prefix) {
      // Prefixes come from a corpus of their own so suffixes never repeat them by chance.
      const pc = new TokenCorpus(seed + 1, Math.max(1024, spec.prefix.tokens * spec.prefix.groups));
      for (let g = 0; g < spec.prefix.groups; g++) {
        let text = pc.slice(g * spec.prefix.tokens, spec.prefix.tokens);
        // A prefix ending in punctuation would meet a suffix that might start with it: end on a word.
        if (text.endsWith(',') || text.endsWith('.')) text = `${text.slice(0, -1)} ${WORDS[g % WORDS.length]}`;
        this.prefixes.push(text);
      }
    }
  }

  /** Whether prompts have a planned length of their own (else only a trace gives one). */
  get planned(): boolean {
    return this.sample !== null || this.prefixes.length > 0;
  }

  /** The prefix text of group `g` (tests and dry runs show it). */
  prefix(g: number): string {
    return this.prefixes[g];
  }

  /** A prompt of `n` tokens, or of a sampled length when `n` is undefined. */
  next(n?: number): TokenPrompt {
    const want = n ?? (this.sample ? this.sample() : 0);
    const groups = this.prefixes.length;
    const group = groups ? Math.floor(this.rand() * groups) : -1;
    // A planned length (`tokens`) is the suffix's; a trace's length is the whole prompt's.
    const suffixTokens = groups && n !== undefined ? Math.max(0, n - this.prefixTokens) : want;
    let start = Math.floor(this.rand() * this.corpus.pieces);
    // The suffix must start with a word: punctuation could merge with the prefix's last piece.
    if (groups && this.corpus.isPunct(start)) start++;
    const suffix = this.corpus.slice(start, suffixTokens);
    if (!groups) return { text: suffix, tokens: suffixTokens, group };
    return { text: this.prefixes[group] + suffix, tokens: this.prefixTokens + suffixTokens, group };
  }
}
