import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'acorn';
import { exportK6 } from '../../../src/export/k6';
import { scenario, threshold } from './fixtures';

interface Node {
  type: string;
  start: number;
  end: number;
  declaration?: { declarations?: Array<{ id: { name?: string }; init: Node }> };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads an open-ended parsed structure
type Options = Record<string, any>;

/** Parses the script as an ES module (it must be valid JS) and returns `options` as data. */
function optionsOf(script: string): Options {
  const ast = parse(script, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as { body: Node[] };
  const decl = ast.body.find(
    (n) => n.type === 'ExportNamedDeclaration' && n.declaration?.declarations?.[0]?.id?.name === 'options',
  );
  assert.ok(decl?.declaration?.declarations, 'the script exports `options`');
  const init = decl.declaration.declarations[0].init;
  return JSON.parse(script.slice(init.start, init.end)) as Options;
}

test('ramping-arrival-rate keeps stages, per-minute targets and thresholds as written', () => {
  const { files, warnings } = exportK6(scenario(), '/tmp/out/chat.k6.js');
  const options = optionsOf(files[0].content);
  const load = options.scenarios.load;
  assert.equal(load.executor, 'ramping-arrival-rate');
  assert.equal(load.timeUnit, '1m');
  assert.deepEqual(load.stages, [
    { duration: '120s', target: 100 },
    { duration: '300s', target: 200 },
    { duration: '60s', target: 0 },
  ]);
  assert.equal(load.gracefulStop, '30s');
  assert.deepEqual(options.thresholds.http_req_duration, ['p(95) < 500']);
  assert.deepEqual(options.thresholds.http_req_failed, ['rate < 0.01']);
  assert.deepEqual(options.thresholds.time_to_first_token, ['p(95) < 300']);
  assert.equal(options.thresholds.inter_token_latency, undefined);
  assert.ok(
    warnings.some((w) => w.includes('inter_token_latency')),
    'the dropped ITL threshold is reported',
  );
  assert.ok(
    warnings.some((w) => w.includes('time_to_first_token')),
    'the TTFT approximation is reported',
  );
  assert.ok(files[0].content.includes('// Not expressible in k6'), 'warnings are in the header comment');
});

test('secrets become __ENV lookups with the variable named, never inlined', () => {
  const { files, envVars } = exportK6(scenario(), '/tmp/out/chat.k6.js');
  const script = files[0].content;
  assert.match(script, /"Bearer " \+ \(__ENV\.GATEWAY_KEY\)/);
  assert.match(script, /__ENV\.GATEWAY_URL \|\| "http:\/\/127\.0\.0\.1:8790"/);
  assert.deepEqual(envVars.map((v) => v.name).sort(), ['GATEWAY_KEY', 'GATEWAY_URL']);
  assert.match(script, /\/\/ +GATEWAY_KEY: \$\{secret:gateway-key\}/);
});

test('each executor maps to its k6 namesake', () => {
  const constantRate = exportK6(
    scenario({
      load: {
        executor: 'constant-arrival-rate',
        kind: 'open',
        arrivals: 'poisson',
        gracefulStopMs: 5000,
        thinkTimeMs: 0,
        durationMs: 60_000,
        stages: [
          { durationMs: 0, target: 20, label: '20/s' },
          { durationMs: 60_000, target: 20, label: '20/s' },
        ],
      },
    }),
    '/tmp/a.k6.js',
  );
  const rate = optionsOf(constantRate.files[0].content).scenarios.load;
  assert.deepEqual(
    [rate.executor, rate.rate, rate.timeUnit, rate.duration],
    ['constant-arrival-rate', 20, '1s', '60s'],
  );
  assert.ok(constantRate.warnings.some((w) => w.includes('Poisson')));

  const vus = optionsOf(
    exportK6(
      scenario({
        load: {
          executor: 'constant-vus',
          kind: 'closed',
          arrivals: 'uniform',
          gracefulStopMs: 5000,
          thinkTimeMs: 1000,
          durationMs: 300_000,
          stages: [
            { durationMs: 0, target: 50, label: '50' },
            { durationMs: 300_000, target: 50, label: '50' },
          ],
        },
      }),
      '/tmp/b.k6.js',
    ).files[0].content,
  ).scenarios.load;
  assert.deepEqual([vus.executor, vus.vus, vus.duration], ['constant-vus', 50, '300s']);

  const ramping = exportK6(
    scenario({
      load: {
        executor: 'ramping-vus',
        kind: 'closed',
        arrivals: 'uniform',
        gracefulStopMs: 5000,
        thinkTimeMs: 500,
        durationMs: 90_000,
        stages: [
          { durationMs: 30_000, target: 10, label: '10' },
          { durationMs: 60_000, target: 10, label: '10' },
        ],
      },
    }),
    '/tmp/c.k6.js',
  );
  const rv = optionsOf(ramping.files[0].content).scenarios.load;
  assert.deepEqual(
    [rv.executor, rv.startVUs, rv.stages],
    [
      'ramping-vus',
      0,
      [
        { duration: '30s', target: 10 },
        { duration: '60s', target: 10 },
      ],
    ],
  );
  assert.match(ramping.files[0].content, /sleep\(0\.5\);/);
});

test('abortOnFail thresholds use the k6 object form', () => {
  const t = {
    ...threshold('http_req_failed', 'rate < 0.05', 'rate', '<', 0.05),
    abortOnFail: true,
    delayAbortEvalMs: 10_000,
  };
  const options = optionsOf(exportK6(scenario({ thresholds: [t] }), '/tmp/d.k6.js').files[0].content);
  assert.deepEqual(options.thresholds.http_req_failed, [
    { threshold: 'rate < 0.05', abortOnFail: true, delayAbortEval: '10s' },
  ]);
});

test('prompts go to a SharedArray sidecar; checks become k6 checks', () => {
  const { files, warnings } = exportK6(scenario(), '/tmp/out/chat.k6.js');
  const sidecar = files.find((f) => f.path.endsWith('.prompts.json'));
  assert.ok(sidecar);
  assert.deepEqual(JSON.parse(sidecar.content), ['Say hello', 'Write, "quoted", text']);
  assert.match(
    files[0].content,
    /new SharedArray\("chat", \(\) => JSON\.parse\(open\("\.\/chat\.chat\.prompts\.json"\)\)\)/,
  );
  assert.match(files[0].content, /"status == 200": \(r\) => r\.status === 200/);
  assert.ok(
    warnings.some((w) => w.includes('ttft < 300ms')),
    'a check k6 cannot express is reported',
  );
});
