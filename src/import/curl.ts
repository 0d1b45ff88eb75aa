// curl command lines (copied from a gateway's docs, or "Copy as cURL") → scenario: one request per
// command; -X, -H, -d/--data-raw/--data-binary, --json and -u are understood, shell variables
// (`$OPENAI_API_KEY`) become `${env:…}`.
import { buildScenario, type CapturedRequest, type ImportResult } from './common';

/** A shell word and whether shell variables in it expand (not in single quotes). */
type Piece = { text: string; expand: boolean };

/** Splits one command line into words the way a POSIX shell quotes them (no globbing, no substitution). */
export function shellWords(line: string): Piece[][] {
  const words: Piece[][] = [];
  let word: Piece[] | undefined;
  const add = (text: string, expand: boolean) => {
    (word ??= []).push({ text, expand });
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (word) {
        words.push(word);
        word = undefined;
      }
      i++;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      add(line.slice(i + 1, end < 0 ? line.length : end), false);
      i = end < 0 ? line.length : end + 1;
    } else if (c === '$' && line[i + 1] === "'") {
      let s = '';
      i += 2;
      while (i < line.length && line[i] !== "'") {
        if (line[i] === '\\' && i + 1 < line.length) {
          const n = line[i + 1];
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          i += 2;
        } else s += line[i++];
      }
      add(s, false);
      i++;
    } else if (c === '"') {
      let s = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) {
          s += line[i + 1];
          i += 2;
        } else s += line[i++];
      }
      add(s, true);
      i++;
    } else if (c === '\\' && i + 1 < line.length) {
      add(line[i + 1], false);
      i += 2;
    } else {
      let s = '';
      while (i < line.length && !/[\s'"\\]/.test(line[i]) && !(line[i] === '$' && line[i + 1] === "'")) s += line[i++];
      add(s, true);
    }
  }
  if (word) words.push(word);
  return words;
}

/** `$NAME` and `${NAME}` in expanding parts → `${env:NAME}`; a literal `${` is escaped as `$${`. */
function wordText(pieces: Piece[]): string {
  return pieces
    .map((p) => {
      const escaped = p.text.replace(/\$\{(?![A-Za-z_][A-Za-z0-9_]*\})/g, () => '$${');
      if (!p.expand) return p.text.replace(/\$\{/g, () => '$${');
      return escaped.replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
        (_, a: string | undefined, b: string | undefined) => `\${env:${a ?? b}}`,
      );
    })
    .join('');
}

/**
 * Commands in a text, one per logical line: a backslash before a newline joins lines, quotes may
 * span lines (a JSON body), `#` starts a comment line. Each command starts with `curl`.
 */
export function curlCommands(source: string): string[] {
  const lines: string[] = [];
  let line = '';
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote === undefined && line.trim() === '' && c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      line = '';
      continue;
    }
    if (c === '\\' && quote !== "'") {
      const next = source[i + 1];
      if (next === '\n' || (next === '\r' && source[i + 2] === '\n')) {
        line += ' ';
        i += next === '\r' ? 2 : 1;
        continue;
      }
      line += c + (next ?? '');
      i++;
      continue;
    }
    if (quote === undefined && (c === "'" || c === '"')) quote = c;
    else if (quote === c) quote = undefined;
    if (c === '\n' && quote === undefined) {
      lines.push(line);
      line = '';
      continue;
    }
    line += c;
  }
  lines.push(line);
  return lines
    .map((l) => l.trim())
    .filter((l) => /^(\$\s*)?curl(\.exe)?\s/.test(l))
    .map((l) => l.replace(/^\$\s*/, ''));
}

const IGNORED = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-i',
  '--include',
  '-v',
  '--verbose',
  '-L',
  '--location',
  '-k',
  '--insecure',
  '--compressed',
  '-N',
  '--no-buffer',
  '-f',
  '--fail',
  '-sS',
  '-sSL',
  '-fsSL',
  '-g',
  '--globoff',
]);
const WITH_VALUE_IGNORED = new Set([
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--retry',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-b',
  '--cookie',
]);

/** One curl command → a captured request. */
export function parseCurl(command: string, warnings: string[], index = 0): CapturedRequest | undefined {
  const words = shellWords(command).map(wordText);
  if (!/^curl(\.exe)?$/.test(words[0] ?? '')) return undefined;
  const where = `curl command ${index + 1}`;
  let method: string | undefined;
  let url: string | undefined;
  const headers: Array<[string, string]> = [];
  const data: string[] = [];
  let json = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const long = /^(--[a-z-]+)=(.*)$/s.exec(w);
    const flag = long
      ? long[1]
      : /^-[A-Za-z]$/.test(w.slice(0, 2)) && w.length > 2 && !w.startsWith('--') && !IGNORED.has(w)
        ? w.slice(0, 2)
        : w;
    const inline = long ? long[2] : flag !== w ? w.slice(2) : undefined;
    const value = (): string => inline ?? words[++i] ?? '';
    switch (flag) {
      case '-X':
      case '--request':
        method = value().toUpperCase();
        break;
      case '-H':
      case '--header': {
        const h = value();
        const colon = h.indexOf(':');
        if (colon > 0) headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
        else warnings.push(`${where}: header '${h}' has no value; ignored.`);
        break;
      }
      case '-d':
      case '--data':
      case '--data-raw':
      case '--data-binary':
      case '--data-ascii': {
        const d = value();
        if (d.startsWith('@') && flag !== '--data-raw')
          warnings.push(
            `${where}: a body read from a file (${d}) was not carried over; paste it into the request's body.`,
          );
        else data.push(d);
        break;
      }
      case '--json':
        json = true;
        data.push(value());
        break;
      case '-u':
      case '--user': {
        // The credentials themselves never reach the file: the common step turns this into a secret reference.
        value();
        headers.push(['Authorization', 'Basic <credentials>']);
        warnings.push(`${where}: -u credentials: store base64("user:password") as the secret gateway-key.`);
        break;
      }
      case '--url':
        url = value();
        break;
      default:
        if (IGNORED.has(w)) break;
        if (WITH_VALUE_IGNORED.has(flag)) {
          value();
          warnings.push(`${where}: ${flag} was ignored.`);
          break;
        }
        if (w.startsWith('-')) {
          warnings.push(`${where}: option ${w} was ignored.`);
          break;
        }
        url ??= w;
    }
  }
  if (!url) {
    warnings.push(`${where}: no URL; skipped.`);
    return undefined;
  }
  if (!/^[a-z]+:\/\//i.test(url) && !url.startsWith('${')) url = `http://${url}`;
  if (json) {
    if (!headers.some(([n]) => /^content-type$/i.test(n))) headers.push(['Content-Type', 'application/json']);
    if (!headers.some(([n]) => /^accept$/i.test(n))) headers.push(['Accept', 'application/json']);
  }
  const body = data.length ? data.join('&') : undefined;
  return { method: method ?? (body !== undefined ? 'POST' : 'GET'), url, headers, body };
}

/** Converts a text of curl commands into a scenario file's text. */
export function importCurl(source: string, name = 'Imported from curl'): ImportResult {
  const warnings: string[] = [];
  const captured = curlCommands(source)
    .map((c, i) => parseCurl(c, warnings, i))
    .filter((c): c is CapturedRequest => c !== undefined);
  if (captured.length === 0) throw new Error('no curl command found: expected lines starting with `curl`');
  return buildScenario(captured, { name, from: 'curl commands', group: false, warnings });
}
