// The host's record of the run going on (one at a time: two load tests on one machine would
// measure each other) and of the last one, so CodeLens, the status bar, the live panel and the
// runs view all read one state and hear one set of events.

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
  /** The extension host's own event-loop delay p99 (ms) during the run, set at its end: the UI must stay responsive under load. */
  hostLoopDelayP99Ms?: number;
}

/** Holds the current and the last run and tells listeners when they change. */
export class RunSessions implements vscode.Disposable {
  private currentSession: RunSession | undefined;
  private lastSession: RunSession | undefined;
  private readonly started = new vscode.EventEmitter<RunSession>();
  private readonly ended = new vscode.EventEmitter<RunSession>();
  private readonly windowed = new vscode.EventEmitter<{ session: RunSession; window: Window }>();
  private readonly unsubscribe: Array<() => void> = [];
  private delay: IntervalHistogram | undefined;

  /** A run started. */
  readonly onDidStart = this.started.event;
  /** A run ended (its summary is set). */
  readonly onDidEnd = this.ended.event;
  /** One more second of the current run. */
  readonly onDidWindow = this.windowed.event;

  get current(): RunSession | undefined {
    return this.currentSession;
  }

  /** The current run, else the one that ended last in this window. */
  get latest(): RunSession | undefined {
    return this.currentSession ?? this.lastSession;
  }

  /** True while a run of this document is going. */
  isRunning(uri: vscode.Uri): boolean {
    return this.currentSession?.uri.toString() === uri.toString();
  }

  /** Adopts a run just started; refuses a second one. */
  begin(handle: RunHandle, uri: vscode.Uri, scenario: Scenario, mode: 'run' | 'dry'): RunSession {
    if (this.currentSession) throw new Error(`A run is already going (${this.currentSession.scenario.name}): stop it first.`);
    const session: RunSession = { handle, uri, scenario, mode };
    this.currentSession = session;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    this.delay = delay;
    this.unsubscribe.push(handle.on('window', (window) => this.windowed.fire({ session, window })));
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
    if (this.currentSession === session) {
      this.currentSession = undefined;
      if (this.delay) {
        this.delay.disable();
        // Nanoseconds; a run shorter than a sample leaves no data (NaN), reported as 0.
        session.hostLoopDelayP99Ms = Number.isFinite(this.delay.percentile(99)) ? this.delay.percentile(99) / 1e6 : 0;
        this.delay = undefined;
      }
      for (const off of this.unsubscribe.splice(0)) off();
      void vscode.commands.executeCommand('setContext', 'gatewayLoad.running', false);
    }
    this.lastSession = session;
    this.ended.fire(session);
  }

  dispose(): void {
    // Leaving a load test running with no UI to stop it would be worse than stopping it.
    this.currentSession?.handle.stop('VS Code window closing');
    this.delay?.disable();
    for (const off of this.unsubscribe.splice(0)) off();
    this.started.dispose();
    this.ended.dispose();
    this.windowed.dispose();
  }
}
