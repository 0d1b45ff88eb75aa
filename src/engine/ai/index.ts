// The AI-protocol layer of the load engine: incremental response readers per dialect (request
// bodies are built in src/dialects/). See sse-scanner.ts for the byte-level SSE parsing (the streaming hot path).
import type { ApiDialect } from '../../scenario/model';
import { JsonBodyReader } from './json-body';
import type { ReaderOptions, ResponseReader } from './result';
import { SseReader } from './sse-reader';

export { countTokens, encodingName, warmTokenizer } from './tokens';
export type { ReaderOptions, ReadResult, ResponseReader, TokenCountMode, ProtocolErrorKind } from './result';

/**
 * A reader for one response. The Content-Type decides stream or not (a gateway may answer a
 * stream request with a JSON error); without one, the request's `stream` flag does, and so it does
 * for a stream answered with a type that is neither (`text/plain`: a contract problem, still read).
 */
export function createReader(
  api: ApiDialect,
  stream: boolean,
  contentType: string | undefined,
  opts: ReaderOptions,
): ResponseReader {
  const sse =
    contentType !== undefined && contentType !== ''
      ? /^\s*text\/event-stream/i.test(contentType) || (stream && !/json/i.test(contentType))
      : stream;
  if (sse && api !== 'openai-embeddings') return new SseReader(api, opts);
  return new JsonBodyReader(api, opts, contentType);
}
