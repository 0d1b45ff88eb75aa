// Gamma arrivals with vLLM's semantics: shape = burstiness, mean gap 1, CV = 1/√burstiness.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalGaps, coefficientOfVariation } from '../../../src/engine/arrivals-gamma';
import { Plan } from '../../../src/engine/schedule';

describe('gamma arrivals', () => {
  test('burstiness 0.25 → CV 2.0, 1 → 1 (Poisson), 4 → 0.5; mean gap 1', () => {
    for (const [b, cv] of [
      [0.25, 2],
      [0.5, Math.SQRT2],
      [1, 1],
      [4, 0.5],
    ]) {
      const gap = arrivalGaps({ arrivals: 'gamma', burstiness: b, seed: 42 });
      const gaps = Array.from({ length: 200_000 }, gap);
      const mean = gaps.reduce((a, x) => a + x, 0) / gaps.length;
      assert.ok(Math.abs(mean - 1) < 0.02, `burstiness ${b}: mean gap ${mean}`);
      const measured = coefficientOfVariation(gaps);
      assert.ok(Math.abs(measured - cv) / cv < 0.03, `burstiness ${b}: CV ${measured}, expected ${cv}`);
    }
  });

  test("the schedule: at 100/s, arrival times from the plan keep the gaps' CV and the rate", () => {
    const plan = new Plan([
      { durationMs: 0, target: 100, label: '100/s' },
      { durationMs: 600_000, target: 100, label: '100/s' },
    ]);
    const gap = arrivalGaps({ arrivals: 'gamma', burstiness: 0.25, seed: 7 });
    const times: number[] = [];
    for (let c = gap(); ; c += gap()) {
      const t = plan.timeOfCumulative(c);
      if (!(t < plan.durationMs)) break;
      times.push(t);
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    assert.ok(Math.abs(times.length - 60_000) / 60_000 < 0.03, `${times.length} arrivals in 10 min at 100/s`);
    assert.ok(Math.abs(coefficientOfVariation(gaps) - 2) / 2 < 0.1, `CV ${coefficientOfVariation(gaps)}`);
  });

  test('seeded: the same seed replays the same gaps; uniform is always 1', () => {
    const a = arrivalGaps({ arrivals: 'gamma', burstiness: 0.5, seed: 3 });
    const b = arrivalGaps({ arrivals: 'gamma', burstiness: 0.5, seed: 3 });
    const xa = Array.from({ length: 100 }, a);
    assert.deepEqual(xa, Array.from({ length: 100 }, b));
    const u = arrivalGaps({ arrivals: 'uniform' });
    assert.deepEqual([u(), u(), u()], [1, 1, 1]);
    const p = arrivalGaps({ arrivals: 'poisson', seed: 1 });
    assert.ok(Math.abs(coefficientOfVariation(Array.from({ length: 100_000 }, p)) - 1) < 0.03);
  });
});
