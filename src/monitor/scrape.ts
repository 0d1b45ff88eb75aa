// One GET of a metrics endpoint, bounded in time and size. Host side, off the engine's thread.
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';

/** Exposition bodies past this are refused: a metrics page is kilobytes, rarely a few megabytes. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Fetches `url` as text; rejects with a reason a user can act on. */
export function scrapeText(url: string, headers: Record<string, string>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new Error(`not a URL: ${url}`));
      return;
    }
    const get = u.protocol === 'https:' ? httpsGet : httpGet;
    const req = get(
      u,
      { headers: { accept: 'text/plain;version=0.0.4', ...headers }, timeout: timeoutMs },
      (res: IncomingMessage) => {
        if ((res.statusCode ?? 0) >= 300) {
          res.resume();
          reject(new Error(`HTTP ${res.statusCode ?? '?'}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy(new Error(`body over ${MAX_BODY_BYTES} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code ? `${err.code}: ${err.message}` : err.message)),
    );
  });
}
