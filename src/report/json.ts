// The JSON report is summary.json itself, stamped with the schema version it follows.
import { SUMMARY_SCHEMA_VERSION, type Summary } from '../protocol';

/** Pretty JSON of the summary; a summary without a version gets the current one. */
export function renderJson(summary: Summary): string {
  const withVersion: Summary = { ...summary, schemaVersion: summary.schemaVersion ?? SUMMARY_SCHEMA_VERSION };
  // schemaVersion first, so a reader sees which shape follows.
  const { schemaVersion, ...rest } = withVersion;
  return JSON.stringify({ schemaVersion, ...rest }, null, 2) + '\n';
}
