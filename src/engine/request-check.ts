// What undici would refuse in a filled request, found before it reaches undici: a refused
// request fails synchronously inside the pool and marks a connection as needing a drain that
// never comes, so after `maxConnections` of them the pool stops sending altogether.

/** Controls (CR, LF, NUL…) and characters beyond Latin-1, which undici refuses in header values. */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** undici's own test for paths: spaces, controls and characters beyond Latin-1. */
const BAD_PATH = /[^\u0021-\u00ff]/;

/** Why undici would refuse this request, or null. `headers` is `[name, value, …]`. */
export function refusal(path: string, headers: readonly string[]): string | null {
  if (path[0] !== '/') return `invalid request path '${path.slice(0, 80)}': it must start with '/'`;
  if (BAD_PATH.test(path))
    return `invalid request path: it holds a character HTTP does not allow (${describe(path, BAD_PATH)})`;
  for (let i = 1; i < headers.length; i += 2) {
    if (BAD_HEADER_VALUE.test(headers[i]))
      return `invalid value of header ${headers[i - 1]}: it holds ${describe(headers[i], BAD_HEADER_VALUE)}`;
  }
  return null;
}

function describe(s: string, re: RegExp): string {
  const ch = re.exec(s)?.[0] ?? '';
  if (ch === '\r') return 'a carriage return (CR)';
  if (ch === '\n') return 'a line feed (LF)';
  return `U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
}
