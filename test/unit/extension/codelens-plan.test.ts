import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLenses } from '../../../src/extension/codelens-plan';

const titles = (s: Parameters<typeof planLenses>[0]) => planLenses(s).map((l) => l.title);

test('an idle valid scenario offers Run and Dry Run with its URI', () => {
  const lenses = planLenses({ runningThisFile: false, runningOther: false });
  assert.deepEqual(
    lenses.map((l) => [l.title, l.command, l.withUri]),
    [
      ['▶ Run', 'gatewayLoad.run', true],
      ['Dry Run', 'gatewayLoad.dryRun', true],
    ],
  );
});

test('while its run goes: Stop and Show Live, whatever the diagnostics say now', () => {
  assert.deepEqual(titles({ runningThisFile: true, runningOther: false }), ['■ Stop', 'Show Live']);
  assert.deepEqual(titles({ runningThisFile: true, runningOther: false, firstError: { line: 3, message: 'x' } }), [
    '■ Stop',
    'Show Live',
  ]);
  assert.deepEqual(
    planLenses({ runningThisFile: true, runningOther: false }).map((l) => l.command),
    ['gatewayLoad.stop', 'gatewayLoad.showLive'],
  );
});

test('an invalid file shows its first error (1-based line) instead of Run', () => {
  const lenses = planLenses({
    runningThisFile: false,
    runningOther: false,
    firstError: { line: 4, message: "Unknown key 'stagez': did you mean 'stages'?" },
  });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].title, "⚠ line 5: Unknown key 'stagez': did you mean 'stages'?");
  assert.equal(lenses[0].command, 'workbench.actions.view.problems');
  assert.ok(!lenses.some((l) => l.command === 'gatewayLoad.run'));
});

test('long and multi-line messages are cut to one short line', () => {
  const [lens] = planLenses({
    runningThisFile: false,
    runningOther: false,
    firstError: { line: 0, message: `${'a'.repeat(200)}\nsecond line` },
  });
  assert.ok(lens.title.length <= 'line 1: '.length + 2 + 80, lens.title);
  assert.ok(lens.title.endsWith('…'));
  assert.ok(!lens.title.includes('second'));
});

test('another file running keeps Run (the command explains) and says so in the tooltip', () => {
  const lenses = planLenses({ runningThisFile: false, runningOther: true });
  assert.deepEqual(
    lenses.map((l) => l.title),
    ['▶ Run', 'Dry Run'],
  );
  assert.match(lenses[0].tooltip, /another run is going/);
});

test('Restricted Mode: one lens leading to trust instead of Run; errors still come first', () => {
  const lenses = planLenses({ runningThisFile: false, runningOther: false, trusted: false });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].command, 'workbench.trust.manage');
  assert.match(lenses[0].title, /Restricted Mode/);
  assert.ok(!lenses.some((l) => l.command === 'gatewayLoad.run' || l.command === 'gatewayLoad.dryRun'));
  assert.match(
    planLenses({
      runningThisFile: false,
      runningOther: false,
      trusted: false,
      firstError: { line: 0, message: 'bad' },
    })[0].title,
    /^⚠ line 1: bad$/,
  );
  assert.deepEqual(titles({ runningThisFile: false, runningOther: false, trusted: true }), ['▶ Run', 'Dry Run']);
});
