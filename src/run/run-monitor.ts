// The host's side-work of one run beside the engine: the resource monitor and the outputs. Each
// window is given its monitored values before it is written; at the end the summary gets the
// `monitor` section and the verdicts of thresholds on monitored series.
import type { Scenario } from '../scenario/model';
import type { MonitorSeriesInfo, Summary, Window } from '../protocol';
import { Monitor } from '../monitor/monitor';
import { evaluateMonitorThresholds, summarizeSeries } from '../monitor/summarize';
import { RemoteWriteOutput } from '../outputs/prometheus-rw';
import { fillTemplate, type TemplateValues } from './run-inputs';

/** How long the end of a run waits for queued pushes before counting them as dropped. */
const OUTPUT_FLUSH_MS = 3000;

export class RunMonitor {
  private readonly monitor: Monitor;
  private readonly outputs: Array<{ name: string; out: RemoteWriteOutput }> = [];
  /** Every window's monitored values, kept here whole: the host's windows merge as a long run grows. */
  private readonly samples: Array<Pick<Window, 'monitor'>> = [];

  constructor(
    private readonly scenario: Scenario,
    values: Omit<TemplateValues, 'variables'>,
    runId: string,
    startedAtMs: number,
    log: (level: 'warn', message: string) => void,
  ) {
    const resolve = (t: string): string => fillTemplate(t, { ...values, variables: scenario.variables });
    this.monitor = new Monitor(scenario.monitor, resolve, (source, reason) =>
      log('warn', `monitor: sampling ${source} failed: ${reason} (counted; the run goes on)`),
    );
    (scenario.outputs ?? []).forEach((o, i) => {
      const name = `${o.type}#${i + 1}`;
      const headers = Object.fromEntries(Object.entries(o.headers).map(([k, v]) => [k, resolve(v)]));
      const out = new RemoteWriteOutput(
        resolve(o.url),
        headers,
        { scenario: scenario.name, run_id: runId },
        startedAtMs,
        (reason) => log('warn', `output ${name}: push failed: ${reason} (counted; the run goes on)`),
      );
      this.outputs.push({ name, out });
    });
    this.monitor.start();
  }

  get catalogue(): MonitorSeriesInfo[] {
    return this.monitor.catalogue;
  }

  /** Adds the monitored values and the live states of monitor thresholds to a window, then pushes it out. */
  onWindow(w: Window): void {
    w.monitor = this.monitor.take(w);
    if (w.monitor) this.samples.push({ monitor: w.monitor });
    const thresholds = this.scenario.monitor?.thresholds ?? [];
    if (thresholds.length) w.thresholds = [...w.thresholds, ...evaluateMonitorThresholds(thresholds, this.samples)];
    for (const { out } of this.outputs) out.push(w);
  }

  /** Stops sampling, flushes the outputs and completes the summary. */
  async finish(summary: Summary): Promise<Summary> {
    this.monitor.stop();
    await Promise.all(this.outputs.map(({ out }) => out.flush(OUTPUT_FLUSH_MS)));
    const thresholds = this.scenario.monitor?.thresholds ?? [];
    const states = evaluateMonitorThresholds(thresholds, this.samples).map(({ metric, expression, ok, value }) => ({
      metric,
      expression,
      ok,
      value,
    }));
    return {
      ...summary,
      thresholds: [...summary.thresholds.filter((t) => !t.metric.startsWith('monitor.')), ...states],
      monitor: {
        series: summarizeSeries(this.samples, this.monitor.catalogue),
        sources: this.monitor.sources,
        ...(this.outputs.length
          ? { outputs: Object.fromEntries(this.outputs.map(({ name, out }) => [name, { ...out.stats }])) }
          : {}),
      },
    };
  }
}
