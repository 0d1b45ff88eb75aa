// Export a scenario to an existing distributed load tool when one machine is not enough.
import { basename, dirname, join } from 'node:path';
import type { Scenario } from '../scenario/model';
import { exportArtillery } from './artillery';
import { exportK6 } from './k6';
import type { ExportResult } from './common';
import { withoutLiteralCredentials } from './literal-credentials';

export type { ExportResult, ExportedFile } from './common';

/** The tools we export to. */
export const EXPORT_TARGETS = ['artillery', 'k6'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** Where an export goes by default: beside the scenario, `name.artillery.yml` / `name.k6.js`. */
export function defaultExportPath(scenarioFile: string, to: ExportTarget): string {
  const stem = basename(scenarioFile)
    .replace(/\.load\.ya?ml$/, '')
    .replace(/\.ya?ml$/, '');
  return join(dirname(scenarioFile), to === 'artillery' ? `${stem}.artillery.yml` : `${stem}.k6.js`);
}

/** Exports the scenario; nothing is written here (the caller writes `files`). */
export function exportScenario(scenario: Scenario, to: ExportTarget, outFile: string): ExportResult {
  const clean = withoutLiteralCredentials(scenario);
  const result = to === 'artillery' ? exportArtillery(clean.scenario, outFile) : exportK6(clean.scenario, outFile);
  return clean.warnings.length ? { ...result, warnings: [...result.warnings, ...clean.warnings] } : result;
}
