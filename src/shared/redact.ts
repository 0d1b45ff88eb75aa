// The one redactor. Secrets never reach a file or a log, by two rules applied together:
// - by value: every secret, env and .env value the run was given is replaced wherever it appears;
// - by name: a header or variable named like a credential (Authorization, x-api-key, api-key,
//   anthropic-api-key, proxy-authorization, anything with key, token or secret in its name) loses
//   its literal text, since a user may paste a literal key into a scenario instead of `${secret:…}`.
// The run controller, reports, baselines, the dry-run output and the run log all redact here.
import type { Scenario } from '../scenario/model';
import { parseTemplate } from '../scenario/references';
import { makeValueRedactor, type RedactorOptions, type ValueRedactor } from './redact-values';

export { MIN_REDACT_LENGTH, type RedactorOptions } from './redact-values';

/** Header or variable names whose values are credentials (`Authorization`, `Proxy-Authorization`, any `*key*`, `*token*`, `*secret*`, …). */
const SECRET_NAME = /authorization|key|token|secret|password|passwd|cookie|credential|session|signature/i;
/** Rate-limit headers mention tokens but carry counts, which is what a 429 sample is for. */
const RATE_LIMIT_NAME = /^(x-|anthropic-)?ratelimit-/i;

/** What replaces a redacted literal. */
export const REDACTED = '[redacted]';

/** True when a header or variable name says its value is a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !RATE_LIMIT_NAME.test(name);
}

/**
 * Keeps `${…}` references (they name a secret, they are not one) and an auth scheme word
 * (`Bearer `), and replaces every other literal text.
 */
export function redactValue(value: string): string {
  const { parts } = parseTemplate(value);
  return (
    parts
      .map((p, i) => {
        if (p.kind === 'ref') return value.slice(p.start, p.end);
        const scheme = i === 0 ? (/^(Bearer|Basic|Token|ApiKey|Key)\s+/i.exec(p.text)?.[0] ?? '') : '';
        return scheme.length === p.text.length ? scheme : scheme + REDACTED;
      })
      .join('') || REDACTED
  );
}

/** Headers with the values of credential-named ones redacted (references and the auth scheme kept). */
export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> {
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
    if (typeof r.path === 'string')
      r.path = r.path.replace(/([?&](?:api[-_]?key|key|token|access_token)=)[^&]*/gi, `$1${REDACTED}`);
  }
  if (copy.variables) {
    for (const k of Object.keys(copy.variables))
      if (isSecretName(k)) copy.variables[k] = redactValue(copy.variables[k]);
  }
  return copy;
}

/** Both rules at once: by value everywhere, and by name for headers and scenarios. */
export interface Redactor extends ValueRedactor {
  /** Credential-named headers by name, then every string by value. */
  headers(h: Record<string, string>): Record<string, string>;
  /** A scenario fit to write: credentials by name (redactScenario), then every string by value. */
  scenario(s: Scenario): Scenario;
}

/** The redactor for the values of the given maps (secrets, env, .env), with the by-name rules. */
export function makeRedactor(sources: Array<Record<string, string>>, opts: RedactorOptions = {}): Redactor {
  const { text, deep } = makeValueRedactor(sources, opts);
  return {
    text,
    deep,
    headers: (h) =>
      Object.fromEntries(
        Object.entries(h).map(([k, v]) => [text(k), isSecretName(k) ? redactValue(text(v)) : text(v)]),
      ),
    scenario: (s) => deep(redactScenario(s)),
  };
}
