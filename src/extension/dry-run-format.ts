// How a dry run's requests and answers read in the output channel, with credentials hidden.
// Pure: no `vscode`.

import type { SampleMessage } from '../protocol';
import { isSecretName, redactValue, REDACTED } from '../report/redact';

/** Replaces every known secret value, and credentials in headers named like one. */
export function redactText(text: string, secretValues: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is hidden whole.
  for (const v of [...secretValues].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(v).join(REDACTED);
  return out;
}

/** Header names that hold credentials; rate-limit headers mention tokens but are what a dry run is for. */
function isCredentialHeader(name: string): boolean {
  return isSecretName(name) && !/^(x-)?ratelimit-/i.test(name);
}

function headerLines(headers: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(headers).map(([k, v]) => `  ${k}: ${isCredentialHeader(k) ? redactValue(v) : redactText(v, secrets)}`);
}

function pretty(body: string, max = 4000): string {
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON (an SSE stream, plain text): shown as received.
  }
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
}

/** The block printed for one dry-run request and its answer. */
export function formatSample(sample: SampleMessage, index: number, secretValues: readonly string[]): string {
  const { request: q, response: r } = sample;
  const status = r.error ? `error: ${r.error}` : `HTTP ${r.status ?? '—'}`;
  const timing = `${Math.round(r.durationMs)} ms${r.ttftMs === null ? '' : ` · first token ${Math.round(r.ttftMs)} ms`}`;
  const lines = [
    `── #${index + 1} ${q.name} ─ ${status} · ${timing}`,
    `${q.method} ${redactText(q.url, secretValues)}`,
    ...headerLines(q.headers, secretValues),
    '',
    redactText(pretty(q.body), secretValues),
    '',
    `← ${status}`,
    ...headerLines(r.headers, secretValues),
    '',
    redactText(pretty(r.body), secretValues),
  ];
  if (r.checks.length > 0) {
    lines.push('', 'checks:', ...r.checks.map((c) => `  ${c.ok ? '✓' : '✗'} ${c.name}`));
  }
  return `${lines.join('\n')}\n`;
}
