// Failure reasons (summary.errorSamples) and status counts as the reports and the CLI print
// them: one wording everywhere, so a reason reads the same in a terminal, a PR comment and CI.
import type { ErrorSample, Summary } from '../protocol';

/** The most frequent reasons first; at most `n`. */
export function topReasons(s: Summary, n = 5): ErrorSample[] {
  return [...(s.errorSamples ?? [])].sort((a, b) => b.count - a.count).slice(0, n);
}

/** `http_5xx 500`, `connection ECONNREFUSED`, `timeout`. */
export function reasonWhere(e: ErrorSample): string {
  return [e.class, e.status === null ? null : String(e.status), e.code].filter(Boolean).join(' ');
}

/** One line: where, the message, and how often. */
export function reasonLine(e: ErrorSample, sent: number): string {
  return `${reasonWhere(e)}: ${oneLine(e.message)} ×${e.count}${sent ? ` (${((100 * e.count) / sent).toFixed(1)}%)` : ''}`;
}

/** `200 ×381 · 429 ×29 · 500 ×9`, in status order; empty without answers. */
export function statusCodesLine(s: Summary): string {
  return Object.entries(s.statusCodes ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([k, n]) => `${k} ×${n}`)
    .join(' · ');
}

/** Body text on one line, shortened for a table cell. */
export function bodyPreview(body: string | null, max = 160): string {
  if (!body) return '';
  const t = oneLine(body);
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Seconds into the run, as `12.3 s`. */
export function atSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
