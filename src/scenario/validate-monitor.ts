// `monitor:` (resources sampled beside the load) and `outputs:` (where metrics are pushed).
import type { Node } from 'yaml';
import type { MonitorPreset, MonitorSeriesSpec, MonitorSpec, OutputSpec, PrometheusMonitorSpec } from './model';
import type { MetricInfo } from '../shared/metrics';
import { MONITOR_PRESETS, OUTPUT_TYPES } from './keys';
import { error, type Ctx } from './yaml-ranges';
import {
  readDuration,
  readEnum,
  readList,
  readMap,
  readNumber,
  readString,
  readStringMap,
  requireKeys,
  type Entry,
} from './read';
import { hasReferences } from './references';

const SOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const SERIES_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads `monitor:`; `thresholds` are filled in later from `thresholds: { monitor.…: … }`. */
export function validateMonitor(ctx: Ctx, entry: Entry | undefined): MonitorSpec | undefined {
  if (!entry) return undefined;
  const m = readMap(
    ctx,
    entry.value,
    'monitor',
    'monitor',
    '{ prometheus: [ { url: http://127.0.0.1:9100/metrics, preset: node } ] }',
  );
  if (!m) return undefined;
  const spec: MonitorSpec = { prometheus: [], intervalMs: 1000, thresholds: [] };
  const interval = m.get('interval');
  if (interval) {
    const ms = readDuration(ctx, interval, 'monitor.interval', '1s');
    if (ms !== undefined && ms < 250)
      error(ctx, interval.value, 'out-of-range', "'monitor.interval' must be at least 250ms.");
    else if (ms !== undefined) spec.intervalMs = ms;
  }
  const names = new Set<string>();
  const prom = m.get('prometheus');
  if (prom) {
    (
      readList(ctx, prom, 'monitor.prometheus', '[ { url: http://127.0.0.1:9100/metrics, preset: node } ]') ?? []
    ).forEach((node, i) => {
      const p = readPrometheus(ctx, node, i);
      if (!p) return;
      if (names.has(p.name))
        error(ctx, node, 'duplicate-name', `Two monitor sources are named '${p.name}': give one a 'name:'.`);
      names.add(p.name);
      spec.prometheus.push(p);
    });
  }
  const proc = m.get('process');
  if (proc) {
    const pm = readMap(ctx, proc.value, 'monitor.process', 'monitor.process', '{ command: litellm }');
    if (pm) {
      const pid = pm.get('pid');
      const command = pm.get('command');
      const name = pm.get('name');
      let procName = name ? (readString(ctx, name, 'monitor.process.name', 'gateway') ?? 'process') : 'process';
      if (name && !SOURCE_NAME.test(procName)) {
        error(
          ctx,
          name.value,
          'bad-name',
          `'${procName}' is not a valid source name: letters, digits, '_' and '-', starting with a letter.`,
        );
        procName = 'process';
      }
      const p = { name: procName } as MonitorSpec['process'] & object;
      if (pid) p.pid = readNumber(ctx, pid, 'monitor.process.pid', { integer: true, min: 1 });
      if (command) p.command = readString(ctx, command, 'monitor.process.command', 'litellm');
      if (!pid && !command)
        error(ctx, proc.key, 'missing-key', "'monitor.process' needs 'pid' or 'command', e.g. { command: litellm }.");
      else if (pid && command)
        error(ctx, command.key, 'conflict', "'monitor.process' takes 'pid' or 'command', not both.");
      if (names.has(p.name))
        error(
          ctx,
          name?.value ?? proc.key,
          'duplicate-name',
          `'${p.name}' already names a Prometheus source: give the process another 'name:'.`,
        );
      spec.process = p;
    }
  }
  return spec;
}

function readPrometheus(ctx: Ctx, node: Node, i: number): PrometheusMonitorSpec | undefined {
  const what = `monitor.prometheus[${i}]`;
  const m = readMap(ctx, node, what, 'monitor.prometheus[]', '{ url: http://127.0.0.1:9100/metrics, preset: node }');
  if (!m || !requireKeys(ctx, m, node, what, ['url'], { url: 'url: http://127.0.0.1:9100/metrics' })) return undefined;
  const urlE = m.get('url')!;
  const url = readString(ctx, urlE, `${what}.url`, 'http://127.0.0.1:9100/metrics');
  if (url === undefined) return undefined;
  if (!hasReferences(url) && !/^https?:\/\/[^\s/?#]+/.test(url))
    error(ctx, urlE.value, 'bad-url', `'${url}' is not an http(s) URL, e.g. http://127.0.0.1:9100/metrics.`);
  const presetE = m.get('preset');
  const preset = presetE ? readEnum<MonitorPreset>(ctx, presetE, `${what}.preset`, MONITOR_PRESETS) : undefined;
  const nameE = m.get('name');
  let name: string = preset ?? `prom${i + 1}`;
  if (nameE) {
    const n = readString(ctx, nameE, `${what}.name`, 'gateway-host');
    if (n !== undefined && SOURCE_NAME.test(n)) name = n;
    else if (n !== undefined)
      error(
        ctx,
        nameE.value,
        'bad-name',
        `'${n}' is not a valid source name: letters, digits, '_' and '-', starting with a letter.`,
      );
  }
  const series: MonitorSeriesSpec[] = [];
  const seriesE = m.get('series');
  if (seriesE) {
    (readList(ctx, seriesE, `${what}.series`, '[ { metric: process_cpu_seconds_total, as: cpu } ]') ?? []).forEach(
      (s, j) => {
        const sw = `${what}.series[${j}]`;
        const sm = readMap(
          ctx,
          s,
          sw,
          'monitor.prometheus[].series[]',
          '{ metric: process_cpu_seconds_total, as: cpu }',
        );
        if (!sm || !requireKeys(ctx, sm, s, sw, ['metric'], { metric: 'metric: process_cpu_seconds_total' })) return;
        const metric = readString(ctx, sm.get('metric')!, `${sw}.metric`, 'process_cpu_seconds_total');
        if (metric === undefined) return;
        if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric)) {
          error(ctx, sm.get('metric')!.value, 'bad-name', `'${metric}' is not a Prometheus metric name.`);
          return;
        }
        const asE = sm.get('as');
        const as = asE ? readString(ctx, asE, `${sw}.as`, 'gateway_cpu') : metric.replace(/:/g, '_');
        if (as === undefined) return;
        if (!SERIES_NAME.test(as)) {
          error(ctx, asE?.value ?? null, 'bad-name', `'${as}' is not a valid series name: letters, digits and '_'.`);
          return;
        }
        const labelsE = sm.get('labels');
        const kindE = sm.get('kind');
        const unitE = sm.get('unit');
        const spec: MonitorSeriesSpec = {
          metric,
          as,
          labels: labelsE ? readStringMap(ctx, labelsE, `${sw}.labels`) : {},
        };
        if (kindE) spec.kind = readEnum(ctx, kindE, `${sw}.kind`, ['gauge', 'counter'] as const);
        if (unitE) spec.unit = readString(ctx, unitE, `${sw}.unit`, '%');
        series.push(spec);
      },
    );
  }
  if (!presetE && !seriesE)
    error(ctx, node, 'missing-key', `'${what}' needs a 'preset' (${MONITOR_PRESETS.join(', ')}) or 'series'.`);
  const headersE = m.get('headers');
  return { url, name, preset, series, headers: headersE ? readStringMap(ctx, headersE, `${what}.headers`) : {} };
}

/** Reads `outputs:`. */
export function validateOutputs(ctx: Ctx, entry: Entry | undefined): OutputSpec[] | undefined {
  if (!entry) return undefined;
  const out: OutputSpec[] = [];
  (
    readList(ctx, entry, 'outputs', '[ { type: prometheus-rw, url: http://127.0.0.1:9090/api/v1/write } ]') ?? []
  ).forEach((node, i) => {
    const what = `outputs[${i}]`;
    const m = readMap(ctx, node, what, 'outputs[]', '{ type: prometheus-rw, url: http://127.0.0.1:9090/api/v1/write }');
    if (
      !m ||
      !requireKeys(ctx, m, node, what, ['type', 'url'], {
        type: 'type: prometheus-rw',
        url: 'url: http://127.0.0.1:9090/api/v1/write',
      })
    )
      return;
    const type = readEnum(ctx, m.get('type')!, `${what}.type`, OUTPUT_TYPES);
    const urlE = m.get('url')!;
    const url = readString(ctx, urlE, `${what}.url`, 'http://127.0.0.1:9090/api/v1/write');
    if (url !== undefined && !hasReferences(url) && !/^https?:\/\/[^\s/?#]+/.test(url))
      error(ctx, urlE.value, 'bad-url', `'${url}' is not an http(s) URL, e.g. http://127.0.0.1:9090/api/v1/write.`);
    const headersE = m.get('headers');
    if (type && url !== undefined)
      out.push({ type, url, headers: headersE ? readStringMap(ctx, headersE, `${what}.headers`) : {} });
  });
  return out;
}

/** A threshold key such as `monitor.node.cpu_busy`: the source and series it names. */
export function monitorMetricName(name: string): { source: string; series: string } | undefined {
  const m = /^monitor\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(name);
  return m ? { source: m[1], series: m[2] } : undefined;
}

/** The sources a `monitor.<source>.<series>` threshold may name: the declared ones and `generator`. */
export function monitorSources(spec: MonitorSpec | undefined): Set<string> {
  return new Set([
    ...(spec?.prometheus.map((p) => p.name) ?? []),
    ...(spec?.process ? [spec.process.name] : []),
    'generator',
  ]);
}

/** The catalogue entry of a monitored series, for threshold parsing: a trend of plain numbers. */
export function monitorMetricInfo(name: string): MetricInfo | undefined {
  return monitorMetricName(name)
    ? { name, type: 'trend', unit: 'count', doc: `A monitored series, one sample per interval (${name}).` }
    : undefined;
}
