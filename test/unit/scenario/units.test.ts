import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration, parsePercent, parseRate } from '../../../src/scenario/index';

describe('parseDuration', () => {
  test('reads the units the format allows', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('1h30m15s'), 5_415_000);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('1m500ms'), 60_500);
    assert.equal(parseDuration('0s'), 0);
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration(0), 0);
  });
  test('rejects what is not a duration', () => {
    for (const bad of ['30', '2 minutes', '1m30', '30m1h', '1m1m', '', 's', '-1s', '1d', 'fast'])
      assert.equal(parseDuration(bad), undefined, bad);
    assert.equal(parseDuration(30), undefined);
  });
  test('formatDuration round-trips', () => {
    for (const ms of [0, 500, 1500, 30_000, 120_000, 5_400_000, 5_415_000])
      assert.equal(parseDuration(formatDuration(ms)), ms);
  });
});

describe('parseRate', () => {
  test('per second from s, min and h', () => {
    assert.equal(parseRate('20/s'), 20);
    assert.equal(parseRate('100/min'), 100 / 60);
    assert.equal(parseRate('3600/h'), 1);
    assert.equal(parseRate('2.5/sec'), 2.5);
    assert.equal(parseRate('120 / m'), 2);
  });
  test('rejects numbers without a unit and unknown units', () => {
    for (const bad of ['100', '100/day', '/s', 'x/s', '-1/s']) assert.equal(parseRate(bad), undefined, bad);
    assert.equal(parseRate(100), undefined);
  });
});

describe('parsePercent', () => {
  test('percentages and fractions', () => {
    assert.equal(parsePercent('99.2%'), 0.992);
    assert.equal(parsePercent(0.5), 0.5);
    assert.equal(parsePercent('120%'), undefined);
    assert.equal(parsePercent(2), undefined);
  });
});
