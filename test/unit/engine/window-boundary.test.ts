// A window closes at its boundary: the arrivals due before it go out in it, and none due after it
// (issue #18's per-window exactness; CI once saw 254/134 against the plan's 255/133). The open
// executor is driven by hand: its own timers never get a turn while the test holds the thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenExecutor } from '../../../src/engine/executors';
import { Plan } from '../../../src/engine/schedule';
import type { Runner } from '../../../src/engine/runner';
import { constantRate } from '../../integration/engine/scenario-fixtures';

function holdUntil(t: number): void {
  while (performance.now() < t) {
    // the executor's timers must not run: this is the stall of a busy generator
  }
}

test('catchUp(until) sends the overdue arrivals due before until, and none due at or after it', () => {
  const load = constantRate(1000, 3000);
  const sent: number[] = [];
  const runner = {
    active: 0,
    rec: { drop: () => assert.fail('nothing is dropped') },
    run: (_vu: number, _iteration: number, intended: number) => sent.push(intended),
  } as unknown as Runner;
  const ex = new OpenExecutor(new Plan(load.stages), load, runner, 100);
  const t0 = performance.now() + 5;
  ex.start(t0);
  assert.equal(sent.length, 0, 'nothing is due before the run starts');
  holdUntil(t0 + 12.5);
  assert.ok(ex.dueBefore(t0 + 5));
  ex.catchUp(t0 + 5);
  // Arrivals at 0, 1, 2, 3 and 4 ms; the one due at 5 ms belongs to what comes after the boundary.
  assert.deepEqual(
    sent.map((t) => Math.round(t - t0)),
    [0, 1, 2, 3, 4],
  );
  assert.equal(ex.dueBefore(t0 + 5), false);
  assert.equal(ex.dueBefore(t0 + 6), true);
  ex.catchUp();
  const now = performance.now();
  assert.ok(sent.length >= 13, `without a bound, everything due by now (${sent.length})`);
  assert.ok(
    sent.every((t, i) => t <= now && Math.round(t - t0) === i),
    'in order, none early',
  );
  ex.halt();
});
