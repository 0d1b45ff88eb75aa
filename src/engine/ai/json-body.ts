// Reader for whole (non-streamed) bodies: keeps the chunks and parses once at the end.
import type { ApiDialect } from '../../scenario/model';
import { bodyText, errorText, readBody } from './extract';
import { Accumulator, type ReaderOptions, type ReadResult, type ResponseReader } from './result';

/** Views any Uint8Array as a Buffer without copying. */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Reads a JSON (or, for `raw`, any) body. */
export class JsonBodyReader implements ResponseReader {
  private first: Buffer | null = null;
  private more: Buffer[] | null = null;
  private total = 0;

  constructor(
    private readonly api: ApiDialect,
    private readonly opts: ReaderOptions,
    private readonly contentType: string | undefined,
  ) {}

  onData(chunk: Uint8Array, _now: number): void {
    if (chunk.byteLength === 0) return;
    // Chunks from undici are fresh buffers, so keeping references is safe and saves a copy.
    this.total += chunk.byteLength;
    // A raw answer that no check reads is counted and dropped, not kept.
    if (this.api === 'raw' && !this.opts.needBody && !this.opts.needText) return;
    const b = asBuffer(chunk);
    if (this.first === null) this.first = b;
    else (this.more ??= [this.first]).push(b);
  }

  finish(_now: number, complete: boolean): ReadResult {
    const acc = new Accumulator(this.opts);
    const api = this.api;
    if (!complete) {
      acc.fail('response body cut before its end', 'cut');
      return acc.result(false);
    }
    const raw = api === 'raw';
    if (raw && !this.opts.needBody && !this.opts.needText) return acc.result(false);
    const buf = this.more !== null ? Buffer.concat(this.more, this.total) : this.first;
    const text = buf === null ? '' : buf.toString('utf8');
    const looksJson = this.contentType === undefined || /json/i.test(this.contentType) || /^\s*[[{]/.test(text);
    let parsed: unknown = undefined;
    if (looksJson && text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (parsed === undefined) {
      // `raw` promises no protocol: a non-JSON body is the body.
      if (raw) return acc.result(false, text, text);
      acc.fail(text.trim() === '' ? 'empty body' : 'malformed JSON body', 'malformed');
      return acc.result(false, this.opts.needBody ? text : undefined, '');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      if (!raw) acc.fail('JSON body is not an object', 'malformed');
      return acc.result(false, parsed, '');
    }
    const o = parsed as Record<string, unknown>;
    readBody(acc, o);
    if (!raw && o.error !== undefined && o.error !== null) acc.fail(`error in body: ${errorText(o)}`, 'error-body');
    const out = api === 'openai-embeddings' ? undefined : bodyText(api, o);
    return acc.result(out !== undefined && acc.error === undefined, parsed, out ?? '');
  }
}
