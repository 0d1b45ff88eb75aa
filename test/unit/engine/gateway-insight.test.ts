// Where the direct path may go: in the editor (a confirmed origin is given) only to the confirmed
// target or to this machine; from the CLI (none given) anywhere the scenario says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachGatewayInsight, closeGatewayInsight } from '../../../src/engine/gateway-insight';
import { initHistograms } from '../../../src/engine/histogram';
import type { Runner } from '../../../src/engine/runner';
import type { HttpClient } from '../../../src/engine/http-client';
import type { CompiledMix } from '../../../src/engine/request-builder';
import type { Scenario } from '../../../src/scenario/model';

function attach(direct: string, allowed: string | undefined): { refused?: string; made: string[] } {
  const made: string[] = [];
  const runner = {} as Runner;
  const mix = {
    origin: 'https://gw.example.com',
    requests: [],
    pick: () => undefined,
    direct: { origin: direct, prefix: '' },
  };
  const refused = attachGatewayInsight(runner, {} as Scenario, mix as unknown as CompiledMix, allowed, (o) => {
    made.push(o);
    return { close: async () => undefined } as unknown as HttpClient;
  });
  void closeGatewayInsight(runner);
  return { refused, made };
}

test('the direct path: confirmed origin or this machine in the editor, anything from the CLI', async () => {
  await initHistograms();
  assert.deepEqual(attach('http://127.0.0.1:8791', 'https://gw.example.com'), {
    refused: undefined,
    made: ['http://127.0.0.1:8791'],
  });
  assert.deepEqual(attach('http://localhost:8791', 'https://gw.example.com').made, ['http://localhost:8791']);
  assert.equal(attach('https://gw.example.com', 'https://gw.example.com/v1').refused, undefined);
  const r = attach('https://api.openai.com', 'https://gw.example.com');
  assert.match(
    r.refused!,
    /^Refused to send: target\.direct resolves to https:\/\/api\.openai\.com, which was not confirmed/,
  );
  assert.deepEqual(r.made, [], 'no client for a refused path');
  assert.equal(attach('https://api.openai.com', undefined).refused, undefined);
});
