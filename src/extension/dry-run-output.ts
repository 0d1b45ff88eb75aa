// The "Gateway Load: Dry Run" output channel: each request and its answer, and streamed tokens as
// they arrive. A copy of the text is kept so tests can read what a person would see there.

import * as vscode from 'vscode';
import { formatSample } from './dry-run-format';
import type { RunSession } from './run-session';

const MAX_TRANSCRIPT = 200_000;

/** Writes dry runs to their output channel. */
export class DryRunOutput implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Gateway Load: Dry Run');
  private text = '';

  /** What the channel shows for the last dry run (bounded). */
  transcript(): string {
    return this.text;
  }

  /** Follows one dry run until it ends. */
  attach(session: RunSession, secretValues: readonly string[]): void {
    const { handle } = session;
    this.channel.clear();
    this.text = '';
    this.channel.show(true);
    this.line(
      `Dry run of ${session.scenario.name} (${new Date().toISOString()}): a handful of requests at a low rate.\n`,
    );
    let samples = 0;
    let streaming = -1;
    const offs = [
      handle.on('token', (requestIndex, text) => {
        if (requestIndex !== streaming) {
          streaming = requestIndex;
          this.append(`\n── #${requestIndex + 1} streaming: `);
        }
        this.append(text);
      }),
      handle.on('sample', (sample) => {
        if (streaming >= 0) this.line('');
        streaming = -1;
        this.line(formatSample(sample, samples++, secretValues));
      }),
    ];
    void handle.done.then((summary) => {
      for (const off of offs) off();
      this.line(
        `Dry run ${summary.status}: ${summary.requests.succeeded}/${summary.requests.sent} succeeded.${summary.reason ? ` ${summary.reason}` : ''}`,
      );
    });
  }

  private append(s: string): void {
    this.channel.append(s);
    if (this.text.length < MAX_TRANSCRIPT) this.text += s;
  }

  private line(s: string): void {
    this.append(`${s}\n`);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
