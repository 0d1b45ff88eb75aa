// Postman collection v2.1 → scenario: every request (folders flattened, their names kept as a
// prefix), collection variables as `variables:`, bearer/API-key/basic auth as secret references.
import { buildScenario, escapeRefs, type CapturedRequest, type ImportResult } from './common';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

function templates(s: string, warnings: string[]): string {
  return escapeRefs(s).replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, expr: string) => {
    if (expr === '$guid' || expr === '$randomUUID') return '${uuid}';
    if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(expr)) return `\${var:${expr}}`;
    warnings.push(`{{${expr}}}: Postman's dynamic variables other than $guid have no equivalent; kept as written.`);
    return whole;
  });
}

function urlOf(url: unknown): string {
  if (typeof url === 'string') return url;
  if (!isObj(url)) return '';
  if (typeof url.raw === 'string') return url.raw;
  const host = Array.isArray(url.host) ? url.host.map(str).join('.') : str(url.host);
  const path = Array.isArray(url.path) ? url.path.map(str).join('/') : str(url.path);
  const query = Array.isArray(url.query)
    ? url.query
        .filter(isObj)
        .filter((q) => !q.disabled)
        .map((q) => `${str(q.key)}=${str(q.value)}`)
        .join('&')
    : '';
  return `${url.protocol ? `${str(url.protocol)}://` : ''}${host}${path ? `/${path}` : ''}${query ? `?${query}` : ''}`;
}

/** The header an auth block stands for; the credential itself is replaced by a secret reference later. */
function authHeader(auth: unknown, warnings: string[], where: string): [string, string] | undefined {
  if (!isObj(auth) || auth.type === 'noauth') return undefined;
  const field = (k: string): string => {
    const list = auth[String(auth.type)];
    return Array.isArray(list) ? str(list.filter(isObj).find((e) => e.key === k)?.value) : '';
  };
  if (auth.type === 'bearer') return ['Authorization', `Bearer ${field('token') || '<token>'}`];
  if (auth.type === 'basic') return ['Authorization', 'Basic <credentials>'];
  if (auth.type === 'apikey' && field('in') !== 'query')
    return [field('key') || 'x-api-key', field('value') || '<key>'];
  warnings.push(`${where}: ${String(auth.type)} auth was not carried over.`);
  return undefined;
}

/** Converts a Postman collection (v2.1 or v2.0) into a scenario file's text. */
export function importPostman(source: string, name?: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (err) {
    throw new Error(`not a Postman collection: ${(err as Error).message}`);
  }
  if (!isObj(doc) || !isObj(doc.info) || !Array.isArray(doc.item))
    throw new Error('not a Postman collection: expected { "info": …, "item": [...] }');
  const warnings: string[] = [];
  if (!/v2\.[01]/.test(str(doc.info.schema)))
    warnings.push(`Schema ${str(doc.info.schema) || '(none)'}: read as v2.1.`);
  const captured: CapturedRequest[] = [];
  const walk = (items: unknown[], prefix: string, inherited: unknown): void => {
    for (const item of items) {
      if (!isObj(item)) continue;
      const label = `${prefix}${str(item.name)}`;
      const auth = item.auth ?? inherited;
      if (Array.isArray(item.item)) {
        walk(item.item, `${label} `, auth);
        continue;
      }
      const req = item.request;
      if (typeof req === 'string') {
        captured.push({ name: label, method: 'GET', url: templates(req, warnings), headers: [] });
        continue;
      }
      if (!isObj(req)) continue;
      const where = `request ${label}`;
      const headers = (Array.isArray(req.header) ? req.header : [])
        .filter(isObj)
        .filter((h) => !h.disabled)
        .map((h): [string, string] => [str(h.key), templates(str(h.value), warnings)]);
      const a = authHeader(req.auth ?? auth, warnings, where);
      if (a && !headers.some(([n]) => n.toLowerCase() === a[0].toLowerCase()))
        headers.push([a[0], templates(a[1], warnings)]);
      let body: string | undefined;
      if (isObj(req.body)) {
        if (req.body.mode === 'raw') body = templates(str(req.body.raw), warnings);
        else if (req.body.mode) warnings.push(`${where}: a ${str(req.body.mode)} body was not carried over.`);
      }
      if (item.event)
        warnings.push(`${where}: pre-request and test scripts were not carried over; write checks instead.`);
      captured.push({
        name: label,
        method: str(req.method) || 'GET',
        url: templates(urlOf(req.url), warnings),
        headers,
        body,
      });
    }
  };
  walk(doc.item, '', doc.auth);
  if (captured.length === 0) throw new Error('the collection holds no request');
  const variables: Record<string, string> = {};
  for (const v of Array.isArray(doc.variable) ? doc.variable : []) {
    if (isObj(v) && typeof v.key === 'string' && !v.disabled) variables[v.key] = templates(str(v.value), warnings);
  }
  if (doc.event) warnings.push('Collection scripts were not carried over.');
  return buildScenario(captured, {
    name: name ?? (str(doc.info.name) || 'Imported from Postman'),
    from: 'a Postman collection',
    group: false,
    variables,
    warnings,
  });
}
