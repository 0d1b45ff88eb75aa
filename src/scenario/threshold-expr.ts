// Threshold expressions as k6 writes them: `p(95) < 500`, `avg<200`, `rate < 0.01`, `count > 10`.
// Time-valued statistics are in milliseconds; `1.5s` and `500ms` are accepted too; rates may be
// written as percentages (`rate < 1%`).
import type { ThresholdOp, ThresholdStat } from './model';
import { EXTRA_STATS, STATS_BY_TYPE, type MetricInfo } from '../shared/metrics';
import { parseDuration } from './units';

/** A parsed expression, or an error with offsets into the text. */
export type ThresholdExprResult =
  | { stat: ThresholdStat; percentile?: number; op: ThresholdOp; value: number; error?: undefined }
  | { error: { message: string; start: number; end: number } };

const EXPR = /^(\s*)(p\(\s*([^)]*?)\s*\)|[A-Za-z_]+)(\s*)(===|==|!=|<=|>=|<|>)?(\s*)(.*?)\s*$/;

/** What statistics a metric allows, spelt for messages and completion. */
export function statsFor(metric: MetricInfo): string[] {
  return allowedStats(metric).map((s) => (s === 'p' ? 'p(N)' : s));
}

function allowedStats(metric: MetricInfo): readonly string[] {
  return EXTRA_STATS[metric.name] ?? STATS_BY_TYPE[metric.type];
}

/** Starters offered by completion for a metric's thresholds. */
export function thresholdExamples(metric: MetricInfo): string[] {
  if (metric.name === 'capacity') return ['rpm > 1500', 'rate > 25', 'concurrency > 32'];
  switch (metric.type) {
    case 'trend':
      return metric.unit === 'ms'
        ? ['p(95) < 500', 'p(99) < 1000', 'avg < 200', 'med < 150', 'max < 2000']
        : ['avg > 20', 'p(95) > 10', 'min > 5'];
    case 'rate':
      return ['rate < 0.01', 'rate > 0.99'];
    case 'counter':
      return ['count > 10', 'rate > 5', 'count < 100'];
    case 'gauge':
      return ['value < 100', 'max < 500'];
  }
}

export function parseThresholdExpr(text: string, metric: MetricInfo): ThresholdExprResult {
  const fail = (message: string, start = 0, end = text.length): ThresholdExprResult => ({
    error: { message, start, end: Math.max(end, start) },
  });
  const allowed = statsFor(metric);
  const valid = `Valid for ${metric.name} (${metric.type}): ${thresholdExamples(metric).slice(0, 3).join(', ')}.`;
  const m = EXPR.exec(text);
  if (!m || text.trim() === '') return fail(`'${text}' is not a threshold expression. ${valid}`);
  const statStart = m[1].length;
  const statText = m[2];
  let stat: ThresholdStat;
  let percentile: number | undefined;
  if (statText.startsWith('p(')) {
    stat = 'p';
    const n = Number(m[3]);
    if (!/^\d+(\.\d+)?$/.test(m[3]) || n <= 0 || n > 100) {
      return fail(
        `'${statText}' needs a percentile between 0 and 100, e.g. p(95) or p(99.9).`,
        statStart,
        statStart + statText.length,
      );
    }
    percentile = n;
  } else {
    stat = statText as ThresholdStat;
    if (!['avg', 'min', 'max', 'med', 'rate', 'count', 'value', 'rpm', 'concurrency'].includes(statText)) {
      return fail(
        `Unknown statistic '${statText}': ${metric.name} allows ${allowed.join(', ')}. ${valid}`,
        statStart,
        statStart + statText.length,
      );
    }
  }
  if (!allowedStats(metric).includes(stat)) {
    return fail(
      `'${stat === 'p' ? 'p(N)' : stat}' does not apply to ${metric.name} (a ${metric.type}): use ${allowed.join(', ')}.`,
      statStart,
      statStart + statText.length,
    );
  }
  const opStart = statStart + statText.length + m[4].length;
  if (!m[5]) {
    return fail(
      `Expected a comparison (<, <=, >, >=, ==, !=) after '${statText}'. ${valid}`,
      statStart,
      text.trimEnd().length,
    );
  }
  const op = (m[5] === '===' ? '==' : m[5]) as ThresholdOp;
  const valueStart = opStart + m[5].length + m[6].length;
  const raw = m[7];
  if (!raw) return fail(`Expected a number after '${m[5]}'. ${valid}`, opStart, opStart + m[5].length);
  const value = readValue(raw, metric, stat);
  if (value === undefined) {
    const hint = isTime(metric, stat)
      ? 'a number of milliseconds (500) or a duration (500ms, 1.5s)'
      : metric.type === 'rate'
        ? 'a fraction (0.01) or a percentage (1%)'
        : 'a number';
    return fail(`'${raw}' is not a valid value: write ${hint}.`, valueStart, valueStart + raw.length);
  }
  return { stat, percentile, op, value };
}

function isTime(metric: MetricInfo, stat: ThresholdStat): boolean {
  return metric.unit === 'ms' && stat !== 'rate' && stat !== 'count';
}

function readValue(raw: string, metric: MetricInfo, stat: ThresholdStat): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (isTime(metric, stat)) return parseDuration(raw);
  if (metric.type === 'rate') {
    const p = /^(\d+(\.\d+)?)\s*%$/.exec(raw);
    if (p) return Number(p[1]) / 100;
  }
  return undefined;
}

/** Whether `a op b` holds: the one comparison every threshold (engine or monitor) uses. */
export function compareThreshold(a: number, op: ThresholdOp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    default:
      return a !== b;
  }
}
