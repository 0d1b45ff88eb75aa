// Exports cannot carry datasets (streamed by the engine) or conversations (per-user state): both
// are said in the warnings, and the script still sends the request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportScenario } from '../../../src/export/index';
import { scenario } from './fixtures';

for (const to of ['k6', 'artillery'] as const) {
  test(`${to}: datasets and conversations are warned about, not exported`, () => {
    const sc = scenario();
    sc.requests[0] = {
      ...sc.requests[0],
      prompt: { kind: 'dataset', path: '/data/sharegpt.json', format: 'sharegpt', replay: 'server' },
      conversation: { turns: { min: 2, max: 4 }, thinkTimeMs: 5000, seed: 1 },
    };
    const { files, warnings } = exportScenario(sc, to, `/tmp/out/s.${to === 'k6' ? 'k6.js' : 'artillery.yml'}`);
    assert.ok(
      warnings.some((w) => /datasets \(sharegpt\) cannot be carried/.test(w)),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((w) => /conversations .* cannot be exported/.test(w)),
      warnings.join('\n'),
    );
    assert.equal(files.filter((f) => f.path.includes('prompts')).length, 0, 'no prompt sidecar from a dataset');
    assert.ok(!files[0].content.includes('/data/sharegpt.json'));
  });
}
