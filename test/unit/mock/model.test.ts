import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { Random } from '../../../src/mock/random';
import { formatResetDuration, RateLimiter } from '../../../src/mock/rate-limit';
import { countMessages, countTokens, embedding, outputText } from '../../../src/mock/text';

describe('mock randomness', () => {
  test('the same seed repeats the same draws; another seed does not', () => {
    const a = new Random(42),
      b = new Random(42),
      c = new Random(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      Array.from({ length: 5 }, () => b.next()),
      xs,
    );
    assert.notDeepEqual(
      Array.from({ length: 5 }, () => c.next()),
      xs,
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });

  test('latency distributions have the asked mean and spread', () => {
    const r = new Random(1);
    for (const dist of ['normal', 'lognormal'] as const) {
      const xs = Array.from({ length: 20_000 }, () => r.sample({ dist, mean: 50, stddev: 20 }));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
      assert.ok(Math.abs(mean - 50) < 1.5, `${dist} mean ${mean}`);
      assert.ok(Math.abs(sd - 20) < 2, `${dist} stddev ${sd}`);
      assert.ok(xs.every((x) => x >= 0));
    }
    assert.equal(r.sample(30), 30);
  });
});

describe('mock rate limiter', () => {
  test('a bucket allows its burst, then refills at the rate, per key', () => {
    let now = 0;
    const rl = new RateLimiter({ requestsPerSecond: 10, burst: 3 }, () => now);
    assert.deepEqual(
      [1, 2, 3].map(() => rl.take('k').allowed),
      [true, true, true],
    );
    const denied = rl.take('k');
    assert.equal(denied.allowed, false);
    assert.equal(denied.remaining, 0);
    assert.equal(denied.retryAfterMs, 100);
    assert.equal(rl.take('other').allowed, true, 'keys have their own buckets');
    now = 100;
    assert.equal(rl.take('k').allowed, true);
    assert.equal(rl.take('k').allowed, false);
    now = 1000;
    const v = rl.take('k');
    assert.equal(v.remaining, 2);
    assert.equal(v.resetMs, 100);
  });

  test("reset durations read like OpenAI's", () => {
    assert.equal(formatResetDuration(12), '12ms');
    assert.equal(formatResetDuration(1500), '1.5s');
    assert.equal(formatResetDuration(360_000), '6m0s');
  });
});

describe('mock text', () => {
  test('every output token is exactly one token for real tokenizers', () => {
    for (const n of [1, 2, 17, 64, 300]) {
      const text = outputText(n);
      assert.equal(encodeO200k(text).length, n, `o200k, ${n} tokens`);
      assert.equal(encodeCl100k(text).length, n, `cl100k, ${n} tokens`);
    }
  });

  test("prompts are counted with o200k exactly, plus OpenAI's chat framing of 3 per message + role and 3 for the reply", () => {
    const prose =
      'Load testing an AI gateway means measuring time to first token, inter-token latency and throughput under realistic concurrency, while counting every error by its class. <|endoftext|>';
    const real = encodeO200k(prose, { disallowedSpecial: new Set() }).length;
    assert.equal(countTokens(prose), real);
    assert.equal(countTokens(prose), real, 'the cached count is the same');
    assert.equal(countMessages([{ role: 'user', content: 'hello' }]), 3 + 1 + 1 + 3);
    assert.equal(countMessages([{ role: 'user', content: [{ type: 'text', text: 'hello world' }] }]), 3 + 1 + 2 + 3);
    assert.equal(
      countMessages([{ role: 'user', content: 'hello' }], 'Be brief.'),
      3 + 1 + 1 + 3 + 1 + 3 + 3,
      'system: its own framing, role and content',
    );
  });

  test('embeddings are deterministic unit vectors', () => {
    const a = embedding('x', 64),
      b = embedding('x', 64),
      c = embedding('y', 64);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.ok(Math.abs(a.reduce((s, v) => s + v * v, 0) - 1) < 1e-5);
  });
});
