// Which of a run's values the redactor (src/shared/redact.ts) must hide: every text written by
// the host side of a run passes through a redactor built from these.

import type { Scenario } from '../scenario/model';
import { parseTemplate } from '../scenario/references';
import { referencedNames } from './run-inputs';
import { isSecretName } from '../shared/redact';

/**
 * The values a run must hide: every secret, and every env/.env value except those referenced
 * only by `target.baseUrl`. Where the load goes is what a user must see (dry runs, logs); a
 * URL that also appears in a header or body is hidden like any other value.
 */
export function redactionSources(
  scenario: Scenario,
  values: { secrets: Record<string, string>; env: Record<string, string>; dotenv: Record<string, string> },
): Array<Record<string, string>> {
  const inBaseUrl = new Set(
    parseTemplate(scenario.target.baseUrl).parts.flatMap((p) =>
      p.kind === 'ref' && p.name ? [`${p.ref}:${p.name}`] : [],
    ),
  );
  const elsewhere = referencedNames({ ...scenario, target: { ...scenario.target, baseUrl: '' } });
  const hidden = (kind: 'env' | 'dotenv', map: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(map).filter(([name]) => !inBaseUrl.has(`${kind}:${name}`) || elsewhere[kind].includes(name)),
    );
  return [values.secrets, hidden('env', values.env), hidden('dotenv', values.dotenv), credentialLiterals(scenario)];
}

/** Literal text shorter than this in a credential-named header is left alone: no key is that short, and words would be garbled everywhere. */
const MIN_LITERAL_CREDENTIAL = 8;

/**
 * The literal text of credential-named headers and API keys (a key pasted in, or given with
 * `--set target.headers.Authorization=…`): hidden by value like a secret, so it reaches no file.
 */
export function credentialLiterals(scenario: Scenario): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (where: string, value: string) => {
    for (const part of parseTemplate(value).parts) {
      if (part.kind !== 'text') continue;
      const text = part.text.replace(/^\s*(Bearer|Basic|Token|ApiKey|Key)\s+/i, '').trim();
      if (text.length >= MIN_LITERAL_CREDENTIAL) out[`${where}#${Object.keys(out).length}`] = text;
    }
  };
  const headers = (where: string, h: Record<string, string> | undefined) => {
    for (const [k, v] of Object.entries(h ?? {})) if (isSecretName(k) && typeof v === 'string') add(`${where}.${k}`, v);
  };
  headers('target.headers', scenario.target?.headers);
  (scenario.target?.apiKeys ?? []).forEach((k, i) => {
    if (typeof k === 'string') add(`target.apiKeys[${i}]`, k);
  });
  scenario.requests?.forEach((r, i) => headers(`requests[${i}].headers`, r.headers));
  for (const [k, v] of Object.entries(scenario.variables ?? {}))
    if (isSecretName(k) && typeof v === 'string') add(`variables.${k}`, v);
  return out;
}
