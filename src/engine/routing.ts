// Where the gateway routed: latency per served model (the answer's `model`) and how often it fell
// back, from `x-litellm-attempted-fallbacks` or a served model that is not the one asked for.
import type { RoutingSummary } from '../shared/gateway-types';
import { Hist } from './histogram';

/** Served models kept apart; more are pooled under `(other)`. */
const MAX_MODELS = 20;

/**
 * A served model answers for the requested one when it is that model or a dated snapshot of it
 * (`gpt-4o-mini` → `gpt-4o-mini-2024-07-18`), as providers report.
 */
export function sameModel(requested: string, served: string): boolean {
  const r = requested.toLowerCase();
  const s = served.toLowerCase();
  return s === r || s.startsWith(`${r}-`) || s.endsWith(`/${r}`) || r.endsWith(`/${s}`);
}

/** The run's routing figures (successful answers through the gateway only). */
export class RoutingRecorder {
  private readonly models = new Map<string, { duration: Hist; ttft: Hist }>();
  private answers = 0;
  private fallbacks = 0;
  private fromHeader = 0;
  private fromModel = 0;
  /** Fallbacks in the current window, for the live panel. */
  winFallbacks = 0;

  /** `headerFallbacks`: the answer's `x-litellm-attempted-fallbacks`, −1 when absent. */
  record(
    requested: string | undefined,
    served: string,
    durationMs: number,
    ttftMs: number | null,
    headerFallbacks: number,
  ): void {
    this.answers++;
    let m = this.models.get(served);
    if (!m) {
      const key = this.models.size < MAX_MODELS ? served : '(other)';
      m = this.models.get(key);
      if (!m) {
        m = { duration: new Hist(1000), ttft: new Hist(1000) };
        this.models.set(key, m);
      }
    }
    m.duration.record(durationMs);
    if (ttftMs !== null) m.ttft.record(ttftMs);
    const byHeader = headerFallbacks > 0;
    const byModel = requested !== undefined && requested !== '' && !sameModel(requested, served);
    if (byHeader) this.fromHeader++;
    if (byModel) this.fromModel++;
    if (byHeader || byModel) {
      this.fallbacks++;
      this.winFallbacks++;
    }
  }

  rollWindow(): number {
    const n = this.winFallbacks;
    this.winFallbacks = 0;
    return n;
  }

  /** Undefined before any answer named its model. */
  summary(): RoutingSummary | undefined {
    if (this.answers === 0) return undefined;
    const byModel: RoutingSummary['byModel'] = {};
    for (const [name, m] of this.models) {
      const d = m.duration;
      const r = (v: number | null): number => Math.round((v ?? 0) * 1000) / 1000;
      byModel[name] = {
        count: d.count,
        p50: r(d.percentile(50)),
        p90: r(d.percentile(90)),
        p99: r(d.percentile(99)),
        ttftP50: m.ttft.count ? r(m.ttft.percentile(50)) : null,
      };
    }
    return {
      byModel,
      fallbacks: {
        count: this.fallbacks,
        rate: Math.round((this.fallbacks / this.answers) * 1e4) / 1e4,
        fromHeader: this.fromHeader,
        fromModel: this.fromModel,
      },
    };
  }

  destroy(): void {
    for (const m of this.models.values()) {
      m.duration.destroy();
      m.ttft.destroy();
    }
  }
}
