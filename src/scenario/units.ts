// Durations, rates and percentages as scenario files write them. Shared by the validator, the
// engine and the exporters, so `2m` means the same thing everywhere.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:(\d+(?:\.\d+)?)(ms|h|m|s))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;

/**
 * Milliseconds in a duration such as `500ms`, `30s`, `2m`, `1h30m`, `1.5s`; a bare `0` is 0.
 * Undefined when the text is not a duration.
 */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return text === 0 ? 0 : undefined;
  const t = text.trim();
  if (t === '0') return 0;
  if (!DURATION.test(t)) return undefined;
  let ms = 0;
  let lastUnitRank = Infinity;
  const rank: Record<string, number> = { h: 3, m: 2, s: 1, ms: 0 };
  for (const m of t.matchAll(DURATION_PART)) {
    // Units must go from large to small, each at most once: `1h30m`, not `30m1h` or `1m1m`.
    if (rank[m[2]] >= lastUnitRank) return undefined;
    lastUnitRank = rank[m[2]];
    ms += Number(m[1]) * UNIT_MS[m[2]];
  }
  return Number.isFinite(ms) ? Math.round(ms * 1000) / 1000 : undefined;
}

const RATE_UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  m: 60,
  min: 60,
  minute: 60,
  h: 3600,
  hour: 3600,
};
const RATE = /^(\d+(?:\.\d+)?)\s*\/\s*([a-z]+)$/;

/** Per-second value of a rate such as `20/s`, `100/min`, `3000/h`. Undefined when not a rate. */
export function parseRate(text: string | number): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = RATE.exec(text.trim());
  if (!m) return undefined;
  const per = RATE_UNITS[m[2]];
  if (!per) return undefined;
  return Number(m[1]) / per;
}

/** The units a rate may be written in, for messages. */
export const RATE_UNIT_NAMES = Object.keys(RATE_UNITS);

/** A fraction from `99.2%` or a number in [0, 1]. Undefined otherwise. */
export function parsePercent(text: string | number): number | undefined {
  if (typeof text === 'number') return text >= 0 && text <= 1 ? text : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  if (!m) return undefined;
  const v = Number(m[1]) / 100;
  return v <= 1 ? v : undefined;
}

/** Formats milliseconds the way scenario files write them (`1h30m`, `2m`, `1.5s`, `500ms`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let rest = ms;
  let out = '';
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  if (rest > 0) out += `${rest / 1000}s`;
  return out;
}
