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
  if (first?.type !== 'run/snapshot' || !first.info || last?.type !== 'run/ended')
    throw new Error('fixture must be snapshot, windows…, ended');
  const windows = rest.flatMap((m) => (m.type === 'run/window' ? [m.window] : []));
  return { recordedWith: raw.recordedWith, messages, info: first.info, windows, summary: last.summary };
}

/** The messages a host sends a panel for a whole run: snapshot (no windows yet), one per window, ended. */
export function runMessages(info: RunInfo, windows: readonly Window[], summary: Summary): HostToWebview[] {
  return [
    { type: 'run/snapshot', info, windows: [], status: 'running', summary: null },
    ...windows.map((window): HostToWebview => ({ type: 'run/window', runId: info.runId, window })),
    { type: 'run/ended', runId: info.runId, status: summary.status, summary },
  ];
}

/** A run folder as `gateway-load run --out` leaves it: run.json, windows.ndjson and summary.json. */
export function readRunFolder(dir: string): { info: RunInfo; windows: Window[]; summary: Summary } {
  const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunInfo;
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
  const windows = readFileSync(join(dir, 'windows.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Window);
  return { info, windows, summary };
}
