// Connections opened before the first open-model arrival, so the first second is not spent on
// TCP and TLS set-up (issue #18: 116 ms of send lateness in second 1 at 10k/s). undici's Pool has
// no pre-connect; its connector is ours, though: sockets opened early wait here, and the pool's
// next connections take them instead of dialling. No request is sent to warm them.
import type { Socket } from 'node:net';
import type buildConnector from 'undici/lib/core/connect';

/** Sockets connected ahead of need, handed to the pool's connector first. */
export class WarmSockets {
  private readonly idle: Socket[] = [];

  constructor(
    private readonly origin: string,
    private readonly dial: buildConnector.connector,
  ) {}

  /** Opens `n` connections (failures are left for the real requests to meet); resolves when all settled or `timeoutMs` passed. */
  warm(n: number, timeoutMs: number): Promise<number> {
    const u = new URL(this.origin);
    const https = u.protocol === 'https:';
    const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
    const params = {
      host: u.host,
      hostname,
      protocol: u.protocol,
      port: u.port || (https ? '443' : '80'),
      servername: null,
      localAddress: null,
    } as unknown as buildConnector.Options;
    return new Promise((resolve) => {
      let left = n;
      let opened = 0;
      const timer = setTimeout(() => resolve(opened), timeoutMs);
      const settle = (): void => {
        if (--left === 0) {
          clearTimeout(timer);
          resolve(opened);
        }
      };
      if (n <= 0) settle();
      for (let i = 0; i < n; i++)
        this.dial(params, (err, socket) => {
          if (!err && socket) {
            // Until undici owns it, an idle socket's error must not be uncaught.
            socket.on('error', () => undefined);
            this.idle.push(socket as Socket);
            opened++;
          }
          settle();
        });
    });
  }

  /** A warmed socket still open, or null (then the pool dials as usual). */
  take(): Socket | null {
    for (let s = this.idle.pop(); s; s = this.idle.pop()) if (!s.destroyed && s.readyState === 'open') return s;
    return null;
  }

  /** Closes the sockets nobody took. */
  close(): void {
    for (const s of this.idle.splice(0)) s.destroy();
  }
}

/** How many connections to warm: a few per 100 arrivals/s of the first second, within the pool's size. */
export function warmCount(firstSecondRate: number, maxConnections: number): number {
  return Math.max(1, Math.min(maxConnections, 64, Math.ceil(firstSecondRate / 100)));
}
