// The host's record of the runs going on and of the last one, so CodeLens, the status bar, the
// live panel, the Test Explorer and the runs view all read one state and hear one set of events.
// Several runs may go at once (a baseline against two gateways, load plus a probe); the rate and
// connection caps of the settings are shared among them (cap-share.ts).

import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { RunHandle } from '../run/types';
import type { Scenario } from '../scenario/model';
import type { Summary, Window } from '../protocol';

/** One run started from the editor. */
export interface RunSession {
  readonly handle: RunHandle;
  /** The scenario document it came from. */
  readonly uri: vscode.Uri;
  readonly scenario: Scenario;
  readonly mode: 'run' | 'dry';
  /** Set once the run has ended. */
  summary?: Summary;
  /** The rate and connection caps this run was given: its share of the settings' caps. */
  caps?: { maxRequestsPerSecond?: number; maxConnections?: number };
  /** The extension host's own event-loop delay p99 (ms) during the run, set at its end: the UI must stay responsive under load. */
  hostLoopDelayP99Ms?: number;
}

/** Holds the runs going (several may run at once, each with its own worker) and the last one, and tells listeners when they change. */
export class RunSessions implements vscode.Disposable {
  private readonly running = new Map<string, RunSession>();
  private lastSession: RunSession | undefined;
  private readonly started = new vscode.EventEmitter<RunSession>();
  private readonly ended = new vscode.EventEmitter<RunSession>();
  private readonly windowed = new vscode.EventEmitter<{ session: RunSession; window: Window }>();
  private readonly perRun = new Map<RunSession, { off: () => void; delay: IntervalHistogram }>();

  /** A run started. */
  readonly onDidStart = this.started.event;
  /** A run ended (its summary is set). */
  readonly onDidEnd = this.ended.event;
  /** One more second of a run going. */
  readonly onDidWindow = this.windowed.event;

  /** The run started last of those going. */
  get current(): RunSession | undefined {
    let last: RunSession | undefined;
    for (const s of this.running.values()) last = s;
    return last;
  }

  /** Every run going, oldest first. */
  get all(): RunSession[] {
    return [...this.running.values()];
  }

  /** The run started last that is going, else the one that ended last in this window. */
  get latest(): RunSession | undefined {
    return this.current ?? this.lastSession;
  }

  /** The run of this document that is going, if any. */
  sessionFor(uri: vscode.Uri): RunSession | undefined {
    return this.all.find((s) => s.uri.toString() === uri.toString());
  }

  /** The run going with this id. */
  byRunId(runId: string): RunSession | undefined {
    return this.running.get(runId);
  }

  /** True while a run of this document is going. */
  isRunning(uri: vscode.Uri): boolean {
    return this.sessionFor(uri) !== undefined;
  }

  /** Adopts a run just started; refuses a second run of the same document. */
  begin(handle: RunHandle, uri: vscode.Uri, scenario: Scenario, mode: 'run' | 'dry'): RunSession {
    const same = this.sessionFor(uri);
    if (same) throw new Error(`${same.scenario.name} is already running: stop it first.`);
    const session: RunSession = { handle, uri, scenario, mode };
    this.running.set(handle.runId, session);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    this.perRun.set(session, { off: handle.on('window', (window) => this.windowed.fire({ session, window })), delay });
    void vscode.commands.executeCommand('setContext', 'gatewayLoad.running', true);
    this.started.fire(session);
    handle.done.then(
      (summary) => this.finish(session, summary),
      // `done` is specified never to reject; if it does, the run is still over for the UI.
      () => this.finish(session, undefined),
    );
    return session;
  }

  private finish(session: RunSession, summary: Summary | undefined): void {
    session.summary = summary;
    if (this.running.get(session.handle.runId) === session) {
      this.running.delete(session.handle.runId);
      const own = this.perRun.get(session);
      if (own) {
        own.delay.disable();
        // Nanoseconds; a run shorter than a sample leaves no data (NaN), reported as 0.
        session.hostLoopDelayP99Ms = Number.isFinite(own.delay.percentile(99)) ? own.delay.percentile(99) / 1e6 : 0;
        own.off();
        this.perRun.delete(session);
      }
      void vscode.commands.executeCommand('setContext', 'gatewayLoad.running', this.running.size > 0);
    }
    this.lastSession = session;
    this.ended.fire(session);
  }

  dispose(): void {
    // Leaving a load test running with no UI to stop it would be worse than stopping it.
    for (const s of this.running.values()) s.handle.stop('VS Code window closing');
    for (const own of this.perRun.values()) {
      own.delay.disable();
      own.off();
    }
    this.perRun.clear();
    this.started.dispose();
    this.ended.dispose();
    this.windowed.dispose();
  }
}
