// The checks every URL key of a scenario makes (target.baseUrl, target.direct, the proxy): an
// absolute http(s) URL, or, with `${…}` references, one whose literal start can still be one.

/** `url` parsed, when it is an absolute http: or https: URL; undefined otherwise. */
export function parseHttpUrl(url: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
}

/** A URL with `${…}` references is known only at run time: it may be http(s) if it starts with a reference or the scheme. */
export function mayBeHttpUrl(url: string): boolean {
  return url.startsWith('${') || /^https?:\/\//.test(url);
}
