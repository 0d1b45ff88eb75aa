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
import { JOURNEY, RESTRICTED_JOURNEYS, TRUSTED_JOURNEYS } from './names';

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
};

/** Defines the journeys for one code-server start. */
export function registerJourneys(mode: 'trusted' | 'restricted'): void {
  for (const name of mode === 'trusted' ? TRUSTED_JOURNEYS : RESTRICTED_JOURNEYS) {
    const register = REGISTER[name];
    if (!register) throw new Error(`no journey registered as "${name}"`);
    register();
  }
}
