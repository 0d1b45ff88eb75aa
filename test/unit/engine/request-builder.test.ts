import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRequest, compileMix } from '../../../src/engine/request-builder';
import { chat, constantRate, scenario } from '../../integration/engine/scenario-fixtures';

const values = { env: {}, dotenv: {}, secrets: { k1: 'key-one', k2: 'key-two' }, vars: {} };
const header = (h: string[], name: string): string | undefined => {
  const i = h.indexOf(name);
  return i >= 0 ? h[i + 1] : undefined;
};

describe('request builder', () => {
  test('dialect body with the prompt filled, JSON-escaped; base path prefix kept', () => {
    const sc = scenario('http://127.0.0.1:9/gw/', constantRate(1, 1000), [
      chat({ prompt: { kind: 'inline', items: ['say "hi"\n'], pick: 'random' } }),
    ]);
    const mix = compileMix(sc, values);
    assert.equal(mix.origin, 'http://127.0.0.1:9');
    const b = buildRequest(mix.pick(), 1, 1);
    assert.equal(b.path, '/gw/v1/chat/completions');
    assert.equal(b.method, 'POST');
    const body = JSON.parse(b.body!);
    assert.equal(body.messages.at(-1).content, 'say "hi"\n');
    assert.equal(body.stream, true);
    assert.equal(header(b.headers, 'content-type'), 'application/json');
  });

  test('API keys rotate per VU; templated headers fill per request', () => {
    const sc = scenario('http://127.0.0.1:9', constantRate(1, 1000), [
      chat({ headers: { 'x-vu': '${vu}-${iteration}' } }),
    ]);
    sc.target.apiKeys = ['${secret:k1}', '${secret:k2}'];
    const r = compileMix(sc, values).pick();
    assert.equal(header(buildRequest(r, 1, 7).headers, 'authorization'), 'Bearer key-one');
    assert.equal(header(buildRequest(r, 2, 8).headers, 'authorization'), 'Bearer key-two');
    assert.equal(header(buildRequest(r, 3, 9).headers, 'authorization'), 'Bearer key-one');
    assert.equal(header(buildRequest(r, 3, 9).headers, 'x-vu'), '3-9');
  });

  test('weighted mix follows the weights', () => {
    const sc = scenario('http://127.0.0.1:9', constantRate(1, 1000), [
      chat({ name: 'a', weight: 3 }),
      chat({ name: 'b', weight: 1 }),
    ]);
    const mix = compileMix(sc, values);
    let a = 0;
    for (let i = 0; i < 8000; i++) if (mix.pick().name === 'a') a++;
    assert.ok(Math.abs(a / 8000 - 0.75) < 0.03, `share of a: ${a / 8000}`);
  });

  test('prompts from a JSONL file, in sequence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gl-prompts-'));
    const file = join(dir, 'p.jsonl');
    writeFileSync(file, '{"prompt":"one"}\n"two"\n{"messages":[{"role":"user","content":"three"}]}\n');
    const sc = scenario('http://127.0.0.1:9', constantRate(1, 1000), [
      chat({ prompt: { kind: 'file', path: file, pick: 'sequential' } }),
    ]);
    const r = compileMix(sc, values).pick();
    const got = [1, 2, 3, 4].map((i) => JSON.parse(buildRequest(r, 1, i).body!).messages.at(-1).content);
    assert.deepEqual(got, ['one', 'two', 'three', 'one']);
    rmSync(dir, { recursive: true, force: true });
  });

  test('raw requests send their body with templates filled', () => {
    const sc = scenario('http://127.0.0.1:9', constantRate(1, 1000), [
      chat({ api: 'raw', path: '/x/${iteration}', body: { token: '${secret:k1}', n: 1 } }),
    ]);
    const b = buildRequest(compileMix(sc, values).pick(), 1, 5);
    assert.equal(b.path, '/x/5');
    assert.deepEqual(JSON.parse(b.body!), { token: 'key-one', n: 1 });
  });

  test('a scenario without requests is an error before the run', () => {
    assert.throws(() => compileMix(scenario('http://127.0.0.1:9', constantRate(1, 1000), []), values), /no requests/);
  });

  test('an unresolvable secret is an error before any request', () => {
    const sc = scenario('http://127.0.0.1:9', constantRate(1, 1000), [chat({ headers: { a: '${secret:nope}' } })]);
    assert.throws(() => compileMix(sc, values), /secret:nope/);
  });
});
