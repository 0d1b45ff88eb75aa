// Snippets for the keys of realistic LLM traffic (token lengths, shared prefixes, bursts, trace
// replay, conversations, datasets): a few lines each, inserted where the key belongs, so a user
// types `gl-conversation` in a request rather than looking the shape up. Generated into
// snippets/gateway-load.code-snippets beside the file templates (see allSnippets).
import { templatesToSnippets, type Snippet } from './starter-files';

/** One key snippet: where its lines go (under a request of `requests:`, or under `load:`). */
export interface KeySnippet {
  id: string;
  label: string;
  description: string;
  where: 'request' | 'load';
  /** Lines at the indentation of the keys they sit among, with VS Code tab stops. */
  body: string[];
}

export const KEY_SNIPPETS: readonly KeySnippet[] = [
  {
    id: 'tokens',
    label: 'Prompt of a length in tokens',
    description: 'Prompts generated to an exact number of input tokens, lengths drawn from a distribution.',
    where: 'request',
    body: [
      'prompt:',
      '  tokens: { mean: ${1:300}, stddev: ${2:50} }',
      '  distribution: ${3|normal,lognormal,uniform,fixed|}',
    ],
  },
  {
    id: 'prefix',
    label: 'Shared prompt prefixes',
    description: 'Every prompt starts with one of N fixed prefixes (prefix caches); TTFT is split by group.',
    where: 'request',
    body: [
      'prompt:',
      '  prefix: { tokens: ${1:2000}, groups: ${2:8} }',
      '  tokens: { mean: ${3:200}, stddev: ${4:40} }',
    ],
  },
  {
    id: 'gamma',
    label: 'Bursty (gamma) arrivals',
    description: "Gamma inter-arrival gaps, vLLM's burstiness: CV = 1/√burstiness (1 is Poisson).",
    where: 'load',
    body: ['arrivals: gamma', 'burstiness: ${1:0.5}', 'seed: ${2:1}'],
  },
  {
    id: 'trace',
    label: 'Trace replay',
    description: "Replays a trace's arrivals with each request's input and output lengths.",
    where: 'load',
    body: [
      'executor: trace',
      'file: ${1:trace.csv}',
      'speed: ${2:1}',
      'columns: { time: ${3:TIMESTAMP}, input: ${4:ContextTokens}, output: ${5:GeneratedTokens} }',
    ],
  },
  {
    id: 'conversation',
    label: 'Multi-turn conversation',
    description: 'Sessions whose context grows with each answer; a per-turn table in the summary.',
    where: 'request',
    body: [
      'conversation:',
      '  turns: { min: ${1:2}, max: ${2:6} }',
      '  thinkTime: ${3:5s}',
      '  userTokens: { mean: ${4:80} }',
    ],
  },
  {
    id: 'dataset',
    label: 'Dataset prompts',
    description: 'Records streamed from a ShareGPT, OpenAI-messages or {prompt} JSONL file.',
    where: 'request',
    body: [
      'prompt:',
      '  dataset: ${1:conversations.json}',
      '  format: ${2|sharegpt,openai-messages,jsonl|}',
      '  replay: ${3|server,recorded|}',
    ],
  },
];

/** The whole snippets file: file templates, then key snippets. */
export function allSnippets(): Record<string, Snippet> {
  const out = templatesToSnippets();
  for (const k of KEY_SNIPPETS) out[k.label] = { prefix: `gl-${k.id}`, description: k.description, body: k.body };
  return out;
}

/** A key snippet's text with each tab stop at its default (the first choice of a `${n|a,b|}`). */
export function snippetDefaults(body: readonly string[]): string[] {
  return body.map((l) => l.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1'));
}
