import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyPatch,
  DEFAULT_CONFIG,
  MockConfigError,
  normalizePatch,
  parseDuration,
  parseLatency,
  parseRateLimit,
} from '../../../src/mock/config';
import { parseMockArgs } from '../../../src/cli/mock';

describe('mock config parsing', () => {
  test('durations in ms, s, m and bare numbers', () => {
    assert.equal(parseDuration('200ms'), 200);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration('75'), 75);
    assert.equal(parseDuration(12), 12);
    assert.throws(() => parseDuration('fast'), MockConfigError);
    assert.throws(() => parseDuration(-1), MockConfigError);
  });

  test('latency: fixed or a distribution', () => {
    assert.equal(parseLatency('50ms', 'latencyMs'), 50);
    assert.deepEqual(parseLatency('lognormal:50ms:20ms', 'latencyMs'), { dist: 'lognormal', mean: 50, stddev: 20 });
    assert.deepEqual(parseLatency({ dist: 'normal', mean: '1s', stddev: 100 }, 'latencyMs'), {
      dist: 'normal',
      mean: 1000,
      stddev: 100,
    });
    assert.throws(() => parseLatency('gamma:1:2', 'latencyMs'), /latencyMs: expected DURATION or normal\|lognormal/);
  });

  test('rate limits per second or minute, with an optional burst', () => {
    assert.deepEqual(parseRateLimit('100/s'), { requestsPerSecond: 100, burst: undefined });
    assert.deepEqual(parseRateLimit('100/s,200'), { requestsPerSecond: 100, burst: 200 });
    assert.deepEqual(parseRateLimit('600/min'), { requestsPerSecond: 10, burst: undefined });
    assert.equal(parseRateLimit('off'), null);
    assert.throws(() => parseRateLimit('0/s'), /rate must be > 0/);
    assert.throws(() => parseRateLimit('10 per second'), MockConfigError);
  });

  test('patches are checked key by key; unknown keys and excess fault rates are refused', () => {
    assert.deepEqual(normalizePatch({ failRate: '0.25', apiKeys: 'k1', port: 0 }), {
      failRate: 0.25,
      apiKeys: ['k1'],
      port: 0,
    });
    assert.throws(() => normalizePatch({ failrate: 0.1 }), /unknown config key 'failrate'/);
    assert.throws(() => normalizePatch({ hangRate: 1.5 }), /hangRate: expected a number between 0 and 1/);
    assert.throws(() => applyPatch(DEFAULT_CONFIG, { failRate: 0.6, resetRate: 0.6 }), /add up to 1.2/);
    assert.equal(applyPatch(DEFAULT_CONFIG, { failRate: 0.5 }).failRate, 0.5);
  });
});

describe('gateway-load mock argv', () => {
  test('flags map onto the configuration, repeatable ones accumulate', () => {
    const c = parseMockArgs([
      '--port',
      '0',
      '--ttft=20ms',
      '--tokens-per-second',
      '100',
      '--latency',
      'lognormal:50ms:20ms',
      '--api-key',
      'a',
      '--api-key',
      'b',
      '--rate-limit',
      '5/s,10',
      '--route-model',
      'gpt-4o=mini',
      '--seed',
      '7',
      '--flush-interval',
      '50ms',
    ]);
    assert.deepEqual(c, {
      port: 0,
      ttftMs: 20,
      tokensPerSecond: 100,
      latencyMs: { dist: 'lognormal', mean: 50, stddev: 20 },
      apiKeys: ['a', 'b'],
      rateLimit: { requestsPerSecond: 5, burst: 10 },
      routeModel: { 'gpt-4o': 'mini' },
      seed: 7,
      flushIntervalMs: 50,
    });
    assert.equal(parseMockArgs(['--help']), 'help');
  });

  test('--cache is a switch; --cache=false turns it off; cache takes booleans in a config', () => {
    assert.deepEqual(parseMockArgs(['--cache', '--port', '0']), { cache: true, port: 0 });
    assert.deepEqual(parseMockArgs(['--cache=false']), { cache: false });
    assert.deepEqual(normalizePatch({ cache: true }), { cache: true });
    assert.throws(() => normalizePatch({ cache: 'yes' }), /cache: expected true or false/);
  });

  test('bad flags name the flag', () => {
    assert.throws(() => parseMockArgs(['--nope']), /unknown option '--nope'/);
    assert.throws(() => parseMockArgs(['--port']), /'--port' needs a value/);
    assert.throws(() => parseMockArgs(['--fail-rate', 'x']), /^Error: --fail-rate: expected a number/);
    assert.throws(() => parseMockArgs(['--ttft', 'soon']), /--ttft: expected a duration/);
    assert.throws(() => parseMockArgs(['--config', '/nonexistent/mock.json']), /cannot read config file/);
  });
});
