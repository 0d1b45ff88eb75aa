// Token-exact prompts: every corpus piece and every generated prompt is counted with the real
// tokenizers (o200k, which the engine uses by default, and cl100k for older models).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { lengthSampler, PIECES, seededRandom, TokenCorpus, TokenPrompts } from '../../../src/dialects/token-prompts';
import { buildRequest, compileMix } from '../../../src/engine/request-builder';
import { chat, constantRate, scenario } from '../../integration/engine/scenario-fixtures';
import type { LengthSpec } from '../../../src/scenario/model';

const values = { env: {}, dotenv: {}, secrets: {}, vars: {} };

function moments(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
}

describe('token prompts', () => {
  test('every piece of the corpus is one token in o200k and cl100k', () => {
    for (const p of PIECES) {
      assert.equal(o200k(p), 1, `o200k: ${JSON.stringify(p)}`);
      assert.equal(cl100k(p), 1, `cl100k: ${JSON.stringify(p)}`);
    }
  });

  test('generated prompts count exactly as planned, including corpus wrap-around and odd lengths', () => {
    const corpus = new TokenCorpus(7, 2000);
    for (const [start, n] of [
      [0, 1],
      [5, 2],
      [1990, 30],
      [1500, 2500],
      [123, 777],
      [1999, 1],
    ]) {
      const text = corpus.slice(start, n);
      assert.equal(o200k(text), n, `o200k, start ${start}, ${n} tokens`);
      assert.equal(cl100k(text), n, `cl100k, start ${start}, ${n} tokens`);
    }
    const gen = new TokenPrompts(
      { seed: 3, tokens: { distribution: 'lognormal', mean: 400, stddev: 300, min: 1, max: 3000 } },
      3,
    );
    for (let i = 0; i < 200; i++) {
      const p = gen.next();
      assert.equal(o200k(p.text), p.tokens, `prompt ${i}`);
    }
  });

  test('the same seed gives the same prompts; another seed other prompts', () => {
    const spec = { seed: 9, tokens: { distribution: 'normal' as const, mean: 50, stddev: 10 } };
    const a = new TokenPrompts(spec, 9);
    const b = new TokenPrompts(spec, 9);
    const c = new TokenPrompts(spec, 10);
    const xa = Array.from({ length: 20 }, () => a.next().text);
    assert.deepEqual(
      xa,
      Array.from({ length: 20 }, () => b.next().text),
    );
    assert.notDeepEqual(
      xa,
      Array.from({ length: 20 }, () => c.next().text),
    );
  });

  test('shared prefixes: every prompt starts with one of the groups and counts prefix + suffix exactly', () => {
    const gen = new TokenPrompts(
      { seed: 1, tokens: { distribution: 'fixed', mean: 20, stddev: 0 }, prefix: { tokens: 300, groups: 4 } },
      1,
    );
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const p = gen.next();
      seen.add(p.group);
      assert.ok(p.text.startsWith(gen.prefix(p.group)));
      assert.equal(p.tokens, 320);
      assert.equal(o200k(p.text), 320);
      assert.equal(o200k(gen.prefix(p.group)), 300);
    }
    assert.equal(seen.size, 4);
    // A trace's length is the whole prompt's.
    assert.equal(o200k(gen.next(500).text), 500);
  });

  test('distributions: mean and stddev as asked, bounds held', () => {
    const draw = (spec: LengthSpec, n = 20000): number[] => {
      const s = lengthSampler(spec, seededRandom(5));
      return Array.from({ length: n }, s);
    };
    for (const distribution of ['normal', 'lognormal', 'uniform'] as const) {
      const m = moments(draw({ distribution, mean: 300, stddev: 50 }));
      assert.ok(Math.abs(m.mean - 300) < 300 * 0.02, `${distribution} mean ${m.mean}`);
      assert.ok(Math.abs(m.sd - 50) < 50 * 0.04, `${distribution} stddev ${m.sd}`);
    }
    assert.deepEqual([...new Set(draw({ distribution: 'fixed', mean: 42, stddev: 9 }, 100))], [42]);
    const bounded = draw({ distribution: 'normal', mean: 100, stddev: 80, min: 50, max: 150 });
    assert.ok(Math.min(...bounded) === 50 && Math.max(...bounded) === 150);
    const uni = draw({ distribution: 'uniform', mean: 100, stddev: 1, min: 10, max: 20 });
    assert.ok(Math.min(...uni) >= 10 && Math.max(...uni) <= 20);
  });

  test('the request builder plans input and output lengths and writes them into the body', () => {
    const sc = scenario('http://127.0.0.1:9', constantRate(1, 1000), [
      chat({
        prompt: { kind: 'tokens', seed: 1, tokens: { distribution: 'normal', mean: 120, stddev: 30 } },
        maxTokens: 150,
        maxTokensDist: { distribution: 'normal', mean: 150, stddev: 20 },
        exactOutput: true,
      }),
    ]);
    const r = compileMix(sc, values).pick();
    const outs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const b = buildRequest(r, 1, i);
      const body = JSON.parse(b.body!);
      assert.equal(o200k(body.messages.at(-1).content), b.plannedInput);
      assert.equal(body.max_tokens, b.plannedOutput);
      assert.equal(body.min_tokens, b.plannedOutput);
      assert.equal(body.ignore_eos, true);
      outs.push(b.plannedOutput!);
    }
    assert.ok(new Set(outs).size > 10, 'max_tokens varies per request');
    // A trace row's lengths override the plan.
    const t = buildRequest(r, 1, 99, { input: 77, output: 5 });
    assert.equal(t.plannedInput, 77);
    assert.equal(JSON.parse(t.body!).max_tokens, 5);
  });
});
