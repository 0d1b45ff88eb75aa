// The settings' rate and connection caps hold for the sum of all runs going, not per run: a new
// run gets what the runs already going leave. Pure, so the arithmetic is unit-tested.
import type { Scenario } from '../scenario/model';

/** The caps of the settings; undefined means no cap. */
export interface Caps {
  maxRequestsPerSecond?: number;
  maxConnections?: number;
}

/** What a run going may use at most: its planned peak, already capped by what it was given. */
export interface RunUse {
  peakRequestsPerSecond: number;
  connections: number;
}

/** The most a scenario asks for: its peak arrival rate (open models) and its connections (VUs for closed ones), within the caps it ran with. */
export function plannedUse(scenario: Scenario, given: Caps): RunUse {
  const peak = Math.max(0, ...scenario.load.stages.map((s) => s.target));
  const rate = scenario.load.kind === 'open' ? peak : 0;
  const connections =
    scenario.load.kind === 'open'
      ? scenario.target.maxConnections
      : Math.min(scenario.target.maxConnections, Math.ceil(peak));
  return {
    peakRequestsPerSecond: given.maxRequestsPerSecond !== undefined ? Math.min(rate, given.maxRequestsPerSecond) : rate,
    connections: given.maxConnections !== undefined ? Math.min(connections, given.maxConnections) : connections,
  };
}

/** The caps a new run gets, or why it cannot start (the caps are used up by the runs going). */
export function capsForNewRun(settings: Caps, running: readonly RunUse[]): { caps: Caps } | { blocked: string } {
  const usedRate = running.reduce((sum, r) => sum + r.peakRequestsPerSecond, 0);
  const usedConnections = running.reduce((sum, r) => sum + r.connections, 0);
  const caps: Caps = {};
  if (settings.maxRequestsPerSecond !== undefined) {
    const left = settings.maxRequestsPerSecond - usedRate;
    if (left <= 0)
      return {
        blocked: `the rate cap (gatewayLoad.maxRequestsPerSecond = ${settings.maxRequestsPerSecond}/s) is used up by the ${running.length} run${running.length === 1 ? '' : 's'} going (${round(usedRate)}/s at their peaks)`,
      };
    caps.maxRequestsPerSecond = round(left);
  }
  if (settings.maxConnections !== undefined) {
    const left = settings.maxConnections - usedConnections;
    if (left <= 0)
      return {
        blocked: `the connection cap (gatewayLoad.maxConnections = ${settings.maxConnections}) is used up by the ${running.length} run${running.length === 1 ? '' : 's'} going (${usedConnections} connections)`,
      };
    caps.maxConnections = left;
  }
  return { caps };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
