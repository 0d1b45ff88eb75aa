import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, type ExchangeEnd } from '../../../src/engine/http-client';

let server: Server;
let origin: string;

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') {
      res.setHeader('content-type', 'application/json');
      res.end('{"a":1}');
    } else if (req.url === '/hang') {
      /* never answers */
    } else if (req.url === '/reset') req.socket.destroy();
    else if (req.url === '/slow-body') {
      res.write('x');
    } else {
      res.statusCode = 503;
      res.end('no');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function send(client: HttpClient, path: string): Promise<{ status: number; end: ExchangeEnd; body: string }> {
  return new Promise((resolve) => {
    let status = 0;
    let body = '';
    client.send(
      'GET',
      path,
      [],
      null,
      {
        headers: (s) => {
          status = s;
        },
        data: (c) => {
          body += c.toString();
        },
        end: (end) => resolve({ status, end, body }),
      },
      performance.now(),
    );
  });
}

describe('HttpClient', () => {
  test('answers, statuses and transport failures end in exactly one way each', async () => {
    const client = new HttpClient(origin, { connections: 4, pipelining: 1, timeoutMs: 300 });
    const ok = await send(client, '/ok');
    assert.equal(ok.status, 200);
    assert.equal(ok.body, '{"a":1}');
    assert.equal(ok.end.errorClass, null);
    const bad = await send(client, '/503');
    assert.equal(bad.end.status, 503);
    assert.equal(bad.end.errorClass, null);
    const reset = await send(client, '/reset');
    assert.equal(reset.end.errorClass, 'connection');
    const hang = await send(client, '/hang');
    assert.equal(hang.end.errorClass, 'timeout');
    assert.equal(client.inflight.size, 0);
    await client.close();
  });

  test('the deadline sweep times out a body that never ends; cancelAll cancels', async () => {
    const client = new HttpClient(origin, { connections: 2, pipelining: 1, timeoutMs: 10_000 });
    const start = performance.now();
    const p = send(client, '/slow-body');
    await new Promise((r) => setTimeout(r, 50));
    client.sweep(start + 20_000);
    assert.equal((await p).end.errorClass, 'timeout');
    const q = send(client, '/hang');
    await new Promise((r) => setTimeout(r, 50));
    client.cancelAll();
    assert.equal((await q).end.errorClass, 'cancelled');
    await client.close();
  });

  test('a refused connection is a connection error', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const client = new HttpClient(`http://127.0.0.1:${port}`, { connections: 1, pipelining: 1, timeoutMs: 1000 });
    const r = await send(client, '/ok');
    assert.equal(r.end.errorClass, 'connection');
    assert.equal(r.end.status, 0);
    await client.close();
  });
});
