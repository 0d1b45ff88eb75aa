// Each fixture holds known mistakes and, at its end, one `# expect:` line per diagnostic:
//   # expect: <severity> <code> @<line>:<character> "<exact text the range covers>" ~ "<message substring>"
// so every range is checked exactly (start, and end through the covered text) with its severity.
import { fileHead } from '../../../src/shared/file-head';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../../src/scenario/index';

const dir = join(__dirname, '..', '..', 'fixtures', 'scenarios');
const EXPECT =
  /^# expect: (error|warning|information|hint) ([\w-]+) @(\d+):(\d+) ("(?:[^"\\]|\\.)*") ~ ("(?:[^"\\]|\\.)*")$/;

interface Expected {
  severity: string;
  code: string;
  line: number;
  character: number;
  covered: string;
  message: string;
}

function expectations(text: string): Expected[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('# expect:'))
    .map((l) => {
      const m = EXPECT.exec(l);
      assert.ok(m, `malformed expectation: ${l}`);
      return {
        severity: m[1],
        code: m[2],
        line: Number(m[3]),
        character: Number(m[4]),
        covered: JSON.parse(m[5]) as string,
        message: JSON.parse(m[6]) as string,
      };
    });
}

const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.load.yaml'))
  .sort();

describe('fixtures with known mistakes', () => {
  test('there are fixtures for every class of mistake', () => {
    const codes = new Set(fixtures.flatMap((f) => expectations(readFileSync(join(dir, f), 'utf8')).map((e) => e.code)));
    for (const code of [
      'yaml-syntax',
      'duplicate-key',
      'unknown-key',
      'wrong-type',
      'bad-duration',
      'bad-rate',
      'missing-key',
      'bad-value',
      'unknown-metric',
      'bad-threshold',
      'bad-check',
      'bad-reference',
      'unknown-variable',
      'missing-file',
      'not-for-executor',
      'out-of-range',
    ]) {
      assert.ok(codes.has(code), `no fixture exercises ${code}`);
    }
  });

  for (const f of fixtures) {
    test(f, () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const lines = text.split(/\r?\n/);
      const want = expectations(text);
      const got = parseScenario(text, { file: join(dir, f), fileExists: existsSync, readHead: fileHead }).diagnostics;
      const describe = got
        .map(
          (d) =>
            `${d.severity} ${d.code} @${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
        )
        .join('\n');
      assert.equal(got.length, want.length, `diagnostics of ${f}:\n${describe}`);
      want.forEach((w, i) => {
        const d = got[i];
        assert.equal(d.severity, w.severity, `#${i} severity`);
        assert.equal(d.code, w.code, `#${i} code`);
        assert.deepEqual(d.range.start, { line: w.line, character: w.character }, `#${i} start of ${d.message}`);
        assert.equal(d.range.end.line, w.line, `#${i} ends on its line`);
        assert.equal(lines[w.line].slice(w.character, d.range.end.character), w.covered, `#${i} covered text`);
        assert.equal(d.range.end.character - d.range.start.character, w.covered.length, `#${i} range length`);
        assert.ok(d.message.includes(w.message), `#${i}: '${d.message}' should include '${w.message}'`);
      });
    });
  }
});

describe('line endings', () => {
  test('CRLF files get the same ranges as LF files', () => {
    for (const f of fixtures) {
      const text = readFileSync(join(dir, f), 'utf8');
      const strip = (r: ReturnType<typeof parseScenario>) => r.diagnostics.map((d) => [d.code, d.range]);
      const lf = parseScenario(text, { file: join(dir, f), fileExists: existsSync });
      const crlf = parseScenario(text.replace(/\n/g, '\r\n'), { file: join(dir, f), fileExists: existsSync });
      assert.deepEqual(strip(crlf), strip(lf), f);
    }
  });
});

describe('the fixture that uses every feature', () => {
  test('parses into the normalised model', () => {
    const file = join(dir, 'valid-everything.load.yaml');
    const r = parseScenario(readFileSync(file, 'utf8'), { file, fileExists: existsSync });
    assert.deepEqual(r.diagnostics, []);
    const s = r.scenario!;
    assert.equal(s.target.timeoutMs, 90_000);
    assert.equal(s.target.pipelining, 2);
    assert.deepEqual(s.target.apiKeys, ['${secret:k1}', '${dotenv:K2}', '${env:K3:-none}']);
    assert.equal(s.load.kind, 'closed');
    assert.deepEqual(
      s.load.stages.map((x) => [x.durationMs, x.target]),
      [
        [0, 5],
        [3_600_000, 50],
      ],
    );
    assert.equal(s.load.durationMs, 3_600_000);
    assert.equal(s.load.thinkTimeMs, 500);
    assert.deepEqual(
      s.requests.map((r) => [r.name, r.api, r.method, r.path, r.weight]),
      [
        ['raw-get', 'raw', 'GET', '/health', 1],
        ['chat', 'anthropic-messages', 'POST', '/v1/messages', 2.5],
        ['raw-post', 'raw', 'POST', '${var:PATH}', 1],
      ],
    );
    assert.deepEqual(s.requests[1].prompt, { kind: 'inline', items: ['a', 'b'], pick: 'sequential' });
    assert.deepEqual(s.requests[1].body, { top_k: 5 });
    assert.deepEqual(s.requests[0].checks[1], {
      text: 'body.status == "ok"',
      subject: 'body',
      path: ['status'],
      op: '==',
      value: 'ok',
    });
    assert.deepEqual(s.requests[0].checks[2], {
      text: 'header.content-type contains json',
      subject: 'header',
      path: ['content-type'],
      op: 'contains',
      value: 'json',
    });
    assert.deepEqual(
      s.requests[1].checks.map((c) => [c.subject, c.op, c.value ?? null]),
      [
        ['ttft', '<', 1500],
        ['output_tokens', '>=', 1],
        ['body', 'not exists', null],
      ],
    );
    const th = s.thresholds.map((t) => [t.metric, t.stat, t.op, t.value, t.abortOnFail, t.delayAbortEvalMs]);
    assert.deepEqual(th, [
      ['http_req_duration', 'avg', '<', 1500, false, 0],
      ['http_req_failed', 'rate', '<', 0.01, false, 0],
      ['http_reqs', 'count', '>', 10, false, 0],
      ['http_reqs', 'rate', '>', 1, false, 0],
      ['vus', 'max', '<', 100, false, 0],
      ['vus', 'value', '<', 60, false, 0],
      ['checks', 'rate', '>', 0.9, true, 60_000],
    ]);
    assert.deepEqual(s.targets, { successRate: 0.99, responseTimeMs: 1000, throughputPerSec: 3000 / 3600 });
    assert.deepEqual(s.variables, { TEAM: 'perf', PATH: '/v1/custom' });
  });
});

describe('YAML merge keys', () => {
  test('merged keys count, and local keys win', () => {
    const file = join(dir, 'merge-keys.load.yaml');
    const text = readFileSync(file, 'utf8').replace('    temprature: 1\n', '');
    const r = parseScenario(text, { file });
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(
      r.scenario!.requests.map((q) => [q.name, q.api, q.model, q.maxTokens]),
      [
        ['short', 'openai-chat', 'gpt-4o-mini', 20],
        ['long', 'openai-chat', 'gpt-4o-mini', 200],
      ],
    );
  });
});
