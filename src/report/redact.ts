// Scenario files keep secrets as `${secret:…}` references, but a user may still paste a literal
// key into a header or a URL. Anything written into a report goes through here first.
import type { Scenario } from '../scenario/model';
import { parseTemplate } from '../scenario/template';

/** Header or variable names whose values are credentials. */
const SECRET_NAME = /authorization|api[-_]?key|token|secret|password|passwd|cookie|credential|session|signature/i;

/** What replaces a redacted literal. */
export const REDACTED = '[redacted]';

/** True when a header or variable name says its value is a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Keeps `${…}` references (they name a secret, they are not one) and an auth scheme word
 * (`Bearer `), and replaces every other literal text.
 */
export function redactValue(value: string): string {
  const { parts } = parseTemplate(value);
  return parts.map((p, i) => {
    if (p.kind === 'ref') return value.slice(p.start, p.end);
    const scheme = i === 0 ? /^(Bearer|Basic|Token|ApiKey|Key)\s+/i.exec(p.text)?.[0] ?? '' : '';
    return scheme.length === p.text.length ? scheme : scheme + REDACTED;
  }).join('') || REDACTED;
}

function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k] = isSecretName(k) ? redactValue(v) : v;
  return out;
}

/** Drops a password from `https://user:pass@host`; a URL that is a template stays as is. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/i, (_m, scheme: string, userinfo: string) => {
    const user = userinfo.split(':')[0];
    return `${scheme}${userinfo.includes(':') ? `${user}:${REDACTED}` : REDACTED}@`;
  });
}

/** A deep copy of the scenario with credentials redacted, fit to print in a report. */
export function redactScenario(scenario: Scenario): Scenario {
  const copy = JSON.parse(JSON.stringify(scenario)) as Scenario;
  if (copy.target) {
    copy.target.baseUrl = redactUrl(copy.target.baseUrl ?? '');
    copy.target.headers = redactHeaders(copy.target.headers);
    copy.target.apiKeys = (copy.target.apiKeys ?? []).map(redactValue);
  }
  for (const r of copy.requests ?? []) {
    r.headers = redactHeaders(r.headers);
    if (typeof r.path === 'string') r.path = r.path.replace(/([?&](?:api[-_]?key|key|token|access_token)=)[^&]*/gi, `$1${REDACTED}`);
  }
  if (copy.variables) {
    for (const k of Object.keys(copy.variables)) if (isSecretName(k)) copy.variables[k] = redactValue(copy.variables[k]);
  }
  return copy;
}
