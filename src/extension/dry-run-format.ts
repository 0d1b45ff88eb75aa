// How a dry run's requests and answers read in the output channel, with credentials hidden.
// Pure: no `vscode`.

import type { SampleMessage } from '../protocol';
import { isSecretName, makeRedactor, redactValue, REDACTED } from '../shared/redact';

/** Replaces every known secret value, and credentials in headers named like one. */
export function redactText(text: string, secretValues: readonly string[]): string {
  return makeRedactor([Object.fromEntries(secretValues.map((v, i) => [i, v]))], {
    marker: REDACTED,
    minLength: 4,
  }).text(text);
}

function headerLines(headers: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(headers).map(
    ([k, v]) => `  ${k}: ${isSecretName(k) ? redactValue(v) : redactText(v, secrets)}`,
  );
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
