// The JSON Schema (for users of the YAML extension) and the validator must agree on which files
// are valid. A few mistakes only the validator can see (files on disk, variables defined
// elsewhere in the file, duplicate names): fixtures that hold only such mistakes say so with a
// `# schema-blind: <why>` line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parseScenario, SCENARIO_TEMPLATES } from '../../../src/scenario/index';
import { buildScenarioSchema } from '../../../src/scenario/schema';

const root = join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'scenario.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function schemaValid(text: string): { ok: boolean; errors: string } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, merge: true });
  if (doc.errors.length) return { ok: false, errors: 'YAML syntax' };
  const ok = validate(doc.toJS({ maxAliasCount: 100 }) ?? null) as boolean;
  return { ok, errors: ajv.errorsText(validate.errors) };
}

const files = [
  ...readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(root, 'examples', f)),
  ...readdirSync(join(root, 'test', 'fixtures', 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(root, 'test', 'fixtures', 'scenarios', f)),
];

describe('JSON Schema and validator agree', () => {
  test('the schema is draft-07 and the file is generated from src/scenario/schema.ts', () => {
    assert.equal((schema as { $schema: string }).$schema, 'http://json-schema.org/draft-07/schema#');
    const generated = `${JSON.stringify(buildScenarioSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(join(root, 'schemas', 'scenario.schema.json'), generated);
    else
      assert.equal(
        readFileSync(join(root, 'schemas', 'scenario.schema.json'), 'utf8'),
        generated,
        'regenerate with UPDATE_SCHEMA=1 node --import tsx --test test/unit/scenario/schema.test.ts',
      );
  });
  for (const file of files) {
    test(file.slice(root.length + 1), () => {
      const text = readFileSync(file, 'utf8');
      const v = parseScenario(text, { file, fileExists: existsSync });
      const validatorOk = !v.diagnostics.some((d) => d.severity === 'error');
      const s = schemaValid(text);
      if (/^# schema-blind: /m.test(text)) {
        assert.equal(validatorOk, false, 'a schema-blind fixture must still be invalid for the validator');
        assert.equal(s.ok, true, `schema-blind fixture should pass the schema: ${s.errors}`);
        return;
      }
      assert.equal(
        s.ok,
        validatorOk,
        `validator ${validatorOk ? 'accepts' : 'rejects'}, schema ${s.ok ? 'accepts' : `rejects: ${s.errors}`}\n${v.diagnostics.map((d) => d.message).join('\n')}`,
      );
    });
  }
  test('templates', () => {
    for (const t of SCENARIO_TEMPLATES)
      assert.equal(schemaValid(t.content).ok, true, `${t.id}: ${schemaValid(t.content).errors}`);
  });
  test('single mistakes the schema also catches', () => {
    const base = readFileSync(join(root, 'examples', 'streaming-chat.load.yaml'), 'utf8');
    const cases: Array<[string, string]> = [
      ['target: 20/s', 'target: 20'],
      ['duration: 5s', 'duration: 5'],
      ['"p(95) < 5000"', '"p(95) < soon"'],
      ['"p(95) < 5000"', '"rate < 0.1"'],
      ['- status == 200', '- status = 200'],
      ['- ttft < 1s', '- ttft < quick'],
      ['executor: ramping-arrival-rate', 'executor: ramping-vus'],
      ['${env:GATEWAY_URL:-http://127.0.0.1:8790}', '${nope:X}'],
      ['api: openai-chat', 'api: openai'],
      ['maxTokens: 64', 'max_tokens: 64'],
      ['successRate: 99%', 'successRate: 199%'],
    ];
    for (const [from, to] of cases) {
      assert.ok(base.includes(from), from);
      const text = base.replace(from, to);
      const validatorOk = !parseScenario(text).diagnostics.some((d) => d.severity === 'error');
      assert.equal(validatorOk, false, `validator should reject ${to}`);
      assert.equal(schemaValid(text).ok, false, `schema should reject ${to}`);
    }
  });
  // The schema is the structural half: cross-field rules (min ≤ max, from < to, a trace file that
  // exists, a tool's name) are the validator's alone, so a mutation may pass the schema and fail the
  // validator. The other way round would put red squiggles on a scenario that runs.
  test('single-character mutations of the examples: the schema never rejects what the validator accepts', () => {
    // Examples without `${var:…}`, `{name:…}` tag filters or thresholds on monitored series: a mutated
    // variable, request or source name is a cross-reference mistake only the validator sees.
    const seeds = files
      .filter((f) => f.includes(`${join('examples', '')}`))
      .map((f) => readFileSync(f, 'utf8'))
      .filter((t) => !t.includes('${var:') && !t.includes('{name:') && !/^\s+monitor\./m.test(t));
    assert.ok(seeds.length >= 3);
    const chars = [':', '-', ' ', '0', 'a', '/', '%', 's', 'm', '{', '$', '"', '.', '1', '<', '=', '(', '\n'];
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.nat(), fc.constantFrom(...chars), (seed, at, ch) => {
        const p = at % seed.length;
        const text = seed.slice(0, p) + ch + seed.slice(p + 1);
        const validatorOk = !parseScenario(text).diagnostics.some((d) => d.severity === 'error');
        const s = schemaValid(text);
        if (validatorOk)
          assert.ok(
            s.ok,
            `validator accepts, schema rejects (${s.errors}) at ${JSON.stringify(text.slice(Math.max(0, p - 30), p + 30))}`,
          );
      }),
      { numRuns: 250 },
    );
  });
});
