// `prompt.repeat`: validation at exact ranges, the seeded repeater's share and bound, and the
// request builder resending earlier prompts byte for byte.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/scenario/index';
import { PromptRepeater } from '../../../src/dialects/prompt-repeat';
import { buildRequest, compileMix } from '../../../src/engine/request-builder';
import { chat, constantRate, scenario } from '../../integration/engine/scenario-fixtures';

const doc = (prompt: string): string =>
  `target: { baseUrl: http://127.0.0.1:8790 }\nload: { executor: constant-vus, vus: 1, duration: 1s }\nrequests:\n  - api: openai-chat\n    model: m\n    prompt: ${prompt}\n`;
const values = { env: {}, dotenv: {}, secrets: {}, vars: {} };

describe('prompt.repeat', () => {
  test('validates repeat and recent beside tokens or items; defaults recent to 100', () => {
    const r = parseScenario(doc('{ tokens: 20, repeat: 0.3 }'));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.scenario!.requests[0].promptRepeat, { share: 0.3, recent: 100 });
    const items = parseScenario(doc('{ items: [a, b, c], repeat: 0.5, recent: 2 }'));
    assert.deepEqual(items.diagnostics, []);
    assert.deepEqual(items.scenario!.requests[0].promptRepeat, { share: 0.5, recent: 2 });
  });

  test('out-of-range values, a repeat without a source and a lone recent are reported at their place', () => {
    const text = doc('{ tokens: 20, repeat: 1.5, recent: 0 }');
    const r = parseScenario(text);
    const codes = r.diagnostics.map((d) => `${d.code}:${d.message}`);
    assert.ok(
      codes.some((c) => c === "out-of-range:'requests[0].prompt.repeat' must be a number at least 0 and at most 1."),
      codes.join('\n'),
    );
    assert.ok(
      codes.some((c) => c.startsWith("out-of-range:'requests[0].prompt.recent' must be a whole number at least 1")),
    );
    const line = text.split('\n').findIndex((l) => l.includes('repeat: 1.5'));
    const d = r.diagnostics.find((x) => x.message.includes('prompt.repeat'))!;
    assert.equal(d.range.start.line, line);
    assert.equal(d.range.start.character, text.split('\n')[line].indexOf('1.5'));

    const alone = parseScenario(doc('{ repeat: 0.3 }'));
    assert.deepEqual(
      alone.diagnostics.map((x) => x.code),
      ['missing-key'],
      JSON.stringify(alone.diagnostics),
    );
    assert.match(alone.diagnostics[0].message, /source of fresh ones, e\.g\. \{ tokens: 200, repeat: 0\.3 \}/);
    const lone = parseScenario(doc('{ tokens: 20, recent: 5 }'));
    assert.deepEqual(
      lone.diagnostics.map((x) => [x.severity, x.code]),
      [['warning', 'ignored-key']],
    );
  });

  test('the repeater repeats its share, only from the latest `recent` fresh prompts, the same for the same seed', () => {
    const run = (seed: number): string[] => {
      const r = new PromptRepeater<string>({ share: 0.3, recent: 50 }, seed);
      let n = 0;
      const out: string[] = [];
      for (let i = 0; i < 10_000; i++) out.push(r.pick(() => `p${n++}`));
      return out;
    };
    const a = run(7);
    assert.deepEqual(a, run(7));
    assert.notDeepEqual(a, run(8));
    let repeats = 0;
    let fresh = 0;
    for (const p of a) {
      const id = Number(p.slice(1));
      if (id === fresh) fresh++;
      else {
        repeats++;
        assert.ok(id < fresh && id >= fresh - 50, `repeat of p${id} after p${fresh - 1} is outside the recent 50`);
      }
    }
    assert.ok(Math.abs(repeats / a.length - 0.3) < 0.02, `share ${repeats / a.length}`);
  });

  test('the builder resends generated prompts byte for byte and marks the repeats', () => {
    const sc = scenario('http://127.0.0.1:9', constantRate(1, 1000), [
      chat({
        prompt: { kind: 'tokens', tokens: { distribution: 'fixed', mean: 30, stddev: 0 }, seed: 3 },
        promptRepeat: { share: 0.4, recent: 10 },
      }),
    ]);
    const mix = compileMix(sc, values);
    const seen = new Set<string>();
    let repeats = 0;
    let chance = 0;
    for (let i = 0; i < 2000; i++) {
      const b = buildRequest(mix.pick(), 1, i);
      const body = b.body!;
      if (b.repeat) {
        repeats++;
        assert.ok(seen.has(body), 'a repeat sends a body sent before');
      } else if (seen.has(body)) chance++;
      seen.add(body);
    }
    assert.ok(Math.abs(repeats / 2000 - 0.4) < 0.04, `share ${repeats / 2000}`);
    // Fresh prompts are random slices of a 65,536-piece corpus: a slice recurs by chance, rarely.
    assert.ok(chance / 2000 < 0.02, `fresh prompts that recurred by chance: ${chance}`);
  });
});
