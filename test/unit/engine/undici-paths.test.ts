// The engine imports four of undici's own files (not its index) to keep fetch and the rest out of
// the worker bundle. They are private paths: this test is the tripwire for an undici upgrade.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

test('undici is pinned exactly, and the installed version is the pinned one', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
  const pinned = pkg.dependencies.undici;
  assert.match(
    pinned,
    /^\d+\.\d+\.\d+$/,
    `undici must be pinned exactly (found ${pinned}): the engine imports private paths`,
  );
  const installed = (require('undici/package.json') as { version: string }).version;
  assert.equal(installed, pinned);
});

test('each private path the engine imports is the very object undici exports publicly', () => {
  const undici = require('undici') as Record<string, unknown> & { Dispatcher: { prototype: Record<string, unknown> } };
  assert.equal(require('undici/lib/dispatcher/pool'), undici.Pool);
  assert.equal(require('undici/lib/dispatcher/proxy-agent'), undici.ProxyAgent);
  assert.equal(require('undici/lib/core/connect'), undici.buildConnector);
  assert.equal(require('undici/lib/api/api-connect'), undici.Dispatcher.prototype.connect);
});
