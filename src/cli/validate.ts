// `gateway-load validate <files…> [--format text|json]`: prints each file's problems.
// Text lines are `file:line:col: severity: message` (1-based, clickable in terminals); JSON keeps
// 0-based ranges as editors count. Exit 0 without errors, 1 with any error, 2 on usage errors.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenario } from '../scenario/index';
import type { Diagnostic } from '../scenario/model';
import { formatDiagnostic } from './format-diagnostic';
import { fileHead } from '../shared/file-head';

const USAGE = 'usage: gateway-load validate <files…> [--format text|json]';

interface Found {
  file: string;
  diagnostic: Diagnostic;
}

/** The validate command's arguments, parsed without side effects. */
export function parseValidateArgs(argv: string[]): { format: string; files: string[]; help?: boolean; error?: string } {
  let format = 'text';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { format, files, help: true };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') return { format, files, error: '--format must be text or json' };
      format = v;
    } else if (a.startsWith('-') && a !== '-') {
      return { format, files, error: `unknown option '${a}'` };
    } else files.push(a);
  }
  if (files.length === 0) return { format, files, error: 'no files given' };
  return { format, files };
}

/** A usage error in the arguments, or undefined when they are accepted. */
export function parse(argv: string[]): string | undefined {
  return parseValidateArgs(argv).error;
}

export async function main(argv: string[]): Promise<number> {
  const { format, files, help, error } = parseValidateArgs(argv);
  if (help) {
    console.log(USAGE);
    return 0;
  }
  if (error !== undefined) {
    console.error(`gateway-load validate: ${error}\n${USAGE}`);
    return 2;
  }

  const found: Found[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      found.push({
        file,
        diagnostic: {
          severity: 'error',
          code: 'unreadable',
          message: `cannot read file${code ? ` (${code})` : ''}`,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      });
      continue;
    }
    const result = parseScenario(text, { file: resolve(file), fileExists: (p) => existsSync(p), readHead: fileHead });
    for (const d of result.diagnostics) found.push({ file, diagnostic: d });
  }

  if (format === 'json') {
    const out = found.map(({ file, diagnostic: d }) => ({
      file,
      severity: d.severity,
      message: d.message,
      range: d.range,
      ...(d.code ? { code: d.code } : {}),
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    for (const { file, diagnostic: d } of found) {
      process.stdout.write(`${formatDiagnostic(file, d)}\n`);
    }
    const errors = found.filter((f) => f.diagnostic.severity === 'error').length;
    const warnings = found.filter((f) => f.diagnostic.severity === 'warning').length;
    process.stderr.write(
      `${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
    );
  }
  return found.some((f) => f.diagnostic.severity === 'error') ? 1 : 0;
}
