// A raw-socket server that breaks every rule, by path (random bytes, SSE cut mid-event, a 100 MB
// line, 1 MB of headers), and an RSS sampler: shared by the hostile-server tests.
import { after, before } from 'node:test';
import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { run } from './run-helpers';
import { chat, constantRate, scenario } from './scenario-fixtures';

const CHUNK = Buffer.alloc(64 * 1024, 'a');
let server: Server;
export let base: string;
const sockets = new Set<Socket>();

/** Writes `total` bytes of 'a' in 64 KB chunks, waiting on backpressure, then ends the socket. */
function writeMany(s: Socket, total: number): void {
  let left = total;
  const pump = (): void => {
    while (left > 0 && !s.destroyed) {
      const n = Math.min(left, CHUNK.length);
      left -= n;
      if (!s.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
        s.once('drain', pump);
        return;
      }
    }
    s.end();
  };
  pump();
}

function answer(s: Socket, path: string): void {
  const sse = 'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n';
  switch (path) {
    case '/random':
      s.end(randomBytes(4096));
      break;
    case '/truncated':
      s.end(`${sse}data: {"choices":[{"delta":{"content":"hi"}}]}\n\ndata: {"choices":[{"del`);
      break;
    case '/long-line':
      s.write(`${sse}data: `);
      writeMany(s, 100 * 1024 * 1024);
      break;
    case '/big-headers':
      s.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-big: ');
      s.write(Buffer.alloc(1024 * 1024, 'b'));
      s.end('\r\ncontent-length: 2\r\n\r\n{}');
      break;
    default:
      s.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  }
}

/** Starts the server for the calling test file (and warms the worker up once). */
export function useHostileServer(): void {
  before(async () => {
    server = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      let head = '';
      s.on('data', (d: Buffer) => {
        if (head.includes('\r\n\r\n')) return;
        head += d.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        answer(s, head.slice(0, head.indexOf('\r\n')).split(' ')[1] ?? '/');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    // One short run first, so the figures below do not include the worker's and WASM's start-up.
    await run(scenario(base, constantRate(5, 500), [chat({ path: '/truncated' })]));
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
}

/** Runs `sc` while sampling this process's RSS (the engine worker lives in it); returns the peak growth. */
export async function measured(
  sc: Parameters<typeof run>[0],
): Promise<{ result: Awaited<ReturnType<typeof run>>; peakMb: number }> {
  const before0 = process.memoryUsage().rss;
  let peak = before0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await run(sc);
    return { result, peakMb: (peak - before0) / 1048576 };
  } finally {
    clearInterval(timer);
  }
}
