// An idle generator is not called saturated: 300 slow streams held by a closed model and cut at
// the end (gracefulStop 0) leave the event loop mostly idle; the end's own work (cancelling, the
// summary) in a short last window used to read as 100% utilisation and mark the run SATURATED.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { eluCountsForLoad } from '../../../src/engine/failure-report';
import { chat, rampingVus, scenario, stage } from './scenario-fixtures';
import { run } from './run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, ttftMs: 300, tokensPerSecond: 20, outputTokens: 200 });
});
after(async () => {
  await mock.close();
});

test('slow streams cut at the end: utilisation is the load windows’, not the shutdown’s', async () => {
  const sc = scenario(mock.url, rampingVus([stage(1000, 300), stage(2500, 300)], { gracefulStopMs: 0 }), [
    chat({ maxTokens: 200 }),
  ]);
  sc.target.maxConnections = 400;
  const { summary: s, windows } = await run(sc);
  assert.ok((s.cutStreams?.count ?? 0) >= 250, `streams cut at the end: ${s.cutStreams?.count}`);
  const load = windows.filter(eluCountsForLoad);
  assert.ok(load.length >= 2, `load windows ${windows.map((w) => `${w.index}@${w.tMs}`).join(' ')}`);
  const loadMax = Math.max(...load.map((w) => w.elu)); // windows carry it to 3 decimals
  assert.ok(
    Math.abs(s.generator.eluMax - loadMax) < 0.001,
    `eluMax ${s.generator.eluMax} is the load windows’ ${loadMax}`,
  );
  // Generous for a loaded 2-core machine: 300 streams at 20 tokens/s are ~6,000 events/s.
  assert.ok(s.generator.eluMax < 0.9, `eluMax ${s.generator.eluMax}`);
  assert.equal(s.generator.saturated, false, JSON.stringify(s.generator));
});
