// The checks beside the thresholds in the Test Explorer, without `vscode`: a scenario with an `slo`
// gets an "SLO attainment" child, a sweep a "capacity" child. Each passes or fails after a run
// with its measured answer as the message, like a threshold ("SLO attainment 97.2%, bar 95%").
import type { Summary } from '../protocol';
import type { Scenario } from '../scenario/model';
import { SWEEP_DEFAULTS } from '../scenario/validate-sweep';
import { capacityHeadline, sloWorstLine } from '../shared/capacity';

/** One check as a child item; `line` is where the scenario states it (0-based), when found. */
export interface CheckItemPlan {
  id: string;
  label: string;
  kind: 'slo' | 'capacity';
  /** SLO: the attainment (0–1) the run must reach. */
  bar?: number;
  line?: number;
}

/** The check children's ids: no threshold id can take them (those read `metric: expression`). */
export const SLO_CHECK_ID = 'check:slo';
export const CAPACITY_CHECK_ID = 'check:capacity';

/**
 * A sweep's answer is its capacity (its steps already judge the SLO, and the whole run's attainment
 * includes the steps past the limit); any other run with service levels is judged on its attainment:
 * at least the `slo_attainment` threshold's bound when it has one, else the sweeps' default stop (95%).
 */
export function planChecks(scenario: Scenario, lines: readonly string[]): CheckItemPlan[] {
  const lineOf = (re: RegExp): number | undefined => {
    const i = lines.findIndex((l) => re.test(l));
    return i >= 0 ? i : undefined;
  };
  if (scenario.load.sweep) {
    return [
      {
        id: CAPACITY_CHECK_ID,
        label: `capacity (${scenario.load.executor})`,
        kind: 'capacity',
        line: lineOf(/^\s+executor\s*:\s*sweep/) ?? lineOf(/^load\s*:/),
      },
    ];
  }
  const hasSlo = scenario.slo !== undefined || scenario.requests.some((r) => r.slo !== undefined);
  if (!hasSlo) return [];
  const stated = scenario.thresholds.find(
    (t) => t.metric === 'slo_attainment' && !t.tag && t.stat === 'rate' && (t.op === '>' || t.op === '>='),
  );
  const bar = stated?.value ?? SWEEP_DEFAULTS.sloAttainment;
  return [
    {
      id: SLO_CHECK_ID,
      label: `SLO attainment ≥ ${pct(bar)}`,
      kind: 'slo',
      bar,
      line: lineOf(/^slo\s*:/) ?? lineOf(/^\s+slo\s*:/),
    },
  ];
}

/** One check's verdict after a run. */
export interface CheckVerdict {
  id: string;
  passed: boolean;
  message: string;
}

/** Each check's verdict from the summary; a check the summary cannot answer fails as not measured. */
export function checkVerdicts(checks: readonly CheckItemPlan[], summary: Summary): CheckVerdict[] {
  return checks.map((c) => (c.kind === 'capacity' ? capacityVerdict(c, summary) : sloVerdict(c, summary)));
}

function sloVerdict(c: CheckItemPlan, summary: Summary): CheckVerdict {
  const slo = summary.slo;
  const bar = c.bar ?? SWEEP_DEFAULTS.sloAttainment;
  if (!slo || slo.judged === 0)
    return { id: c.id, passed: false, message: `SLO: not measured (no request was judged; the run ${summary.status})` };
  const worst = sloWorstLine(slo);
  const message =
    `SLO attainment ${pct(slo.attainment)} (${slo.met} of ${slo.judged} requests met it), bar ${pct(bar)}; ` +
    `goodput ${round(slo.goodput)} req/s${worst ? `; ${worst}` : ''}`;
  return { id: c.id, passed: slo.attainment >= bar, message };
}

function capacityVerdict(c: CheckItemPlan, summary: Summary): CheckVerdict {
  const cap = summary.capacity;
  if (!cap) return { id: c.id, passed: false, message: `Capacity: not measured (the run ${summary.status})` };
  // No capacity below the first step, or one the generator limited, is not an answer about the gateway.
  const passed = cap.rate !== null && cap.limitedBy !== 'generator';
  return { id: c.id, passed, message: capacityHeadline(cap) };
}

function pct(f: number): string {
  const p = f * 100;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

function round(n: number): string {
  return Math.abs(n) >= 100 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

/** The scenario's verdict once its checks are in: a run that held every threshold but missed a check failed. */
export function withChecks(
  verdict: { passed: boolean; message: string },
  checks: readonly CheckVerdict[],
): { passed: boolean; message: string } {
  const missed = checks.filter((c) => !c.passed);
  if (!verdict.passed || missed.length === 0) return verdict;
  return { passed: false, message: `${missed.map((c) => c.message).join('; ')}. ${verdict.message}` };
}
