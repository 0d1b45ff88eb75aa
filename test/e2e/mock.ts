// Starts the project's mock gateway as the CLI does (`node dist/cli.js mock --port 0`), so the
// e2e run talks to the same binary a user would, and reads its stats over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A running mock gateway. */
export interface MockProcess {
  url: string;
  close(): Promise<void>;
}

/** Starts the mock from dist/cli.js and waits for its `listening on` line. */
export function startMockCli(repoRoot: string, timeoutMs = 20_000): Promise<MockProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`mock did not print "listening on" within ${timeoutMs / 1000}s\n${out}`)); }, timeoutMs);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        const url = m[1].replace(/\/$/, '');
        resolve({
          url,
          close: () => new Promise<void>((r) => {
            if (child.exitCode !== null) { r(); return; }
            child.once('close', () => r());
            child.kill('SIGTERM');
            setTimeout(() => { child.kill('SIGKILL'); r(); }, 3000);
          }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code) => { clearTimeout(timer); reject(new Error(`mock exited with ${code} before listening\n${out}`)); });
  });
}
