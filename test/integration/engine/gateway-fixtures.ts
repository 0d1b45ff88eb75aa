// Loopback "gateways" that behave like real ones in front of a model: HTTPS with certificates made
// at test time by openssl, compression, redirects. A small OpenAI-style chat responder serves them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, createBrotliCompress, constants } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { AddressInfo, Server } from 'node:net';

const dirs: string[] = [];
process.on('exit', () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A temp folder removed when the test process exits. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'gl-gw-'));
  dirs.push(d);
  return d;
}

/** A self-signed certificate for 127.0.0.1 (its own CA), made now; returns the PEM file paths. */
export function selfSigned(dir: string, name: string, extra: string[] = []): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        `/CN=${name}`,
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        ...extra,
      ],
      { stdio: 'pipe' },
    );
  } catch (err) {
    throw new Error(`openssl is needed to make test certificates (apt-get install openssl): ${(err as Error).message}`);
  }
  return { cert, key };
}

type Req = IncomingMessage | Http2ServerRequest;
type Res = ServerResponse | Http2ServerResponse;

/** How the chat responder answers. */
export interface ChatOptions {
  encoding?: 'gzip' | 'br';
  tokens?: number;
  tokenGapMs?: number;
  firstTokenMs?: number;
}

/** Answers OpenAI chat completions (JSON or SSE, per the request's `stream`), optionally compressed. */
export function chatResponder(opts: ChatOptions = {}): (req: Req, res: Res) => void {
  const tokens = opts.tokens ?? 5;
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let stream = false;
      try {
        stream = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { stream?: boolean }).stream === true;
      } catch {
        /* not JSON: answer as JSON */
      }
      const headers: Record<string, string> = { 'content-type': stream ? 'text/event-stream' : 'application/json' };
      if (opts.encoding) headers['content-encoding'] = opts.encoding;
      res.writeHead(200, headers);
      const z = opts.encoding === 'gzip' ? createGzip() : opts.encoding === 'br' ? createBrotliCompress() : null;
      if (z) z.pipe(res as NodeJS.WritableStream);
      const out = (z ?? res) as NodeJS.WritableStream;
      const flush = (): void => {
        if (z)
          (z as unknown as { flush(kind: number, cb: () => void): void }).flush(
            opts.encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH,
            () => {},
          );
      };
      if (!stream) {
        out.end(
          JSON.stringify({
            id: 'c1',
            object: 'chat.completion',
            model: 'fixture-model',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: 'hello '.repeat(tokens).trim() },
                finish_reason: 'stop',
              },
            ],
            usage: { prompt_tokens: 3, completion_tokens: tokens, total_tokens: tokens + 3 },
          }),
        );
        return;
      }
      const ev = (o: unknown): void => {
        out.write(`data: ${JSON.stringify(o)}\n\n`);
        flush();
      };
      const chunk = (delta: object, finish: string | null = null): object => ({
        id: 'c1',
        object: 'chat.completion.chunk',
        model: 'fixture-model',
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
      ev(chunk({ role: 'assistant', content: '' }));
      let i = 0;
      const next = (): void => {
        if (i < tokens) {
          ev(chunk({ content: 'hi ' }, i === tokens - 1 ? 'stop' : null));
          i++;
          setTimeout(next, opts.tokenGapMs ?? 5);
          return;
        }
        ev({
          id: 'c1',
          object: 'chat.completion.chunk',
          model: 'fixture-model',
          choices: [],
          usage: { prompt_tokens: 3, completion_tokens: tokens, total_tokens: tokens + 3 },
        });
        out.end('data: [DONE]\n\n');
      };
      setTimeout(next, opts.firstTokenMs ?? 50);
    });
  };
}

/** Listens on 127.0.0.1 at a free port; returns the port. */
export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes a server and every connection it still holds. */
export function close(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
