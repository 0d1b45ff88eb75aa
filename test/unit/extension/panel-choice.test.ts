// Each run going has a live panel of its own; ended runs' panels are taken again, a rerun's first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePanel, type PanelView } from '../../../src/extension/panel-choice';

const going = (dir: string, file: string): PanelView => ({ busy: true, live: true, dir, file });
const ended = (dir: string, file: string): PanelView => ({ busy: false, live: true, dir, file });
const saved = (dir: string, file?: string): PanelView => ({ busy: false, live: false, dir, file });

test('a second run started while one goes gets a panel of its own', () => {
  assert.equal(choosePanel([], { dir: '/r/a1', file: '/w/a.load.yaml', live: true }), 'new');
  assert.equal(
    choosePanel([going('/r/a1', '/w/a.load.yaml')], { dir: '/r/b1', file: '/w/b.load.yaml', live: true }),
    'new',
  );
  // Nor does a saved run take a going run's panel.
  assert.equal(choosePanel([going('/r/a1', '/w/a.load.yaml')], { dir: '/r/old', live: false }), 'new');
});

test('the panel already showing a run shows it again, whatever it is', () => {
  const panels = [saved('/r/x'), going('/r/a1', '/w/a.load.yaml')];
  assert.equal(choosePanel(panels, { dir: '/r/a1', file: '/w/a.load.yaml', live: true }), 1);
  assert.equal(choosePanel(panels, { dir: '/r/x', live: false }), 0);
});

test("a rerun takes its scenario's ended panel; other runs keep theirs", () => {
  const panels = [ended('/r/b1', '/w/b.load.yaml'), ended('/r/a1', '/w/a.load.yaml')];
  assert.equal(choosePanel(panels, { dir: '/r/a2', file: '/w/a.load.yaml', live: true }), 1);
  // A run of a third scenario does not overwrite the finished results of either.
  assert.equal(choosePanel(panels, { dir: '/r/c1', file: '/w/c.load.yaml', live: true }), 'new');
  // A panel showing a saved run or nothing is free for it.
  assert.equal(choosePanel([...panels, saved('/r/old')], { dir: '/r/c1', file: '/w/c.load.yaml', live: true }), 2);
});

test('a saved run opens in the panel used last that no run is using', () => {
  const panels = [going('/r/a1', '/w/a.load.yaml'), ended('/r/b1', '/w/b.load.yaml'), saved('/r/old')];
  assert.equal(choosePanel(panels, { dir: '/r/older', live: false }), 2, 'a saved panel before an ended run');
  assert.equal(choosePanel(panels.slice(0, 2), { dir: '/r/older', live: false }), 1);
  assert.equal(choosePanel(panels, { dir: '/r/b0', file: '/w/b.load.yaml', live: false }), 1, 'same scenario first');
});
