import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, SCENARIO_TEMPLATES, templatesToSnippets } from '../../../src/scenario/index';
import { snippetToText } from '../../../src/scenario/starter-files';
import { allSnippets } from '../../../src/scenario/key-snippets';
import { formatReference } from '../../../src/scenario/reference';

const root = join(__dirname, '..', '..', '..');
const examples = readdirSync(join(root, 'examples')).filter((f) => /\.load\.ya?ml$/.test(f));

describe('examples', () => {
  test('the required examples exist', () => {
    for (const f of ['baseline', 'stress', 'breakpoint', 'streaming-chat', 'anthropic-messages'])
      assert.ok(examples.includes(`${f}.load.yaml`), f);
  });
  for (const f of examples) {
    test(`${f} validates cleanly`, () => {
      const file = join(root, 'examples', f);
      const r = parseScenario(readFileSync(file, 'utf8'), { file, fileExists: existsSync });
      assert.deepEqual(r.diagnostics, []);
      assert.ok(r.scenario);
    });
  }
  test('the streaming demo is short, streamed and modest', () => {
    const file = join(root, 'examples', 'streaming-chat.load.yaml');
    const s = parseScenario(readFileSync(file, 'utf8'), { file, fileExists: existsSync }).scenario!;
    assert.equal(s.load.executor, 'ramping-arrival-rate');
    assert.ok(s.load.durationMs >= 20_000 && s.load.durationMs <= 40_000, `${s.load.durationMs} ms`);
    assert.ok(Math.max(...s.load.stages.map((x) => x.target)) <= 40);
    assert.ok(s.requests.some((r) => r.stream && r.api === 'openai-chat'));
    assert.deepEqual([...new Set(s.thresholds.map((t) => t.metric))].sort(), [
      'checks',
      'http_req_duration',
      'http_req_failed',
      'time_to_first_token',
    ]);
    const prompt = s.requests[0].prompt;
    assert.equal(prompt?.kind, 'file');
    assert.ok(prompt?.kind === 'file' && existsSync(prompt.path));
  });
  test('prompts.jsonl holds strings or { prompt } objects, one per line', () => {
    const lines = readFileSync(join(root, 'examples', 'prompts.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    assert.ok(lines.length >= 5);
    for (const l of lines) {
      const v: unknown = JSON.parse(l);
      assert.ok(
        typeof v === 'string' ||
          (typeof v === 'object' && v !== null && typeof (v as { prompt?: unknown }).prompt === 'string'),
        l,
      );
    }
  });
});

describe('templates', () => {
  test('the five test types and the Responses API starter, each valid', () => {
    assert.deepEqual(
      SCENARIO_TEMPLATES.map((t) => t.id),
      ['baseline', 'stress', 'breakpoint', 'spike', 'soak', 'openai-responses'],
    );
    for (const t of SCENARIO_TEMPLATES) {
      const r = parseScenario(t.content);
      assert.deepEqual(r.diagnostics, [], t.id);
      assert.ok(t.label && t.description);
    }
  });
  test('sizes follow the methodology', () => {
    const load = (id: string) => parseScenario(SCENARIO_TEMPLATES.find((t) => t.id === id)!.content).scenario!;
    const peakPerMin = (id: string) => Math.round(Math.max(...load(id).load.stages.map((s) => s.target)) * 60);
    const minutes = (id: string) => load(id).load.durationMs / 60_000;
    const users = (id: string) => load(id).target.maxConnections;
    assert.ok(
      peakPerMin('baseline') >= 50 &&
        peakPerMin('baseline') <= 200 &&
        minutes('baseline') >= 15 &&
        minutes('baseline') <= 30,
    );
    assert.ok(users('baseline') >= 100 && users('baseline') <= 500);
    assert.ok(
      peakPerMin('stress') >= 500 && peakPerMin('stress') <= 2000 && minutes('stress') >= 10 && minutes('stress') <= 20,
    );
    assert.ok(users('stress') >= 1000 && users('stress') <= 5000);
    assert.ok(
      peakPerMin('breakpoint') >= 5000 &&
        minutes('breakpoint') >= 5 &&
        minutes('breakpoint') <= 10 &&
        users('breakpoint') >= 10_000,
    );
  });
  test('snippets/gateway-load.code-snippets is generated from them', () => {
    const file = join(root, 'snippets', 'gateway-load.code-snippets');
    if (process.env.UPDATE_SNIPPETS === '1') writeFileSync(file, `${JSON.stringify(allSnippets(), null, 2)}\n`);
    const onDisk: unknown = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(
      onDisk,
      allSnippets(),
      'regenerate with UPDATE_SNIPPETS=1 node --import tsx --test test/unit/scenario/examples.test.ts',
    );
    for (const t of SCENARIO_TEMPLATES) {
      const snippet = templatesToSnippets()[t.label];
      assert.equal(snippet.prefix, `gl-${t.id}`);
      assert.equal(snippetToText(snippet.body), t.content);
      assert.ok(
        !/(^|[^\\])\$\{(env|secret|var|dotenv):/.test(snippet.body.join('\n')),
        'references are escaped from snippet syntax',
      );
    }
  });
});

describe('examples/REFERENCE.md', () => {
  test('is generated from the key table and the metric catalogue', () => {
    const file = join(root, 'examples', 'REFERENCE.md');
    if (process.env.UPDATE_REFERENCE === '1') writeFileSync(file, formatReference());
    assert.equal(
      readFileSync(file, 'utf8'),
      formatReference(),
      'regenerate with UPDATE_REFERENCE=1 node --import tsx --test test/unit/scenario/examples.test.ts',
    );
    for (const k of ['baseUrl', 'executor', 'stages', 'maxTokens', 'abortOnFail', 'successRate', 'time_to_first_token'])
      assert.ok(formatReference().includes(`\`${k}\``), k);
  });
});
