// Number formatting for tiles, tables and axes. Pure, so the state tests can check labels.

/** Milliseconds as a person reads them: "0.42 ms", "87 ms", "1.24 s". */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A fraction as a percentage; never rounds a miss up to "100.0%". */
export function fmtPct(frac: number | null | undefined): string {
  if (frac === null || frac === undefined || !Number.isFinite(frac)) return '—';
  for (let digits = 1; digits <= 3; digits++) {
    const text = (frac * 100).toFixed(digits);
    if (frac >= 1 || text !== (100).toFixed(digits)) return `${text}%`;
  }
  return `${(frac * 100).toFixed(3)}%`;
}

/** A plain number with thousands separators and at most `digits` decimals. */
export function fmtNum(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Requests (or tokens) per second: "12.3/s". */
export function fmtPerSec(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${fmtNum(n, n < 10 ? 2 : 1)}/s`;
}

/** Per second shown per minute: "740/min". */
export function fmtPerMin(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return '—';
  return `${fmtNum(perSec * 60, 0)}/min`;
}

/** A clock duration: "0:07", "12:05", "1:02:03". */
export function fmtClock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
