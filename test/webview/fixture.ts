// The message sequence the panel tests play: recorded from a real CLI run against the mock
// by record-fixture.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHostToWebview, type HostToWebview, type RunInfo, type Summary, type Window } from '../../src/protocol';

export const FIXTURE = join(__dirname, 'fixtures', 'run-recorded.json');

/** A recorded run: what the host sent, and the pieces the tests compute expectations from. */
export interface RecordedRun {
  recordedWith: string;
  messages: HostToWebview[];
  info: RunInfo;
  windows: Window[];
  summary: Summary;
}

/** Loads the recorded fixture and checks it is the sequence a host sends. */
export function loadRecordedRun(): RecordedRun {
  const raw = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { recordedWith: string; messages: unknown[] };
  const messages = raw.messages.filter(isHostToWebview);
  if (messages.length !== raw.messages.length) throw new Error('fixture holds messages the webview would reject');
  const [first, ...rest] = messages;
  const last = rest[rest.length - 1];
  if (first?.type !== 'run/snapshot' || !first.info || last?.type !== 'run/ended') throw new Error('fixture must be snapshot, windows…, ended');
  const windows = rest.flatMap((m) => (m.type === 'run/window' ? [m.window] : []));
  return { recordedWith: raw.recordedWith, messages, info: first.info, windows, summary: last.summary };
}
