// Open models open their connections before the first arrival (no request is sent for it), so
// the first second is not spent on connection set-up; the pool then uses those connections.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { warmCount } from '../../../src/engine/warm-connections';
import { chat, constantRate, constantVus, scenario } from './scenario-fixtures';
import { run } from './run-helpers';

let server: Server;
let url = '';
let connections = 0;
let connectionsAtFirstRequest = -1;
let requests = 0;
before(async () => {
  server = createServer((req, res) => {
    if (requests++ === 0) connectionsAtFirstRequest = connections;
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

function reset(): void {
  connections = 0;
  connectionsAtFirstRequest = -1;
  requests = 0;
}

test('open model: warmCount(rate) connections are open when the first request arrives, and only requests the plan holds are sent', async () => {
  reset();
  const sc = scenario(url, constantRate(500, 1000), [chat({ stream: false })]);
  sc.target.maxConnections = 50;
  const { summary: s } = await run(sc);
  assert.equal(warmCount(500, 50), 5);
  assert.ok(connectionsAtFirstRequest >= 5, `${connectionsAtFirstRequest} connections at the first request`);
  const seen = JSON.stringify({
    requests: s.requests,
    errors: s.errors,
    samples: s.errorSamples?.slice(0, 2),
    connections,
  });
  const dropped = s.metrics.dropped_iterations?.count ?? 0;
  assert.equal(s.requests.sent + dropped, 500, seen);
  assert.equal(requests, s.requests.sent, `warming sends no request: ${seen}`);
  assert.ok(connections <= 50);
});

test('closed model: no warm-up (VUs open what they need as today)', async () => {
  reset();
  const sc = scenario(url, constantVus(1, 500), [chat({ stream: false })]);
  await run(sc);
  // The connection carrying the first request is the only one the server has seen.
  assert.equal(connectionsAtFirstRequest, 1);
});
