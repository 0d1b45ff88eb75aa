// What the Test Explorer shows of a scenario and what it says after a run, without `vscode`:
// a scenario file is one test item, each threshold a child; a summary turns into one verdict per
// threshold with its measured value ("p(95) = 612 ms, limit 500") and, for a failed run, the top
// error reasons. testing.ts turns these plans into TestItems and TestMessages.
import type { Summary } from '../protocol';
import { parseScenario } from '../scenario/index';
import { metricInfo } from '../shared/metrics';
import type { Threshold } from '../scenario/model';
import { planChecks, type CheckItemPlan } from './test-checks-plan';

/** One threshold as a child item. `line` is where its expression is written (0-based), when found. */
export interface ThresholdItemPlan {
  id: string;
  label: string;
  metric: string;
  expression: string;
  line?: number;
}

/** A scenario file as a test item. `error` is set when the file does not validate (no children then). */
export interface ScenarioItemPlan {
  label: string;
  description?: string;
  thresholds: ThresholdItemPlan[];
  /** The SLO and capacity checks, children after the thresholds (absent when the scenario has none). */
  checks?: CheckItemPlan[];
  error?: string;
}

/** The child's id: stable across edits that do not change the threshold itself. */
export function thresholdId(metric: string, expression: string): string {
  return `${metric}: ${expression}`;
}

/** The line of a threshold's expression: the first line after `thresholds:` that holds it. */
function findLine(lines: readonly string[], start: number, metric: string, expression: string): number | undefined {
  const compact = (s: string) => s.replace(/\s+/g, '');
  const want = compact(expression);
  let inMetric = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (i > start && /^\S/.test(line)) break;
    if (line.includes(metric)) inMetric = true;
    if (inMetric && compact(line).includes(want)) return i;
  }
  return undefined;
}

/** Plans the item of one scenario file from its text. */
export function planScenarioItem(text: string, file: string, fileName: string): ScenarioItemPlan {
  const result = parseScenario(text, { file, fileExists: () => true });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.scenario || errors.length) {
    const first = errors[0];
    return {
      label: fileName,
      thresholds: [],
      error: first ? `line ${first.range.start.line + 1}: ${first.message}` : 'the scenario does not validate',
    };
  }
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^thresholds\s*:/.test(l));
  const thresholds = result.scenario.thresholds.map((t: Threshold) => ({
    id: thresholdId(t.metric, t.expression),
    label: `${t.metric}: ${t.expression}`,
    metric: t.metric,
    expression: t.expression,
    line: start >= 0 ? findLine(lines, start, t.metric, t.expression) : undefined,
  }));
  const checks = planChecks(result.scenario, lines);
  return { label: result.scenario.name, description: fileName, thresholds, ...(checks.length ? { checks } : {}) };
}

/** A measured value as the message says it: `612 ms`, `2.30%`, `41.5`. */
export function formatMeasured(metric: string, stat: string, value: number): string {
  const unit = metricInfo(metric.replace(/\{.*\}$/, ''))?.unit;
  const round = (n: number) => (Math.abs(n) >= 100 ? String(Math.round(n)) : String(Math.round(n * 100) / 100));
  if (stat === 'rate' && unit !== 'requests' && unit !== 'tokens') return `${round(value * 100)}%`;
  if (unit === 'ms' && stat !== 'count' && stat !== 'rate') return `${round(value)} ms`;
  return round(value);
}

/** One threshold's verdict after a run. */
export interface ThresholdVerdict {
  id: string;
  passed: boolean;
  message: string;
}

/** `p(95) < 500` with 612 measured → "p(95) = 612 ms, limit 500". */
export function thresholdMessage(metric: string, expression: string, value: number | null): string {
  const m = /^\s*(.+?)\s*(<=|>=|==|!=|<|>)\s*(.+?)\s*$/.exec(expression);
  const stat = m ? m[1] : expression;
  const limit = m ? m[3] : '?';
  const statKey = stat.startsWith('p(') ? 'p' : stat;
  if (value === null) return `${stat}: no value measured (no request of this metric finished), limit ${limit}`;
  return `${stat} = ${formatMeasured(metric, statKey, value)}, limit ${limit}`;
}

/** Every threshold's verdict; a threshold the summary does not mention (the run ended first) fails as not evaluated. */
export function thresholdVerdicts(plan: ScenarioItemPlan, summary: Summary): ThresholdVerdict[] {
  return plan.thresholds.map((t) => {
    const got = summary.thresholds.find((s) => s.metric === t.metric && s.expression === t.expression);
    if (!got)
      return {
        id: t.id,
        passed: false,
        message: `${t.expression}: not evaluated (the run ended as ${summary.status})`,
      };
    return { id: t.id, passed: got.ok, message: thresholdMessage(t.metric, t.expression, got.value) };
  });
}

/** An error sample as a summary may carry it (issue: error reasons); only what the message needs. */
interface ErrorSampleLike {
  class?: string;
  status?: number;
  message?: string;
  count?: number;
}

/** The top error reasons of a run, most frequent first: samples when the summary has them, else the classes. */
export function topErrorReasons(summary: Summary, max = 3): string[] {
  const samples = (summary as Summary & { errorSamples?: ErrorSampleLike[] }).errorSamples;
  if (Array.isArray(samples) && samples.length) {
    return [...samples]
      .sort((a, b) => (b.count ?? 0) - (a.count ?? 0))
      .slice(0, max)
      .map(
        (s) =>
          `${s.count ?? 1} × ${s.class ?? 'error'}${s.status ? ` ${s.status}` : ''}${s.message ? `: ${s.message}` : ''}`,
      );
  }
  return Object.entries(summary.errors)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .slice(0, max)
    .map(([cls, n]) => `${n} × ${cls}`);
}

/** The scenario item's verdict: passed when the run completed and every threshold held. */
export function scenarioVerdict(summary: Summary, mode: 'run' | 'dry'): { passed: boolean; message: string } {
  const { sent, failed } = summary.requests;
  const reasons = topErrorReasons(summary);
  const errors = reasons.length ? ` Top errors: ${reasons.join('; ')}.` : '';
  if (summary.status === 'failed' || summary.status === 'aborted')
    return {
      passed: false,
      message: `The run ${summary.status}${summary.reason ? `: ${summary.reason}` : ''}.${errors}`,
    };
  if (mode === 'dry') {
    return failed > 0
      ? { passed: false, message: `Dry run: ${failed} of ${sent} requests failed.${errors}` }
      : { passed: true, message: `Dry run: ${sent} requests, none failed.` };
  }
  const broken = summary.thresholds.filter((t) => !t.ok);
  if (broken.length) {
    return {
      passed: false,
      message: `${broken.length} of ${summary.thresholds.length} thresholds failed: ${broken.map((t) => `${t.metric} ${thresholdMessage(t.metric, t.expression, t.value)}`).join('; ')}. ${failed} of ${sent} requests failed.${errors}`,
    };
  }
  const n = summary.thresholds.length;
  return { passed: true, message: `${n} threshold${n === 1 ? '' : 's'} passed; ${failed} of ${sent} requests failed.` };
}
