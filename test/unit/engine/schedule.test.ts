import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Plan } from '../../../src/engine/schedule';

const st = (durationMs: number, target: number) => ({ durationMs, target, label: String(target) });

describe('Plan', () => {
  test('a constant rate after a 0 ms jump plans rate × duration arrivals', () => {
    const p = new Plan([st(0, 100), st(5000, 100)]);
    assert.equal(p.durationMs, 5000);
    assert.equal(p.totalArrivals, 500);
    assert.equal(p.targetAt(0), 100);
    assert.equal(p.cumulativeAt(1000), 100);
    assert.equal(p.timeOfCumulative(0), 0);
    assert.equal(p.timeOfCumulative(250), 2500);
  });

  test('the first stage ramps from 0 and later ones from the previous target', () => {
    const p = new Plan([st(2000, 100), st(2000, 100), st(1000, 0)]);
    assert.equal(p.targetAt(1000), 50);
    assert.equal(p.targetAt(3000), 100);
    assert.equal(p.targetAt(4500), 50);
    assert.equal(p.arrivalsBetween(0, 2000), 100);
    assert.equal(p.arrivalsBetween(2000, 4000), 200);
    assert.equal(p.arrivalsBetween(4000, 5000), 50);
    assert.equal(p.totalArrivals, 350);
    assert.equal(p.stageAt(2500), 1);
  });

  test('timeOfCumulative inverts cumulativeAt on ramps up and down', () => {
    const p = new Plan([st(3000, 60), st(0, 10), st(2000, 90), st(3000, 5)]);
    for (let c = 0.5; c < p.totalArrivals; c += 7.3) {
      const t = p.timeOfCumulative(c);
      assert.ok(Math.abs(p.cumulativeAt(t) - c) < 1e-6, `c=${c} t=${t} back=${p.cumulativeAt(t)}`);
    }
    assert.equal(p.timeOfCumulative(p.totalArrivals + 1), Infinity);
  });

  test('a 0 ms stage jumps to its target', () => {
    const p = new Plan([st(1000, 10), st(0, 50), st(1000, 50)]);
    assert.equal(p.targetAt(999), 9.99);
    assert.equal(p.targetAt(1000), 50);
    assert.equal(p.arrivalsBetween(1000, 2000), 50);
  });

  test('no arrivals while the rate is held at 0 between ramps', () => {
    const p = new Plan([st(1000, 10), st(1000, 0), st(1000, 0), st(1000, 10)]);
    assert.equal(p.totalArrivals, 15);
    for (let i = 0; i < 15; i++) {
      const t = p.timeOfCumulative(i);
      assert.ok(t < 2000 || t >= 3000, `arrival ${i} at ${t}`);
    }
  });

  test('a cap limits every target', () => {
    const p = new Plan([st(0, 500), st(1000, 500)], 200);
    assert.equal(p.targetAt(500), 200);
    assert.equal(p.totalArrivals, 200);
  });
});
