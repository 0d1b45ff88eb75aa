import type { Diagnostic } from '../scenario/model';

/** `file:line:col: severity: message`, 1-based, as compilers print and terminals make clickable. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}`;
}
