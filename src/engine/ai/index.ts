// The AI-protocol layer of the load engine: request bodies per dialect and incremental
// response readers. See sse-scanner.ts for the byte-level SSE parsing (the streaming hot path).
import type { ApiDialect } from '../../scenario/model';
import { JsonBodyReader } from './json-body';
import type { ReaderOptions, ResponseReader } from './result';
import { SseReader } from './sse-reader';

export { buildBody, defaultPath, dialectHeaders, mergeBody, ANTHROPIC_DEFAULT_MAX_TOKENS } from './body';
export { countTokens, encodingName, warmTokenizer } from './tokens';
export type { ReaderOptions, ReadResult, ResponseReader, TokenCountMode, ProtocolErrorKind } from './result';

/**
 * A reader for one response. The Content-Type decides stream or not (a gateway may answer a
 * stream request with a JSON error); without one, the request's `stream` flag does.
 */
export function createReader(api: ApiDialect, stream: boolean, contentType: string | undefined, opts: ReaderOptions): ResponseReader {
  const sse = contentType !== undefined && contentType !== '' ? /^\s*text\/event-stream/i.test(contentType) : stream;
  if (sse && api !== 'openai-embeddings') return new SseReader(api, opts);
  return new JsonBodyReader(api, opts, contentType);
}
