// The HTTP side of the mock: a node:http server tuned to hold many long streams, the control
// routes (`/__mock/*`) for out-of-process tests, and the `MockServer` handle.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyPatch, DEFAULT_CONFIG, MockConfigError } from './config';
import { guard, MockGateway } from './gateway';
import type { MockConfig, MockServer } from './types';

/** Starts the mock; resolves once it listens. `port: 0` picks a free port (see `url`). */
export async function startMock(config: Partial<MockConfig> = {}): Promise<MockServer> {
  const gateway = new MockGateway(applyPatch(DEFAULT_CONFIG, config));
  const server = createServer(
    {
      // Streams may last minutes and hung requests must stay hung until the client gives up.
      requestTimeout: 0,
      headersTimeout: 0,
      keepAliveTimeout: 120_000,
      noDelay: true,
    },
    (req, res) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      guard(res, () => {
        if (path.startsWith('/__mock/')) control(gateway, req, res, path);
        else gateway.handle(req, res, path);
      });
    },
  );
  server.maxConnections = Infinity;
  server.keepAliveTimeout = 120_000;
  server.on('connection', (socket) => {
    gateway.stats.connectionOpened();
    socket.once('close', () => gateway.stats.connectionClosed());
  });
  // A client that sends garbage gets a 400 from Node; never let it bring the process down.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  const { host, port } = gateway.config;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    host,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Streams and hung requests would keep close() waiting forever; cut them.
        server.closeAllConnections();
      });
      return closing;
    },
    stats: () => gateway.stats.snapshot(),
    resetStats: () => {
      gateway.stats.reset();
      gateway.cache.clear();
      gateway.cache.clear();
    },
    setConfig: (patch) => gateway.setConfig(patch),
    config: () => gateway.config,
    requests: () => gateway.recorded.slice(),
  };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** `GET /__mock/stats`, `POST /__mock/reset`, `GET|POST /__mock/config` (a JSON patch), `GET /__mock/requests` (with `recordRequests`). */
function control(gateway: MockGateway, req: IncomingMessage, res: ServerResponse, path: string): void {
  const route = `${req.method} ${path}`;
  if (route === 'GET /__mock/stats') return json(res, 200, gateway.stats.snapshot());
  if (route === 'POST /__mock/reset') {
    gateway.stats.reset();
    gateway.recorded.length = 0;
    return json(res, 200, { ok: true });
  }
  if (route === 'GET /__mock/config') return json(res, 200, gateway.config);
  if (route === 'GET /__mock/requests') return json(res, 200, gateway.recorded);
  if (route !== 'POST /__mock/config')
    return json(res, 404, {
      error: { message: `Unknown control route ${route}`, type: 'invalid_request_error', param: null, code: null },
    });
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      gateway.setConfig(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<MockConfig>);
      json(res, 200, { ok: true, config: gateway.config });
    } catch (err) {
      const message = err instanceof MockConfigError || err instanceof SyntaxError ? err.message : String(err);
      json(res, 400, { error: { message, type: 'invalid_request_error', param: null, code: null } });
    }
  });
}
