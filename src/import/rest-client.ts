// REST Client `.http` / `.rest` file (the VS Code extension's format) → scenario: every request,
// `@name = value` file variables as `variables:`, `{{$processEnv X}}` as `${env:X}`.
import { buildScenario, escapeRefs, type CapturedRequest, type ImportResult } from './common';

/** One request as written in the file, with the line its request line is on (0-based). */
export interface HttpFileRequest {
  name?: string;
  line: number;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string;
}

/** What a `.http` file holds: its file variables and its requests. */
export interface HttpFile {
  variables: Record<string, string>;
  requests: HttpFileRequest[];
  warnings: string[];
}

const METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\s+(.+?)(?:\s+HTTP\/[\d.]+)?\s*$/i;

/** `{{…}}` → scenario references; what has no equivalent is kept and reported. */
export function restClientTemplates(s: string, warnings: string[]): string {
  return escapeRefs(s).replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, expr: string) => {
    const env = /^\$(processEnv|dotenv)\s+%?([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (env) return `\${${env[1] === 'dotenv' ? 'dotenv' : 'env'}:${env[2]}}`;
    if (expr === '$guid' || expr === '$uuid') return '${uuid}';
    if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(expr) && !expr.includes('.response.') && !expr.includes('.request.'))
      return `\${var:${expr}}`;
    warnings.push(
      `{{${expr}}} has no equivalent in a scenario (request variables and system variables other than $processEnv, $dotenv and $guid); kept as written.`,
    );
    return whole;
  });
}

/** Reads a `.http` file: requests are separated by `###` lines; comments start with `#` or `//`. */
export function parseHttpFile(source: string): HttpFile {
  const warnings: string[] = [];
  const variables: Record<string, string> = {};
  const requests: HttpFileRequest[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    // One block: up to the next `###`.
    let j = i;
    while (j < lines.length && !(j > i && /^###/.test(lines[j]))) j++;
    const block = lines.slice(lines[i]?.startsWith('###') ? i + 1 : i, j);
    const offset = lines[i]?.startsWith('###') ? i + 1 : i;
    readBlock(block, offset, variables, requests, warnings);
    i = j;
  }
  return { variables, requests, warnings };
}

function readBlock(
  block: string[],
  offset: number,
  variables: Record<string, string>,
  requests: HttpFileRequest[],
  warnings: string[],
): void {
  let k = 0;
  let name: string | undefined;
  for (; k < block.length; k++) {
    const line = block[k].trim();
    const named = /^(?:#|\/\/)\s*@name\s+(\S+)/.exec(line);
    if (named) {
      name = named[1];
      continue;
    }
    const v = /^@([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (v) {
      variables[v[1]] = restClientTemplates(v[2].trim(), warnings);
      continue;
    }
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    break;
  }
  if (k >= block.length) return;
  const first = block[k].trim();
  const m = METHODS.exec(first);
  const method = m ? m[1].toUpperCase() : 'GET';
  let url = (m ? m[2] : first.replace(/\s+HTTP\/[\d.]+\s*$/, '')).trim();
  const line = offset + k;
  k++;
  // Query continuation lines (`?a=1`, `&b=2`) right after the request line.
  while (k < block.length && /^\s*[?&]/.test(block[k])) url += block[k++].trim();
  const headers: Array<[string, string]> = [];
  for (; k < block.length && block[k].trim() !== ''; k++) {
    const h = /^\s*([^:\s]+)\s*:\s*(.*)$/.exec(block[k]);
    if (h) headers.push([h[1], restClientTemplates(h[2].trim(), warnings)]);
    else if (!/^\s*(#|\/\/)/.test(block[k]))
      warnings.push(`line ${offset + k + 1}: '${block[k].trim()}' is not a header; ignored.`);
  }
  const bodyLines = block.slice(k + 1);
  while (
    bodyLines.length &&
    (bodyLines[bodyLines.length - 1].trim() === '' || /^\s*(#|\/\/)/.test(bodyLines[bodyLines.length - 1]))
  )
    bodyLines.pop();
  let body: string | undefined = bodyLines.length ? bodyLines.join('\n') : undefined;
  if (body && /^\s*<@?\s/.test(body)) {
    warnings.push(
      `line ${line + 1}: a body read from a file (${body.trim()}) was not carried over; paste it into the request's body.`,
    );
    body = undefined;
  }
  requests.push({
    name,
    line,
    method,
    url: restClientTemplates(url, warnings),
    headers,
    body: body !== undefined ? restClientTemplates(body, warnings) : undefined,
  });
}

/** Converts a `.http` file's text into a scenario file's text; `only` keeps just the request on that line (the CodeLens). */
export function importRestClient(
  source: string,
  name = 'Imported from a REST Client file',
  only?: number,
): ImportResult {
  const file = parseHttpFile(source);
  const chosen = only === undefined ? file.requests : file.requests.filter((r) => r.line === only);
  if (chosen.length === 0)
    throw new Error(
      only === undefined
        ? 'no request found: expected lines such as `POST https://gw.example.com/v1/chat/completions`'
        : `no request on line ${only + 1}`,
    );
  // A URL whose origin is a variable: keep the variable as the base URL, so the file's switch of hosts still works.
  const captured: CapturedRequest[] = chosen.map((r) => ({
    name: r.name,
    method: r.method,
    url: r.url,
    headers: r.headers,
    body: r.body,
  }));
  return buildScenario(captured, {
    name,
    from: 'a REST Client file',
    group: false,
    variables: file.variables,
    warnings: file.warnings,
  });
}
