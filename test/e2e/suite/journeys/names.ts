// Journey titles, shared by the in-host suite (as `describe` titles) and the harness (which expects
// each of them to report, so a journey that never ran fails as loudly as one that broke).

/** The journeys of issue 7 (0 proves the harness itself; 6–9 follow a run past its end). */
export const JOURNEY = {
  host: 'journey 0: host',
  language: 'journey 1: language',
  run: 'journey 2: CodeLens and run',
  stop: 'journey 3: stop',
  secrets: 'journey 4: secrets',
  restricted: 'journey 5: Restricted Mode',
  dryRun: 'journey 6: dry run',
  baselines: 'journey 7: baselines and regression',
  exports: 'journey 8: export and reports',
  runsView: 'journey 9: runs view',
  responsiveness: 'journey 10: responsive at 5,000 req/s',
  hostile: 'journey 11: a hostile file',
  testing: 'journey 12: Test Explorer',
  concurrent: 'journey 13: two runs at once',
  import: 'journey 14: New Scenario From…',
} as const;

/** Journeys run in a code-server with every folder trusted. */
export const TRUSTED_JOURNEYS: readonly string[] = [
  JOURNEY.host,
  JOURNEY.language,
  JOURNEY.run,
  JOURNEY.stop,
  JOURNEY.secrets,
  JOURNEY.dryRun,
  JOURNEY.baselines,
  JOURNEY.exports,
  JOURNEY.runsView,
  JOURNEY.responsiveness,
  JOURNEY.hostile,
  JOURNEY.testing,
  JOURNEY.concurrent,
  JOURNEY.import,
];
/** Journeys run in a code-server with workspace trust on and the folder untrusted. */
export const RESTRICTED_JOURNEYS: readonly string[] = [JOURNEY.host, JOURNEY.restricted];
/** Journeys that talk to the mock gateway (the harness starts it and passes GATEWAY_URL). */
export const NEEDS_MOCK: readonly string[] = [
  JOURNEY.run,
  JOURNEY.stop,
  JOURNEY.secrets,
  JOURNEY.dryRun,
  JOURNEY.baselines,
  JOURNEY.exports,
  JOURNEY.runsView,
  JOURNEY.responsiveness,
  JOURNEY.testing,
  JOURNEY.concurrent,
];

/**
 * The journeys `GATEWAY_LOAD_E2E_ONLY` selects (e.g. `13,12` or `two runs`): those whose number or a
 * part of whose title it names, comma-separated, and always journey 0, which proves the host. Unset,
 * every journey. The harness and the in-host suite both read it, so a journey left out is not missed.
 */
export function selectJourneys(list: readonly string[], only: string | undefined): readonly string[] {
  const wants = (only ?? '')
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (wants.length === 0) return list;
  return list.filter(
    (name) =>
      name === JOURNEY.host ||
      wants.some((w) => (/^\d+$/.test(w) ? name.startsWith(`journey ${w}:`) : name.toLowerCase().includes(w))),
  );
}
