// The journeys of issue 7, each a top-level `describe` whose title names it (failures are reported
// under that name). Restricted Mode needs its own code-server with trust on, hence the two modes.
import { hostJourney } from './host';

/** Defines the journeys for one code-server start. */
export function registerJourneys(mode: 'trusted' | 'restricted'): void {
  if (mode === 'trusted') {
    hostJourney();
  } else {
    hostJourney();
  }
}
