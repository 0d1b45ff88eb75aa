// `thresholds:` (metric → expressions) and `targets:` (the dashboard's goals).
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { TargetsSpec, Threshold } from './model';
import { METRICS, type MetricInfo } from '../shared/metrics';
import { error, report, subRange, type Ctx } from './yaml-ranges';
import { readBoolean, readDuration, readMap, readRate, readString, requireKeys, resolve, type Entry } from './read';
import { didYouMean } from './suggestions';
import { parseThresholdExpr } from './threshold-expr';
import { parseMetricKey, type TagFilter } from './tag-filter';
import { parsePercent } from './units';
import { monitorMetricInfo, monitorMetricName } from './validate-monitor';

const METRIC_NAMES = METRICS.map((m) => m.name);

/**
 * `requestNames` (when known) lets `{name:…}` filters be checked against the mix; `monitorSources`
 * are the sources `monitor.<source>.<series>` thresholds may name.
 */
export function validateThresholds(
  ctx: Ctx,
  entry: Entry | undefined,
  requestNames?: readonly string[],
  monitorSources: ReadonlySet<string> = new Set(['generator']),
): Threshold[] {
  const out: Threshold[] = [];
  if (!entry) return out;
  const m = readMap(ctx, entry.value, 'thresholds', undefined, '{ http_req_duration: ["p(95) < 500"] }');
  if (!m) return out;
  for (const [name, e] of m) {
    const monitored = monitorMetricName(name);
    if (monitored && !monitorSources.has(monitored.source)) {
      error(
        ctx,
        e.key,
        'unknown-metric',
        `'${name}' names the monitor source '${monitored.source}', which 'monitor:' does not declare. Sources: ${[...monitorSources].join(', ')}.`,
      );
      continue;
    }
    const parsed = monitored
      ? { metric: monitorMetricInfo(name), tag: undefined, error: undefined }
      : parseMetricKey(name);
    if (parsed?.error) {
      report(
        ctx,
        subRange(ctx, e.key, name, parsed.error.start, parsed.error.end),
        'error',
        'bad-tag-filter',
        parsed.error.message,
      );
      continue;
    }
    // A name outside the mix is a warning: the series only has no data (as in k6), and the
    // JSON schema, which cannot see the names, must agree that the file is valid.
    const named = parsed?.tag?.key === 'name' && requestNames ? parseMetricKey(name, requestNames) : null;
    if (named?.error)
      report(
        ctx,
        subRange(ctx, e.key, name, named.error.start, named.error.end),
        'warning',
        'unknown-request-name',
        `${named.error.message} This threshold will have no data.`,
      );
    const metric = parsed?.metric;
    const tag = parsed?.tag;
    if (!metric) {
      error(
        ctx,
        e.key,
        'unknown-metric',
        `Unknown metric '${name}'.${didYouMean(name, METRIC_NAMES)} Metrics: ${METRIC_NAMES.join(', ')}.`,
      );
      continue;
    }
    const v = e.value;
    if (isScalar(v) && typeof v.value === 'string') {
      pushExpr(ctx, out, metric, v, v.value, { tag });
      continue;
    }
    if (isMap(v)) {
      readObject(ctx, out, metric, v, `thresholds.${name}`, tag);
      continue;
    }
    if (!isSeq(v)) {
      error(
        ctx,
        isScalar(v) && v.value !== null ? v : e.key,
        'wrong-type',
        `'thresholds.${name}' must be an expression or a list of them, e.g. [ "${example(metric)}" ].`,
      );
      continue;
    }
    if (v.items.length === 0)
      error(ctx, v, 'empty-list', `'thresholds.${name}' has no expressions: add one, e.g. "${example(metric)}".`);
    v.items.forEach((raw, i) => {
      const item = resolve(ctx, raw);
      if (isScalar(item) && typeof item.value === 'string') pushExpr(ctx, out, metric, item, item.value, { tag });
      else if (isMap(item)) readObject(ctx, out, metric, item, `thresholds.${name}[${i}]`, tag);
      else
        error(
          ctx,
          item,
          'wrong-type',
          `Each threshold is an expression such as "${example(metric)}" or { threshold: "${example(metric)}", abortOnFail: true }.`,
        );
    });
  }
  return out;
}

function readObject(
  ctx: Ctx,
  out: Threshold[],
  metric: MetricInfo,
  node: Node,
  what: string,
  tag: TagFilter | undefined,
): void {
  const m = readMap(ctx, node, what, 'thresholds.*[]');
  if (!m || !requireKeys(ctx, m, node, what, ['threshold'], { threshold: `threshold: "${example(metric)}"` })) return;
  const t = m.get('threshold')!;
  const expr = readString(ctx, t, `${what}.threshold`, `"${example(metric)}"`);
  const abort = m.get('abortOnFail');
  const delay = m.get('delayAbortEval');
  const abortOnFail = abort ? (readBoolean(ctx, abort, `${what}.abortOnFail`) ?? false) : false;
  const delayAbortEvalMs = delay ? (readDuration(ctx, delay, `${what}.delayAbortEval`, '30s') ?? 0) : 0;
  if (expr !== undefined && t.value) pushExpr(ctx, out, metric, t.value, expr, { abortOnFail, delayAbortEvalMs, tag });
}

function pushExpr(
  ctx: Ctx,
  out: Threshold[],
  metric: MetricInfo,
  node: Node,
  text: string,
  opts: { abortOnFail?: boolean; delayAbortEvalMs?: number; tag?: TagFilter },
): void {
  const r = parseThresholdExpr(text, metric);
  if (r.error) {
    report(ctx, subRange(ctx, node, text, r.error.start, r.error.end), 'error', 'bad-threshold', r.error.message);
    return;
  }
  out.push({
    metric: metric.name,
    ...(opts.tag ? { tag: opts.tag } : {}),
    expression: text.trim(),
    stat: r.stat,
    percentile: r.percentile,
    op: r.op,
    value: r.value,
    abortOnFail: opts.abortOnFail ?? false,
    delayAbortEvalMs: opts.delayAbortEvalMs ?? 0,
  });
}

function example(metric: MetricInfo): string {
  return metric.type === 'trend'
    ? 'p(95) < 500'
    : metric.type === 'rate'
      ? 'rate < 0.01'
      : metric.type === 'counter'
        ? 'count > 10'
        : 'value < 100';
}

export function validateTargets(ctx: Ctx, entry: Entry | undefined): TargetsSpec {
  const out: TargetsSpec = {};
  if (!entry) return out;
  const m = readMap(
    ctx,
    entry.value,
    'targets',
    'targets',
    '{ successRate: 99.2%, responseTime: 100ms, throughput: 2000/min }',
  );
  if (!m) return out;
  const sr = m.get('successRate');
  if (sr) {
    const v = isScalar(sr.value) ? sr.value.value : undefined;
    const f = typeof v === 'string' || typeof v === 'number' ? parsePercent(v) : undefined;
    if (f === undefined)
      error(
        ctx,
        sr.value?.range ? sr.value : sr.key,
        'bad-percent',
        "'targets.successRate' must be a percentage such as 99.2% (or a fraction from 0 to 1).",
      );
    else out.successRate = f;
  }
  const rt = m.get('responseTime');
  if (rt) out.responseTimeMs = readDuration(ctx, rt, 'targets.responseTime', '100ms');
  const tp = m.get('throughput');
  if (tp) out.throughputPerSec = readRate(ctx, tp, 'targets.throughput');
  if (out.responseTimeMs === undefined) delete out.responseTimeMs;
  if (out.throughputPerSec === undefined) delete out.throughputPerSec;
  return out;
}
