// The run's HTTP client from `target:` and the host's options: TLS files read once, the proxy
// chosen (scenario, editor setting, environment), limits and HTTP/2 passed down.
import type { RunOptions } from '../protocol';
import type { TargetSpec } from '../scenario/model';
import { HttpClient } from './http-client';
import { proxyFor } from './proxy';
import { tlsOptions } from './tls-options';

/** Builds the client; `warn` hears what the summary must warn about. Throws when a TLS file is unreadable. */
export function createClient(
  target: TargetSpec,
  origin: string,
  connections: number,
  opt: RunOptions,
  warn: (m: string) => void,
): HttpClient {
  const tls = tlsOptions(target.tls);
  for (const w of tls.warnings) warn(w);
  const proxy = proxyFor(origin, target.proxy, process.env, opt.proxy);
  const client = new HttpClient(origin, {
    connections,
    pipelining: target.pipelining,
    timeoutMs: target.timeoutMs,
    tls: tls.options,
    proxy,
    proxyStrictSSL: opt.proxy?.strictSSL,
    http2: target.http2,
    maxRedirects: target.maxRedirects,
    maxBodyBytes: target.maxBodyBytes,
  });
  if (proxy) client.proxied = redactUrl(proxy);
  return client;
}

/** A proxy URL without its credentials, fit for the summary. */
function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'a proxy';
  }
}
