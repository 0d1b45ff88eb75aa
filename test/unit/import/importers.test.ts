import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { parseScenario } from '../../../src/scenario';
import { detectFormat, importCurl, importHar, importPostman, importRestClient } from '../../../src/import';
import { CURL_LINES, HTTP_FILE, SECRET_VALUE, harText, postmanText } from './fixtures';

/** The imported text must validate with no diagnostic at all, and never hold the recorded key. */
function clean(text: string): unknown {
  assert.ok(!text.includes(SECRET_VALUE), 'the credential never reaches the file');
  const result = parseScenario(text, { file: '/tmp/imported.load.yaml', fileExists: () => true });
  assert.deepEqual(result.diagnostics, []);
  return parse(text);
}

const LOAD = { executor: 'constant-arrival-rate', rate: '1/s', duration: '1m' };
const FAILED = { http_req_failed: ['rate < 0.01'] };

test('HAR: 3 chat completions among 20 assets become a weighted mix of two dialect requests', () => {
  const { text, warnings } = importHar(harText(), 'page');
  assert.deepEqual(clean(text), {
    name: 'page',
    target: { baseUrl: 'https://gw.example.com', headers: { Authorization: 'Bearer ${secret:gateway-key}' } },
    // 3 calls from t = 2.5 s to t = 9.5 s + 40 ms: 3 / 7.04 s = 25.6/min.
    load: { executor: 'constant-arrival-rate', rate: '25.6/min', duration: '1m' },
    requests: [
      {
        name: 'chat',
        weight: 2,
        api: 'openai-chat',
        model: 'gpt-4o-mini',
        maxTokens: 64,
        system: 'You are terse.',
        prompt: ['What is a gateway?', 'Name three load models.'],
        checks: ['status == 200'],
      },
      {
        name: 'chat-stream',
        weight: 1,
        api: 'openai-chat',
        model: 'gpt-4o-mini',
        stream: true,
        maxTokens: 64,
        system: 'You are terse.',
        prompt: 'Stream me a haiku.',
        checks: ['status == 200'],
      },
    ],
    thresholds: FAILED,
  });
  assert.ok(
    warnings.includes('20 asset request(s) (pages, scripts, styles, images, fonts, preflights) were left out.'),
  );
  assert.ok(
    warnings.some((w) => w.includes('${secret:gateway-key}')),
    'the replaced credential is reported',
  );
  assert.ok(warnings.some((w) => w.startsWith('Cookie headers were dropped')));
  assert.equal(
    warnings.filter((w) => w.includes('Authorization header')).length,
    1,
    'one note per header, not per call',
  );
  assert.ok(
    text.startsWith('# Imported from a HAR recording by gateway-load import.\n# note: 20 asset request(s)'),
    'the notes head the file',
  );
});

test('HAR: an Anthropic call is recognised by its path and body, and the conversation before the last user turn is reported', () => {
  const har = {
    log: {
      version: '1.2',
      entries: [
        {
          startedDateTime: '2026-11-30T12:00:00.000Z',
          time: 900,
          request: {
            method: 'POST',
            url: 'https://api.example.com/anthropic/v1/messages',
            headers: [
              { name: 'x-api-key', value: 'sk-ant-secret' },
              { name: 'anthropic-version', value: '2023-06-01' },
            ],
            postData: {
              mimeType: 'application/json',
              text: JSON.stringify({
                model: 'claude-3-5-haiku',
                max_tokens: 200,
                messages: [
                  { role: 'user', content: 'Hi' },
                  { role: 'assistant', content: 'Hello' },
                  { role: 'user', content: [{ type: 'text', text: 'Tell me more' }] },
                ],
                top_k: 5,
              }),
            },
          },
          response: { status: 200, content: { mimeType: 'application/json' } },
        },
      ],
    },
  };
  const { text, warnings } = importHar(JSON.stringify(har), 'a');
  assert.ok(!text.includes('sk-ant-secret'));
  const doc = clean(text) as { requests: unknown[]; target: unknown; load: unknown };
  assert.deepEqual(doc.target, { baseUrl: 'https://api.example.com', headers: { 'X-Api-Key': '${secret:x-api-key}' } });
  assert.deepEqual(doc.load, LOAD, 'one call gives no rate: the default');
  assert.deepEqual(doc.requests, [
    {
      name: 'messages',
      weight: 1,
      api: 'anthropic-messages',
      path: '/anthropic/v1/messages',
      model: 'claude-3-5-haiku',
      maxTokens: 200,
      prompt: 'Tell me more',
      body: { top_k: 5 },
      checks: ['status == 200'],
    },
  ]);
  assert.ok(warnings.some((w) => w.includes('2 earlier message(s)')));
});

test('REST Client: every request, @variables as variables, $processEnv as env references', () => {
  const { text, warnings } = importRestClient(HTTP_FILE, 'rc');
  assert.deepEqual(clean(text), {
    name: 'rc',
    target: { baseUrl: '${var:baseUrl}' },
    load: LOAD,
    requests: [
      {
        name: 'ask',
        api: 'openai-chat',
        model: '${var:model}',
        maxTokens: 32,
        prompt: 'Say hello',
        headers: { Authorization: 'Bearer ${var:key}' },
      },
      { name: 'models', api: 'raw', method: 'GET', path: '/v1/models', headers: { Accept: 'application/json' } },
      {
        name: 'messages-stream',
        api: 'anthropic-messages',
        model: 'claude-3-5-haiku',
        stream: true,
        maxTokens: 100,
        system: 'Be brief.',
        prompt: 'Explain SSE.',
        headers: { 'X-Api-Key': '${env:ANTHROPIC_KEY}' },
      },
    ],
    thresholds: FAILED,
    variables: { baseUrl: 'https://gw.example.com', model: 'gpt-4o-mini', key: '${env:GATEWAY_KEY}' },
  });
  assert.deepEqual(warnings, [], 'a key read from the environment is no literal credential');
});

test('REST Client: a literal key in a variable becomes a secret and the variable is left out', () => {
  const { text, warnings } = importRestClient(
    `@token = ${SECRET_VALUE}\n\nPOST https://gw.example.com/v1/chat/completions\nAuthorization: Bearer {{token}}\nContent-Type: application/json\n\n{"model":"m","messages":[{"role":"user","content":"x"}]}\n`,
    'one',
  );
  const doc = clean(text) as { target: unknown; variables?: unknown };
  assert.deepEqual(doc.target, {
    baseUrl: 'https://gw.example.com',
    headers: { Authorization: 'Bearer ${secret:gateway-key}' },
  });
  assert.equal(doc.variables, undefined);
  assert.ok(warnings.includes('Variable(s) token held a credential and were not copied.'));
});

test('curl: -H, -d over several lines, --json, -X and -u; shell variables become env references', () => {
  const { text, warnings } = importCurl(CURL_LINES, 'curl');
  assert.deepEqual(clean(text), {
    name: 'curl',
    target: { baseUrl: 'https://gw.example.com' },
    load: LOAD,
    requests: [
      {
        name: 'chat-stream',
        api: 'openai-chat',
        model: 'gpt-4o-mini',
        stream: true,
        prompt: 'Hello!',
        headers: { Authorization: 'Bearer ${env:OPENAI_API_KEY}' },
      },
      {
        name: 'embeddings',
        api: 'openai-embeddings',
        model: 'text-embedding-3-small',
        prompt: 'The food was delicious',
        headers: { Authorization: 'Bearer ${secret:gateway-key}' },
      },
      {
        name: 'get-v1-models',
        api: 'raw',
        method: 'GET',
        path: '/v1/models',
        headers: { Authorization: 'Basic ${secret:gateway-key}' },
      },
    ],
    thresholds: FAILED,
  });
  assert.ok(!text.includes('hunter2'), '-u credentials are not copied');
  assert.ok(warnings.some((w) => w.startsWith('curl command 3: -u credentials')));
});

test('curl: a raw body that is not JSON stays text, and unknown options are reported', () => {
  const { text, warnings } = importCurl(
    "curl --request PUT 'http://127.0.0.1:9000/kv/a?x=1' --data-raw 'plain text' -H 'Content-Type: text/plain' --proxy http://p:1\n",
    'kv',
  );
  const doc = clean(text) as { requests: unknown[]; target: unknown };
  assert.deepEqual(
    doc.target,
    { baseUrl: 'http://127.0.0.1:9000', headers: { 'Content-Type': 'text/plain' } },
    'a header every request sends moves to the target',
  );
  assert.deepEqual(doc.requests, [
    { name: 'put-kv-a', api: 'raw', method: 'PUT', path: '/kv/a?x=1', body: 'plain text' },
  ]);
  assert.ok(warnings.includes('curl command 1: option --proxy was ignored.'));
});

test('Postman v2.1: folders, collection variables and inherited bearer auth', () => {
  const { text, warnings } = importPostman(postmanText());
  assert.deepEqual(clean(text), {
    name: 'Gateway smoke',
    target: { baseUrl: '${var:baseUrl}', headers: { Authorization: 'Bearer ${secret:gateway-key}' } },
    load: LOAD,
    requests: [
      { name: 'chat-completion', api: 'openai-chat', model: '${var:model}', temperature: 0.2, prompt: 'Ping' },
      { name: 'list-models', api: 'raw', method: 'GET', path: '/v1/models', headers: { 'X-Trace': '${uuid}' } },
    ],
    thresholds: FAILED,
    variables: { baseUrl: 'https://gw.example.com', model: 'gpt-4o-mini' },
  });
  assert.ok(
    warnings.includes('request List models: pre-request and test scripts were not carried over; write checks instead.'),
  );
  assert.ok(warnings.includes('Variable(s) apiKey held a credential and were not copied.'));
});

test('the format is told from the name and the text', () => {
  assert.equal(detectFormat('/x/rec.har', '{}'), 'har');
  assert.equal(detectFormat('/x/rec.json', harText()), 'har');
  assert.equal(detectFormat('/x/api.http', ''), 'rest-client');
  assert.equal(detectFormat('/x/api.rest', ''), 'rest-client');
  assert.equal(detectFormat('/x/c.json', postmanText()), 'postman');
  assert.equal(detectFormat('/x/cmds.txt', CURL_LINES), 'curl');
  assert.equal(detectFormat('/x/a.yml', 'config:\n  target: x\nscenarios: []\n'), 'artillery');
  assert.equal(detectFormat('/x/a.json', '{"a":1}'), undefined);
});

test('inputs that are not the format are refused with a reason', () => {
  assert.throws(() => importHar('{"a":1}'), /not a HAR file/);
  assert.throws(() => importCurl('echo hi'), /no curl command/);
  assert.throws(() => importPostman('[]'), /not a Postman collection/);
  assert.throws(() => importRestClient('# only a comment\n'), /no request found/);
});

test('a literal ${ in a recording stays text, not a reference', () => {
  const har = {
    log: {
      version: '1.2',
      entries: [
        {
          startedDateTime: '2026-11-30T12:00:00.000Z',
          time: 10,
          request: {
            method: 'POST',
            url: 'http://127.0.0.1:8790/v1/completions',
            headers: [],
            postData: { mimeType: 'application/json', text: JSON.stringify({ model: 'm', prompt: 'Fill ${name} in' }) },
          },
          response: { status: 200, content: { mimeType: 'application/json' } },
        },
      ],
    },
  };
  const { text } = importHar(JSON.stringify(har), 'lit');
  const doc = clean(text) as { requests: Array<{ prompt: string }> };
  assert.equal(doc.requests[0].prompt, 'Fill $${name} in');
  const rc = importRestClient(
    'POST http://127.0.0.1:8790/v1/completions\nContent-Type: application/json\n\n{"model":"m","prompt":"a ${b} c"}\n',
    'lit',
  );
  assert.equal((clean(rc.text) as { requests: Array<{ prompt: string }> }).requests[0].prompt, 'a $${b} c');
});
