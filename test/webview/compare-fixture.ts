// The compare view's fixture: two real CLI runs against the mock, the second with the mock 30%
// slower, and the `compare/snapshot` built from them (record-compare-fixture.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHostToWebview, type CompareSnapshotNotification } from '../../src/protocol';
import type { StatComparison } from '../../src/shared/compare-types';

export const COMPARE_FIXTURE = join(__dirname, 'fixtures', 'compare-recorded.json');

/** Loads the recorded comparison and checks the webview's guard accepts it. */
export function loadRecordedComparison(): { recordedWith: string; snapshot: CompareSnapshotNotification } {
  const raw = JSON.parse(readFileSync(COMPARE_FIXTURE, 'utf8')) as { recordedWith: string; snapshot: unknown };
  if (!isHostToWebview(raw.snapshot) || raw.snapshot.type !== 'compare/snapshot')
    throw new Error('fixture is not a compare/snapshot the webview accepts');
  return { recordedWith: raw.recordedWith, snapshot: raw.snapshot };
}

/** The change column computed from the raw figures, independently of the renderers: one decimal, typographic minus, points for rates. */
export function expectedChange(metric: string, s: StatComparison): string {
  if (s.baseline === null || s.current === null) return '—';
  const rate = metric === 'http_req_failed' || metric === 'checks';
  if (!rate && s.baseline === 0 && s.current === 0) return '±0.0%';
  const v = rate ? (s.current - s.baseline) * 100 : ((s.current - s.baseline) / Math.abs(s.baseline)) * 100;
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  const text = Math.abs(v).toFixed(rate ? 2 : 1);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${text}${rate ? ' pt' : '%'}`;
}
