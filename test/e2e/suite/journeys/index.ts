// The journeys of issue 7, each a top-level `describe` whose title names it (failures are reported
// under that name). Restricted Mode needs its own code-server with trust on, hence the two modes.
import { hostJourney } from './host';
import { languageJourney } from './language';
import { runJourney } from './run';
import { stopJourney } from './stop';
import { secretsJourney } from './secrets';
import { restrictedJourney } from './restricted';
import { dryRunJourney } from './dry-run';
import { baselinesJourney } from './baselines';
import { exportsJourney } from './exports';
import { runsViewJourney } from './runs-view';
import { responsivenessJourney } from './responsiveness';
import { hostileJourney } from './hostile';
import { testingJourney } from './testing';
import { concurrentJourney } from './concurrent';
import { importJourney } from './import';
import { JOURNEY, RESTRICTED_JOURNEYS, TRUSTED_JOURNEYS, selectJourneys } from './names';

const REGISTER: Record<string, () => void> = {
  [JOURNEY.host]: hostJourney,
  [JOURNEY.language]: languageJourney,
  [JOURNEY.run]: runJourney,
  [JOURNEY.stop]: stopJourney,
  [JOURNEY.secrets]: secretsJourney,
  [JOURNEY.restricted]: restrictedJourney,
  [JOURNEY.dryRun]: dryRunJourney,
  [JOURNEY.baselines]: baselinesJourney,
  [JOURNEY.exports]: exportsJourney,
  [JOURNEY.runsView]: runsViewJourney,
  [JOURNEY.responsiveness]: responsivenessJourney,
  [JOURNEY.hostile]: hostileJourney,
  [JOURNEY.testing]: testingJourney,
  [JOURNEY.concurrent]: concurrentJourney,
  [JOURNEY.import]: importJourney,
};

/** Defines the journeys for one code-server start. */
export function registerJourneys(mode: 'trusted' | 'restricted'): void {
  const all = mode === 'trusted' ? TRUSTED_JOURNEYS : RESTRICTED_JOURNEYS;
  for (const name of selectJourneys(all, process.env.GATEWAY_LOAD_E2E_ONLY)) {
    const register = REGISTER[name];
    if (!register) throw new Error(`no journey registered as "${name}"`);
    register();
  }
}
