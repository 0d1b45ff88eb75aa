// The compare view's fixture: two real CLI runs against the mock, the second with the mock 30%
// slower, and the `compare/snapshot` built from them (record-compare-fixture.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHostToWebview, type CompareSnapshotNotification } from '../../src/protocol';

export const COMPARE_FIXTURE = join(__dirname, 'fixtures', 'compare-recorded.json');

/** Loads the recorded comparison and checks the webview's guard accepts it. */
export function loadRecordedComparison(): { recordedWith: string; snapshot: CompareSnapshotNotification } {
  const raw = JSON.parse(readFileSync(COMPARE_FIXTURE, 'utf8')) as { recordedWith: string; snapshot: unknown };
  if (!isHostToWebview(raw.snapshot) || raw.snapshot.type !== 'compare/snapshot') throw new Error('fixture is not a compare/snapshot the webview accepts');
  return { recordedWith: raw.recordedWith, snapshot: raw.snapshot };
}
