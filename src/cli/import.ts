// `gateway-load import <FILE|-> [-o FILE] [--name NAME] [--format F]`: a HAR recording, a REST
// Client `.http` file, curl commands (a file, or stdin with `-`), a Postman collection or an
// Artillery script as a scenario file. What could not be carried over is printed as warnings.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, detectFormat, importText, type ImportFormat } from '../import';
import { parseScenario } from '../scenario';
import { formatDiagnostic } from './format-diagnostic';

const USAGE = `usage: gateway-load import <FILE|-> [-o FILE.load.yaml] [--name NAME] [--format ${IMPORT_FORMATS.join('|')}]
  FILE: a .har recording, a REST Client .http/.rest file, curl commands (- reads stdin),
        a Postman collection (v2.1 .json) or an Artillery script (.yml)`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  name: { type: 'string' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The import command's arguments, parsed without side effects. */
function parseImportArgs(argv: string[]): {
  values: { out?: string; name?: string; format?: string };
  positionals: string[];
  help?: boolean;
  error?: string;
} {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    return { values: {}, positionals: [], error: (err as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { values, positionals, help: true };
  if (positionals.length !== 1) return { values, positionals, error: 'give exactly one file (or - for stdin)' };
  if (values.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(values.format)) {
    return { values, positionals, error: `unknown format '${values.format}': use ${IMPORT_FORMATS.join(', ')}` };
  }
  return { values, positionals };
}

/** A usage error in the arguments, or undefined when they are accepted. */
export function parse(argv: string[]): string | undefined {
  return parseImportArgs(argv).error;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals, help, error } = parseImportArgs(argv);
  if (help) {
    console.log(USAGE);
    return 0;
  }
  if (error !== undefined) {
    console.error(`gateway-load import: ${error}\n${USAGE}`);
    return 2;
  }
  const stdin = positionals[0] === '-';
  const source = stdin ? '-' : resolve(positionals[0]);
  if (!stdin && !existsSync(source)) {
    console.error(`gateway-load import: ${positionals[0]}: no such file`);
    return 2;
  }
  const text = readFileSync(stdin ? 0 : source, 'utf8');
  const format =
    (values.format as ImportFormat | undefined) ??
    (stdin ? (detectFormat('', text) ?? 'curl') : detectFormat(source, text));
  if (!format) {
    console.error(
      `gateway-load import: ${positionals[0]}: cannot tell its format; give --format ${IMPORT_FORMATS.join('|')}`,
    );
    return 2;
  }
  const stem = stdin
    ? 'imported'
    : basename(source).replace(/(\.postman_collection)?\.(artillery\.)?(ya?ml|har|http|rest|json|sh|curl|txt)$/i, '');
  const out = resolve(values.out ?? (stdin ? `${stem}.load.yaml` : join(dirname(source), `${stem}.load.yaml`)));
  let result;
  try {
    result = importText(format, text, values.name ?? (format === 'postman' ? undefined : stem));
  } catch (err) {
    console.error(`gateway-load import: ${positionals[0]}: ${(err as Error).message}`);
    return 1;
  }
  writeFileSync(out, result.text);
  console.log(`wrote ${out} (from ${format})`);
  for (const w of result.warnings) console.error(`warning: ${w}`);
  // The import is only useful if it validates: say so now rather than at the first run.
  const check = parseScenario(result.text, { file: out, fileExists: existsSync });
  for (const d of check.diagnostics) console.error(formatDiagnostic(out, d));
  return check.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
