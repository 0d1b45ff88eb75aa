import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  confirmationText,
  formatDuration,
  gateRun,
  hostOf,
  isLoopback,
  planOf,
  UNTRUSTED_MESSAGE,
} from '../../../src/extension/run-gate';
import { scenarioWith, stage } from './scenario-fixture';

describe('isLoopback', () => {
  test('accepts this machine in every spelling', () => {
    for (const url of [
      'http://127.0.0.1:8790',
      'http://127.0.0.1',
      'https://127.1.2.3/v1',
      'http://127.1:80/',
      'http://localhost:3000',
      'http://LOCALHOST',
      'http://localhost./x',
      'http://api.localhost:9',
      'http://[::1]:8790/v1',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]:80/',
    ])
      assert.equal(isLoopback(url), true, url);
  });
  test('rejects other hosts, look-alikes and non-URLs', () => {
    for (const url of [
      'https://api.openai.com/v1',
      'http://10.0.0.1',
      'http://192.168.1.20:8080',
      'http://128.0.0.1',
      'http://localhost.example.com',
      'http://127.0.0.1.nip.io',
      'http://[::2]/',
      'http://[::ffff:10.0.0.1]/',
      'http://0.0.0.0',
      'not a url',
      '',
    ])
      assert.equal(isLoopback(url), false, url);
  });
  test('hostOf drops the trailing dot and lower-cases', () => {
    assert.equal(hostOf('https://API.Example.COM./v1'), 'api.example.com');
    assert.equal(hostOf('::'), undefined);
  });
});

describe('planOf', () => {
  test('integrates linear ramps from 0 and keeps the peak', () => {
    // 0→10/s over 10 s (50), hold 10/s for 20 s (200), 10→0 over 10 s (50).
    const plan = planOf(scenarioWith([stage(10, 10), stage(20, 10), stage(10, 0)]));
    assert.deepEqual(plan, { peak: 10, kind: 'open', durationMs: 40_000, expectedRequests: 300 });
  });
  test('a 0 s stage jumps: the constant executor shape', () => {
    const plan = planOf(scenarioWith([stage(0, 50), stage(60, 50)]));
    assert.equal(plan.expectedRequests, 3000);
    assert.equal(plan.peak, 50);
  });
  test('the rate cap bounds the peak and the count, also mid-ramp', () => {
    // 0→100/s over 10 s under a 50/s cap: 0..5 s ramps (125), 5..10 s flat at 50 (250).
    const plan = planOf(scenarioWith([stage(10, 100), stage(10, 0)]), { maxRequestsPerSecond: 50 });
    assert.equal(plan.peak, 50);
    assert.equal(plan.expectedRequests, 125 + 250 + 250 + 125);
  });
  test('closed models: peak VUs, unknown request count', () => {
    const plan = planOf(scenarioWith([stage(30, 20), stage(60, 20)], 'closed'), { maxConnections: 8 });
    assert.deepEqual(plan, { peak: 8, kind: 'closed', durationMs: 90_000, expectedRequests: null });
  });
});

describe('gateRun', () => {
  const remote = scenarioWith(
    [stage(120, 100 / 60), stage(300, 200 / 60), stage(60, 0)],
    'open',
    'https://gw.example.com/v1',
  );
  const base = {
    trusted: true,
    scenario: remote,
    resolvedBaseUrl: 'https://gw.example.com/v1',
    trustedHosts: [] as string[],
    confirmSetting: true,
  };

  test('untrusted workspaces are blocked, even for loopback and dry runs', () => {
    assert.deepEqual(gateRun({ ...base, trusted: false, resolvedBaseUrl: 'http://127.0.0.1:8790' }), {
      blocked: UNTRUSTED_MESSAGE,
    });
    assert.deepEqual(gateRun({ ...base, trusted: false, dryRun: true }), { blocked: UNTRUSTED_MESSAGE });
    assert.match(UNTRUSTED_MESSAGE, /Restricted Mode/);
  });
  test('loopback targets run without asking', () => {
    for (const url of ['http://127.0.0.1:8790', 'http://[::1]:8790', 'http://localhost:1'])
      assert.deepEqual(gateRun({ ...base, resolvedBaseUrl: url }), { allowed: true });
  });
  test('a remote host asks, with target, peak rate, duration and expected requests', () => {
    const r = gateRun(base);
    assert.ok('confirm' in r);
    assert.equal(r.confirm.host, 'gw.example.com');
    assert.equal(r.confirm.message, 'Send load to gw.example.com? It is not this machine.');
    // 100/min ramp over 2 m = 100, 100→200/min over 5 m = 750, 200→0/min over 1 m = 100.
    assert.equal(
      r.confirm.detail,
      [
        'Scenario: fixture',
        'Target: https://gw.example.com/v1',
        'Peak rate: 3.33 req/s (200/min)',
        'Duration: 8m 00s',
        'Expected requests: about 950',
      ].join('\n'),
    );
  });
  test('trusted hosts and the setting skip the question', () => {
    assert.deepEqual(gateRun({ ...base, trustedHosts: ['GW.example.com'] }), { allowed: true });
    // The default port is not written in the URL's host, so `host:443` does not match it.
    assert.ok('confirm' in gateRun({ ...base, trustedHosts: ['gw.example.com:443'] }));
    assert.deepEqual(
      gateRun({ ...base, resolvedBaseUrl: 'http://gw.example.com:8080/', trustedHosts: ['gw.example.com:8080'] }),
      { allowed: true },
    );
    assert.deepEqual(gateRun({ ...base, confirmSetting: false }), { allowed: true });
    assert.ok('confirm' in gateRun({ ...base, trustedHosts: ['other.example.com'] }));
  });
  test('a baseUrl that is not a URL once filled is refused with what to write', () => {
    const r = gateRun({ ...base, resolvedBaseUrl: '/v1' });
    assert.ok('blocked' in r);
    assert.match(r.blocked, /'\/v1' is not a valid URL.*http:\/\/127\.0\.0\.1:8790/);
  });
  test('closed models confirm VUs and say the count depends on the gateway', () => {
    const closed = scenarioWith([stage(0, 50), stage(600, 50)], 'closed', 'http://10.1.2.3:8080');
    const { detail } = confirmationText(closed, 'http://10.1.2.3:8080');
    assert.match(detail, /Peak concurrency: 50 virtual users/);
    assert.match(detail, /Duration: 10m 00s/);
    assert.match(detail, /depends on response times/);
  });
});

test('formatDuration', () => {
  assert.equal(formatDuration(750), '750 ms');
  assert.equal(formatDuration(45_000), '45s');
  assert.equal(formatDuration(65_000), '1m 05s');
  assert.equal(formatDuration(3_723_000), '1h 02m 03s');
});
