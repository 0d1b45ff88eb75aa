// The "Gateway Load" log channel's account of a run: start, warnings (a saturated generator,
// dropped iterations, threshold aborts), stop, and where the results are.

import type * as vscode from 'vscode';
import type { RunSession } from './run-session';
import { formatDuration } from './run-gate';
import { redactUrl } from '../shared/redact';

/** Writes a run's life to the log channel until it ends. */
export function attachRunLog(log: vscode.LogOutputChannel, session: RunSession, baseUrl: string): void {
  const { handle, scenario } = session;
  const what = session.mode === 'dry' ? 'Dry run' : 'Run';
  log.info(
    `${what} ${handle.runId} started: "${scenario.name}" → ${redactUrl(baseUrl)}, ${scenario.load.executor}, planned ${formatDuration(handle.info.plannedDurationMs || scenario.load.durationMs)}; results in ${handle.resultsDir}`,
  );
  let droppedSeen = 0;
  let saturatedAt = -Infinity;
  const offs = [
    handle.on('log', (level, message) => {
      if (level === 'error') log.error(message);
      else if (level === 'warn') log.warn(message);
      else log.info(message);
    }),
    handle.on('window', (w) => {
      if (w.dropped > 0) {
        // Once when it starts, then every 10 s while it goes on: the log stays readable.
        if (droppedSeen === 0 || w.index % 10 === 0)
          log.warn(
            `second ${w.index + 1}: ${w.dropped} dropped iterations (no free connection: maxConnections or the gateway is the limit)`,
          );
        droppedSeen += w.dropped;
      }
      if ((w.elu > 0.9 || w.latenessP99Ms > 5) && w.index - saturatedAt >= 10) {
        saturatedAt = w.index;
        // Late sends with an idle event loop: other processes had the CPU, not the generator's own work.
        if (w.elu < 0.6)
          log.warn(
            `second ${w.index + 1}: the machine is busy (send lateness p99 ${w.latenessP99Ms.toFixed(1)} ms while the generator's event loop was ${(w.elu * 100).toFixed(0)}% busy): other processes are taking the CPU`,
          );
        else
          log.warn(
            `second ${w.index + 1}: the generator itself is saturated (event-loop utilisation ${(w.elu * 100).toFixed(0)}%, send lateness p99 ${w.latenessP99Ms.toFixed(1)} ms): the figures understate what the gateway could do`,
          );
      }
    }),
  ];
  void handle.done.then((summary) => {
    for (const off of offs) off();
    const failedThresholds = summary.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);
    const line = `${what} ${summary.runId} ${summary.status}${summary.reason ? ` (${summary.reason})` : ''} after ${formatDuration(summary.durationMs)}: ${summary.requests.sent} sent, ${summary.requests.succeeded} succeeded, ${summary.requests.failed} failed`;
    if (summary.status === 'failed' || summary.status === 'aborted') log.error(line);
    else log.info(line);
    if (failedThresholds.length > 0) log.warn(`thresholds not met: ${failedThresholds.join('; ')}`);
    if (droppedSeen > 0) log.warn(`${droppedSeen} dropped iterations in total`);
    for (const w of summary.generator?.warnings ?? []) log.warn(w);
    for (const w of summary.warnings ?? []) log.warn(w);
    log.info(`results: ${handle.resultsDir}`);
    // Read after the sessions' own end listener has measured it (it subscribed first).
    setImmediate(() => {
      if (session.hostLoopDelayP99Ms !== undefined)
        log.info(`extension host event-loop delay during the run: p99 ${session.hostLoopDelayP99Ms.toFixed(1)} ms`);
    });
  });
}
