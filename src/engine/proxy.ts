// Which forward proxy carries requests to the target: `target.proxy`, the editor's `http.proxy`,
// or HTTPS_PROXY / HTTP_PROXY / NO_PROXY read as curl and undici's EnvHttpProxyAgent read them.

/**
 * The proxy URL for `origin`, or null for a direct connection. An explicit proxy wins; the
 * editor's proxy skips loopback hosts and its `http.noProxy` list; environment proxies skip
 * origins that NO_PROXY matches (`*`, host, `.suffix`, `host:port`).
 */
export function proxyFor(
  origin: string,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  editor?: { url?: string; noProxy?: string[] },
): string | null {
  if (explicit) return explicit;
  const url = new URL(origin);
  if (editor?.url) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
    return loopback || bypassed(url, (editor.noProxy ?? []).join(',')) ? null : editor.url;
  }
  const fromEnv =
    url.protocol === 'https:'
      ? (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY)
      : (env.http_proxy ?? env.HTTP_PROXY);
  if (!fromEnv) return null;
  return bypassed(url, env.no_proxy ?? env.NO_PROXY ?? '') ? null : fromEnv;
}

function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    // A bare IPv6 address (`::1`) has no port; a bracketed one (`[::1]:8080`) may.
    const bareV6 = !entry.includes('[') && entry.indexOf(':') !== entry.lastIndexOf(':');
    const m: Array<string | undefined> = bareV6
      ? [entry, entry, undefined]
      : (/^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^(.*?)(?::(\d+))?$/.exec(entry)!);
    const name = (m[1] ?? '').replace(/^\*?\./, '.');
    if (m[2] && m[2] !== port) continue;
    if (name.startsWith('.') ? host === name.slice(1) || host.endsWith(name) : host === name) return true;
  }
  return false;
}
