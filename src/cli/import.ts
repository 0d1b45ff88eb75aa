// `gateway-load import <artillery.yml> [-o FILE] [--name NAME]`: an Artillery script as a scenario file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importArtillery } from '../export/import-artillery';
import { parseScenario } from '../scenario';
import { formatDiagnostic } from './format-diagnostic';

const USAGE = 'usage: gateway-load import <artillery.yml> [-o FILE.load.yaml] [--name NAME]';

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`gateway-load import: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  if (positionals.length !== 1) { console.error(`gateway-load import: give exactly one Artillery script\n${USAGE}`); return 2; }
  const source = resolve(positionals[0]);
  if (!existsSync(source)) { console.error(`gateway-load import: ${positionals[0]}: no such file`); return 2; }
  const stem = basename(source).replace(/\.(artillery\.)?ya?ml$/, '');
  const out = resolve(values.out ?? join(dirname(source), `${stem}.load.yaml`));
  let result;
  try {
    result = importArtillery(readFileSync(source, 'utf8'), values.name ?? stem);
  } catch (err) {
    console.error(`gateway-load import: ${positionals[0]}: ${(err as Error).message}`);
    return 1;
  }
  writeFileSync(out, result.text);
  console.log(`wrote ${out}`);
  for (const w of result.warnings) console.error(`warning: ${w}`);
  // The import is only useful if it validates: say so now rather than at the first run.
  const check = parseScenario(result.text, { file: out, fileExists: existsSync });
  for (const d of check.diagnostics) console.error(formatDiagnostic(out, d));
  return check.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
