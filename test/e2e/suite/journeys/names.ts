// Journey titles, shared by the in-host suite (as `describe` titles) and the harness (which expects
// each of them to report, so a journey that never ran fails as loudly as one that broke).

/** Journeys run in a code-server with every folder trusted. */
export const TRUSTED_JOURNEYS = ['journey 0: host'] as const;
/** Journeys run in a code-server with workspace trust on and the folder untrusted. */
export const RESTRICTED_JOURNEYS = ['journey 0: host'] as const;
/** Journeys that talk to the mock gateway (the harness starts it and passes GATEWAY_URL). */
export const NEEDS_MOCK: readonly string[] = [];
