// Samples resources beside the load, on the host: Prometheus endpoints, a local process and the
// generator itself, once per interval. Each window of the run takes the latest values, so they are
// stored with the load in `windows.ndjson`, on the same one-second grid. A failed sample leaves a
// gap and is counted; it never stops the run.
import { performance } from 'node:perf_hooks';
import type { MonitorSpec, PrometheusMonitorSpec } from '../scenario/model';
import type { MonitorSeriesInfo, MonitorSummary, Window } from '../protocol';
import { parseExposition, type Exposition } from './exposition';
import { customSeries, presetSeries, type SeriesDef } from './presets';
import { ProcessSampler } from './process-sampler';
import { scrapeText } from './scrape';

/** Resolves `${…}` references in a URL or header value (env, dotenv, secrets of the run). */
export type Resolve = (template: string) => string;

interface PromSource {
  spec: PrometheusMonitorSpec;
  url: string;
  headers: Record<string, string>;
  defs: SeriesDef[];
  prev: Exposition | null;
  busy: boolean;
}
type SourceStats = MonitorSummary['sources'][string];

/** The generator's own series: the process that runs the engine (CPU of all its threads, RSS), ELU and lateness. */
const GENERATOR_SERIES: ReadonlyArray<Omit<MonitorSeriesInfo, 'source'>> = [
  { key: 'generator.cpu', unit: '%', group: 'generator cpu' },
  { key: 'generator.rss', unit: 'bytes', group: 'generator memory' },
  { key: 'generator.elu', unit: 'fraction', group: 'generator loop' },
  { key: 'generator.lateness_p99', unit: 'ms', group: 'generator lateness' },
];

export class Monitor {
  readonly catalogue: MonitorSeriesInfo[] = [];
  readonly sources: Record<string, SourceStats> = {};
  private readonly prom: PromSource[] = [];
  private readonly proc: { name: string; sampler: ProcessSampler } | undefined;
  private latest: Record<string, number | null> = {};
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private cpuAt = process.cpuUsage();
  private wallAt = performance.now();

  constructor(
    spec: MonitorSpec | undefined,
    resolve: Resolve,
    private readonly onNewFailure: (source: string, reason: string) => void = () => undefined,
  ) {
    this.intervalMs = spec?.intervalMs ?? 1000;
    for (const p of spec?.prometheus ?? []) {
      const defs = [...(p.preset ? presetSeries(p.preset) : []), ...p.series.map(customSeries)];
      const headers = Object.fromEntries(Object.entries(p.headers).map(([k, v]) => [k, resolve(v)]));
      this.prom.push({ spec: p, url: resolve(p.url), headers, defs, prev: null, busy: false });
      this.sources[p.name] = { kind: 'prometheus', target: p.url, ok: 0, failed: 0 };
      for (const d of defs)
        this.catalogue.push({ key: `${p.name}.${d.as}`, source: p.name, unit: d.unit, group: `${p.name} ${d.group}` });
    }
    if (spec?.process) {
      const sampler = new ProcessSampler(spec.process);
      this.proc = { name: spec.process.name, sampler };
      this.sources[spec.process.name] = { kind: 'process', target: sampler.target, ok: 0, failed: 0 };
      this.catalogue.push({
        key: `${spec.process.name}.cpu`,
        source: spec.process.name,
        unit: '%',
        group: `${spec.process.name} cpu`,
      });
      this.catalogue.push({
        key: `${spec.process.name}.rss`,
        source: spec.process.name,
        unit: 'bytes',
        group: `${spec.process.name} memory`,
      });
    }
    this.sources.generator = { kind: 'generator', ok: 0, failed: 0 };
    for (const g of GENERATOR_SERIES) this.catalogue.push({ ...g, source: 'generator' });
  }

  start(): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.proc?.sampler.close();
  }

  /** The latest value of every series, plus the generator's figures for this window. */
  take(w: Window): Record<string, number | null> {
    const now = performance.now();
    const cpu = process.cpuUsage(this.cpuAt);
    const wall = now - this.wallAt;
    this.cpuAt = process.cpuUsage();
    this.wallAt = now;
    this.sources.generator.ok++;
    return {
      ...this.latest,
      'generator.cpu': wall > 0 ? round((100 * (cpu.user + cpu.system)) / 1000 / wall) : null,
      'generator.rss': process.memoryUsage.rss(),
      'generator.elu': w.elu,
      'generator.lateness_p99': w.latenessP99Ms,
    };
  }

  private tick(): void {
    for (const p of this.prom) void this.scrape(p);
    if (this.proc) void this.sampleProcess(this.proc.name, this.proc.sampler);
  }

  private async scrape(p: PromSource): Promise<void> {
    const name = p.spec.name;
    if (p.busy) {
      this.failed(
        name,
        p.defs.map((d) => `${name}.${d.as}`),
        `the previous scrape took longer than ${this.intervalMs} ms`,
      );
      return;
    }
    p.busy = true;
    try {
      const text = await scrapeText(p.url, p.headers, Math.max(250, this.intervalMs - 50));
      const cur = parseExposition(text, performance.now());
      for (const d of p.defs) this.latest[`${name}.${d.as}`] = finiteOrNull(d.compute(p.prev, cur));
      p.prev = cur;
      this.sources[name].ok++;
    } catch (err) {
      // A counter's rate must not span a gap: start again from the next good scrape.
      p.prev = null;
      this.failed(
        name,
        p.defs.map((d) => `${name}.${d.as}`),
        err instanceof Error ? err.message : String(err),
      );
    } finally {
      p.busy = false;
    }
  }

  private async sampleProcess(name: string, sampler: ProcessSampler): Promise<void> {
    try {
      const s = await sampler.sample();
      this.latest[`${name}.cpu`] = round(s.cpu);
      this.latest[`${name}.rss`] = s.rss;
      this.sources[name].ok++;
    } catch (err) {
      this.failed(name, [`${name}.cpu`, `${name}.rss`], err instanceof Error ? err.message : String(err));
    }
  }

  private failed(source: string, keys: string[], reason: string): void {
    const st = this.sources[source];
    st.failed++;
    if (st.lastError !== reason) this.onNewFailure(source, reason);
    st.lastError = reason;
    for (const k of keys) this.latest[k] = null;
  }
}

function finiteOrNull(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : round(v);
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
