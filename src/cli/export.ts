// `gateway-load export <file> --to artillery|k6 [-o FILE]`: writes the script (and its prompt
// sidecars) and prints, as warnings, everything the target tool cannot express.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseScenario } from '../scenario';
import { defaultExportPath, EXPORT_TARGETS, exportScenario, type ExportTarget } from '../export';
import { formatDiagnostic } from './format-diagnostic';

const USAGE = 'usage: gateway-load export <file.load.yaml> --to artillery|k6 [-o FILE]';

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { to: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`gateway-load export: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  const to = values.to as ExportTarget | undefined;
  if (positionals.length !== 1 || !to || !EXPORT_TARGETS.includes(to)) {
    console.error(`gateway-load export: ${positionals.length !== 1 ? 'give exactly one scenario file' : `--to must be one of ${EXPORT_TARGETS.join(', ')}`}\n${USAGE}`);
    return 2;
  }
  const file = resolve(positionals[0]);
  if (!existsSync(file)) { console.error(`gateway-load export: ${positionals[0]}: no such file`); return 2; }
  const result = parseScenario(readFileSync(file, 'utf8'), { file, fileExists: existsSync });
  if (!result.scenario) {
    for (const d of result.diagnostics) console.error(formatDiagnostic(positionals[0], d));
    return 2;
  }
  const outFile = resolve(values.out ?? defaultExportPath(file, to));
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
