import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fillTemplate, missingNames, parseDotenv, referencedNames } from '../../../src/run/run-inputs';
import { scenarioWith, stage } from '../extension/scenario-fixture';

describe('parseDotenv', () => {
  test('reads plain, exported, quoted and commented lines', () => {
    const text = [
      '\uFEFF# a comment',
      'GATEWAY_URL=http://127.0.0.1:8790',
      'export API_KEY = sk-123 # trailing comment',
      "SINGLE='lit #eral \\n'",
      'DOUBLE="a\\nb \\"q\\" # kept"',
      'HASH=abc#def',
      'EMPTY=',
      '',
      'not a pair',
      '1BAD=x',
      'API_KEY=sk-override',
    ].join('\r\n');
    assert.deepEqual(parseDotenv(text), {
      GATEWAY_URL: 'http://127.0.0.1:8790',
      API_KEY: 'sk-override',
      SINGLE: 'lit #eral \\n',
      DOUBLE: 'a\nb "q" # kept',
      HASH: 'abc#def',
      EMPTY: '',
    });
  });
  test('an unterminated quote takes the rest of the line', () => {
    assert.deepEqual(parseDotenv('A="open\nB=\'x'), { A: 'open', B: 'x' });
  });
});

describe('references', () => {
  const s = scenarioWith([stage(10, 1)], 'open', '${env:GATEWAY_URL:-http://127.0.0.1:8790}');
  s.target.headers = { Authorization: 'Bearer ${secret:gateway-key}', 'x-team': '${dotenv:TEAM}' };
  s.target.apiKeys = ['${secret:key2}'];
  s.requests[0].body = { metadata: { user: '${env:USER_ID}-${vu}' }, tags: ['${secret:gateway-key}'] };
  s.variables = { region: '${env:REGION:-eu}' };

  test('collects every named env, secret and dotenv reference once, deep in bodies too', () => {
    assert.deepEqual(referencedNames(s), {
      env: ['GATEWAY_URL', 'REGION', 'USER_ID'],
      secret: ['gateway-key', 'key2'],
      dotenv: ['TEAM'],
    });
  });
  test('missing names are those without a value and without a default', () => {
    assert.deepEqual(missingNames(s, {}, 'env'), ['USER_ID']);
    assert.deepEqual(missingNames(s, { USER_ID: 'u' }, 'env'), []);
    assert.deepEqual(missingNames(s, { key2: 'k' }, 'secret'), ['gateway-key']);
  });
  test('fillTemplate applies values, defaults and variables', () => {
    const values = {
      env: { REGION: 'us' },
      dotenv: {},
      secrets: { k: 's3cr3t' },
      variables: { host: '${env:REGION}.gw.example.com' },
    };
    assert.equal(fillTemplate('${env:GATEWAY_URL:-http://127.0.0.1:8790}', values), 'http://127.0.0.1:8790');
    assert.equal(fillTemplate('https://${var:host}/v1', values), 'https://us.gw.example.com/v1');
    assert.equal(fillTemplate('Bearer ${secret:k} ${vu}', values), 'Bearer s3cr3t ');
    assert.equal(fillTemplate('plain', values), 'plain');
  });
});
