// An exported script is committed and shared: a key pasted into a credential-named header (or
// given with `--set`) must not be copied into it. Such literals become `${secret:…}` references,
// which the exporters already turn into environment lookups.
import type { Scenario } from '../scenario/model';
import { parseTemplate } from '../scenario/references';
import { isSecretName } from '../shared/redact';

/** Shorter literal text is not taken for a key (`Bearer` alone, `none`, `json`). */
const MIN_KEY_LENGTH = 8;

/** The scenario with literal credentials replaced by secret references, and what was replaced. */
export function withoutLiteralCredentials(scenario: Scenario): { scenario: Scenario; warnings: string[] } {
  const warnings: string[] = [];
  const copy = structuredClone(scenario);
  const rewrite = (where: string, secretName: string, value: string): string => {
    let changed = false;
    const out = parseTemplate(value)
      .parts.map((p) => {
        if (p.kind === 'ref') return value.slice(p.start, p.end);
        const m = /^(\s*(?:Bearer|Basic|Token|ApiKey|Key)\s+)?([\s\S]*)$/i.exec(p.text)!;
        if (m[2].trim().length < MIN_KEY_LENGTH) return p.text.split('${').join('$${');
        changed = true;
        return `${m[1] ?? ''}\${secret:${secretName}}`;
      })
      .join('');
    if (changed)
      warnings.push(
        `${where} held a literal credential: the export reads it from the environment (secret '${secretName}') instead of copying it.`,
      );
    return out;
  };
  const headers = (where: string, prefix: string, h: Record<string, string>) => {
    for (const [k, v] of Object.entries(h))
      if (isSecretName(k)) h[k] = rewrite(`${where}.${k}`, `${prefix}${k.toLowerCase()}`, v);
  };
  headers('target.headers', '', copy.target.headers);
  copy.target.apiKeys = copy.target.apiKeys.map((k, i) => rewrite(`target.apiKeys[${i}]`, `api-key-${i + 1}`, k));
  copy.requests.forEach((r, i) => headers(`requests[${i}].headers`, `request-${i + 1}-`, r.headers));
  return { scenario: copy, warnings };
}
