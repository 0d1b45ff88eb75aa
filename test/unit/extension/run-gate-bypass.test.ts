// The two ways past the gate the issue found, closed: a `${var:}` chain deeper than the host once
// expanded, and a Dry Run. Also what the confirmation names, and files outside the workspace.
// Plain Node: the gate and both resolvers are pure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gateRun, filesOutside } from '../../../src/extension/run-gate';
import { resolveBaseUrl, MAX_VAR_DEPTH } from '../../../src/scenario/base-url';
import { compileMix } from '../../../src/engine/request-builder';
import { originRefusal } from '../../../src/engine/origin-guard';
import { parseScenario } from '../../../src/scenario/index';
import { scenarioWith, stage } from './scenario-fixture';

/** Six `${var:}` hops, the last one `http://${var:g}@127.0.0.1`: it reads as loopback unless g is filled. */
const DEEP = [
  'name: deep',
  'variables:',
  '  a: ${var:b}',
  '  b: ${var:c}',
  '  c: ${var:d}',
  '  d: ${var:e}',
  '  e: ${var:f}',
  '  f: http://${var:g}@127.0.0.1',
  '  g: attacker.example/',
  'target: { baseUrl: "${var:a}" }',
  'load: { executor: constant-arrival-rate, rate: 1/s, duration: 2s }',
  'requests: [ { api: openai-chat, model: m, prompt: hi } ]',
].join('\n');

const none = { env: {}, dotenv: {}, secrets: {} };
const gateBase = { trusted: true, trustedHosts: [] as string[], confirmSetting: true };

test('the deep-variable bypass: host and engine resolve the same origin, and the gate asks', () => {
  const { scenario, diagnostics } = parseScenario(DEEP);
  assert.ok(scenario, JSON.stringify(diagnostics));
  const host = resolveBaseUrl(scenario.target.baseUrl, { ...none, vars: scenario.variables });
  assert.equal(host.error, undefined);
  assert.equal(host.origin, 'http://attacker.example');
  const engine = compileMix(scenario, { ...none, vars: scenario.variables });
  assert.equal(engine.origin, host.origin, 'one resolver: the engine sends where the host looked');
  const gate = gateRun({ ...gateBase, scenario, resolvedBaseUrl: host.url! });
  assert.ok('confirm' in gate, `the gate must ask, got ${JSON.stringify(gate)}`);
  assert.equal(gate.confirm.host, 'attacker.example');
  for (const dryRun of [false, true])
    assert.ok('confirm' in gateRun({ ...gateBase, scenario, resolvedBaseUrl: host.url!, dryRun }));
});

test('a chain deeper than the shared limit is an error on both sides, not a different URL', () => {
  const vars: Record<string, string> = {};
  for (let i = 0; i < MAX_VAR_DEPTH + 2; i++) vars[`v${i}`] = `\${var:v${i + 1}}`;
  vars[`v${MAX_VAR_DEPTH + 2}`] = 'http://attacker.example';
  const r = resolveBaseUrl('${var:v0}', { ...none, vars });
  assert.match(r.error ?? '', /more than 8 deep/);
  const scenario = { ...scenarioWith([stage(1, 1)]), variables: vars };
  scenario.target = { ...scenario.target, baseUrl: '${var:v0}' };
  assert.throws(() => compileMix(scenario, { ...none, vars }), /refers to itself|more than 8 deep/);
});

test('the dry-run bypass: a Dry Run against a remote host needs the same confirmation', () => {
  const remote = scenarioWith([stage(10, 1)], 'open', 'https://gw.example.com');
  const run = gateRun({ ...gateBase, scenario: remote, resolvedBaseUrl: 'https://gw.example.com' });
  const dry = gateRun({ ...gateBase, scenario: remote, resolvedBaseUrl: 'https://gw.example.com', dryRun: true });
  assert.ok('confirm' in run && 'confirm' in dry);
  assert.deepEqual(dry, run);
});

test('the engine refuses any origin but the confirmed one', () => {
  assert.equal(originRefusal('http://127.0.0.1:8790', 'http://127.0.0.1:8790/v1'), undefined);
  assert.equal(
    originRefusal('http://127.0.0.1:8790', undefined),
    undefined,
    'the CLI confirms nothing and passes none',
  );
  assert.match(
    originRefusal('http://attacker.example', 'http://127.0.0.1')!,
    /Refused to send.*attacker\.example.*127\.0\.0\.1.*No request was sent/,
  );
  assert.match(originRefusal('http://127.0.0.1:1', 'not a url')!, /Refused/);
});

test('the confirmation names the secrets, env vars, .env entries and files that leave, and the host', () => {
  const remote = scenarioWith([stage(10, 1)], 'open', 'https://gw.example.com:8443');
  const outbound = { secrets: ['gateway-key'], env: ['TEAM'], dotenv: [], files: ['/work/ws/prompts.jsonl'] };
  const gate = gateRun({
    ...gateBase,
    scenario: remote,
    resolvedBaseUrl: 'https://gw.example.com:8443',
    outbound,
    workspaceRoots: ['/work/ws'],
  });
  assert.ok('confirm' in gate);
  const d = gate.confirm.detail;
  assert.match(d, /Leaves this machine for gw\.example\.com:8443:/);
  assert.match(d, /secrets: gateway-key\n/);
  assert.match(d, /environment variables: TEAM\n/);
  assert.match(d, /\.env entries: none\n/);
  assert.match(d, /files \(their lines are sent as prompts\): \/work\/ws\/prompts\.jsonl/);
});

test('a prompt file outside the workspace needs the confirmation, even on loopback', () => {
  const local = scenarioWith([stage(10, 1)]);
  const outbound = { secrets: [], env: [], dotenv: [], files: ['/home/u/.ssh/id_rsa', '/work/ws/p.txt'] };
  const gate = gateRun({
    ...gateBase,
    scenario: local,
    resolvedBaseUrl: 'http://127.0.0.1:8790',
    outbound,
    workspaceRoots: ['/work/ws'],
  });
  assert.ok('confirm' in gate, JSON.stringify(gate));
  assert.match(gate.confirm.message, /outside the workspace/);
  assert.match(gate.confirm.detail, /Outside the workspace: \/home\/u\/\.ssh\/id_rsa\n/);
  // Inside: no question for loopback; `..` tricks do not count as inside.
  assert.deepEqual(
    gateRun({
      ...gateBase,
      scenario: local,
      resolvedBaseUrl: 'http://127.0.0.1:8790',
      outbound: { ...outbound, files: ['/work/ws/p.txt'] },
      workspaceRoots: ['/work/ws'],
    }),
    { allowed: true },
  );
  assert.deepEqual(filesOutside(['/work/ws/../etc/passwd', '/work/wsx/a', '/work/ws/a/b'], ['/work/ws']), [
    '/work/ws/../etc/passwd',
    '/work/wsx/a',
  ]);
  // Even with confirmNonLoopback off, reading outside files is asked.
  assert.ok(
    'confirm' in
      gateRun({
        ...gateBase,
        confirmSetting: false,
        scenario: local,
        resolvedBaseUrl: 'http://127.0.0.1:8790',
        outbound,
        workspaceRoots: ['/work/ws'],
      }),
  );
});
