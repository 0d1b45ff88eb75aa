// CPU % and RSS of a gateway process on this machine (pidusage), found by pid or by command line.
import { readFileSync, readdirSync } from 'node:fs';
import pidusage from 'pidusage';
import type { ProcessMonitorSpec } from '../scenario/model';

/** The first process (other than this one) whose command line contains `text`; Linux /proc only. */
export function findProcess(text: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cmd.includes(text)) return Number(e);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** Samples one process; a process that is gone (or not yet found) is a failed sample, not an error. */
export class ProcessSampler {
  private pid: number | undefined;

  constructor(private readonly spec: ProcessMonitorSpec) {
    this.pid = spec.pid;
  }

  get target(): string {
    return this.spec.pid !== undefined ? `pid ${this.spec.pid}` : `command "${this.spec.command ?? ''}"`;
  }

  async sample(): Promise<{ cpu: number; rss: number }> {
    if (this.pid === undefined && this.spec.command) this.pid = findProcess(this.spec.command);
    if (this.pid === undefined) throw new Error(`no process matches ${this.target}`);
    try {
      const s = await pidusage(this.pid);
      return { cpu: s.cpu, rss: s.memory };
    } catch (err) {
      // A command-matched process may have restarted under a new pid: look again next time.
      if (this.spec.command) this.pid = undefined;
      throw err instanceof Error ? err : new Error(String(err));
    }
  }

  close(): void {
    if (this.pid !== undefined) pidusage.clear();
  }
}
