// `gateway-load export <file> --to artillery|k6 [-o FILE]`: writes the script (and its prompt
// sidecars) and prints, as warnings, everything the target tool cannot express.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseScenario } from '../scenario';
import { defaultExportPath, EXPORT_TARGETS, exportScenario, type ExportTarget } from '../export';
import { formatDiagnostic } from './format-diagnostic';

const USAGE = 'usage: gateway-load export <file.load.yaml> --to artillery|k6 [-o FILE]';

const OPTIONS = {
  to: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The export command's arguments, parsed without side effects. */
function parseExportArgs(argv: string[]): {
  to: ExportTarget;
  out?: string;
  positionals: string[];
  help?: boolean;
  error?: string;
} {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    return { to: 'artillery', positionals: [], error: (err as Error).message };
  }
  const { values, positionals } = parsed;
  const to = values.to as ExportTarget;
  if (values.help) return { to, positionals, help: true };
  if (positionals.length !== 1 || !to || !EXPORT_TARGETS.includes(to)) {
    return {
      to,
      positionals,
      error:
        positionals.length !== 1
          ? 'give exactly one scenario file'
          : `--to must be one of ${EXPORT_TARGETS.join(', ')}`,
    };
  }
  return { to, out: values.out, positionals };
}

/** A usage error in the arguments, or undefined when they are accepted. */
export function parse(argv: string[]): string | undefined {
  return parseExportArgs(argv).error;
}

export async function main(argv: string[]): Promise<number> {
  const { to, out, positionals, help, error } = parseExportArgs(argv);
  if (help) {
    console.log(USAGE);
    return 0;
  }
  if (error !== undefined) {
    console.error(`gateway-load export: ${error}\n${USAGE}`);
    return 2;
  }
  const file = resolve(positionals[0]);
  if (!existsSync(file)) {
    console.error(`gateway-load export: ${positionals[0]}: no such file`);
    return 2;
  }
  const result = parseScenario(readFileSync(file, 'utf8'), { file, fileExists: existsSync });
  if (!result.scenario) {
    for (const d of result.diagnostics) console.error(formatDiagnostic(positionals[0], d));
    return 2;
  }
  const outFile = resolve(out ?? defaultExportPath(file, to));
  const exported = exportScenario(result.scenario, to, outFile);
  for (const f of exported.files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content);
    console.log(`wrote ${f.path}`);
  }
  for (const w of exported.warnings) console.error(`warning: ${w}`);
  for (const v of exported.envVars) console.error(`set ${v.name}: ${v.from}`);
  return 0;
}
