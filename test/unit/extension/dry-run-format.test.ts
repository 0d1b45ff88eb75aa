import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSample, redactText } from '../../../src/extension/dry-run-format';
import type { SampleMessage } from '../../../src/protocol';

const secret = 'sk-live-0123456789abcdef';

const sample: SampleMessage = {
  type: 'sample',
  request: {
    name: 'chat',
    method: 'POST',
    url: `http://127.0.0.1:8790/v1/chat/completions?key=${secret}`,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'x-echo': `echo ${secret}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true }),
  },
  response: {
    status: 200,
    headers: {
      'content-type': 'text/event-stream',
      'x-ratelimit-remaining-tokens': '9984',
      'set-cookie': 'session=abc123',
    },
    body: 'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: [DONE]\n\n',
    durationMs: 123.4,
    ttftMs: 45.6,
    checks: [
      { name: 'status == 200', ok: true },
      { name: 'latency < 100ms', ok: false },
    ],
  },
};

test('a sample reads as request, headers, pretty body, answer and checks', () => {
  const text = formatSample(sample, 0, [secret]);
  const lines = text.split('\n');
  assert.equal(lines[0], '── #1 chat ─ HTTP 200 · 123 ms · first token 46 ms');
  assert.equal(lines[1], 'POST http://127.0.0.1:8790/v1/chat/completions?key=[redacted]');
  assert.ok(text.includes('  "model": "gpt-4o-mini",'), 'JSON bodies are pretty-printed');
  assert.ok(text.includes('data: {"choices":[{"delta":{"content":"Hel"}}]}'), 'SSE bodies are shown as received');
  assert.ok(text.includes('  ✓ status == 200\n  ✗ latency < 100ms'));
  // Rate-limit headers name tokens but hold no credential: a dry run is where one checks them.
  assert.ok(text.includes('  x-ratelimit-remaining-tokens: 9984'));
  assert.ok(text.includes('  set-cookie: [redacted]'));
});

test('no secret survives: known values anywhere, credential headers by name', () => {
  const text = formatSample(sample, 2, [secret]);
  assert.ok(!text.includes(secret));
  assert.ok(text.includes('  authorization: Bearer [redacted]'));
  assert.ok(text.includes('  x-echo: echo [redacted]'));
  // Even without the value known, an Authorization header is hidden.
  assert.ok(!formatSample(sample, 0, []).includes(`authorization: Bearer ${secret}`));
});

test('errors without a status, and long bodies cut', () => {
  const failed: SampleMessage = {
    ...sample,
    response: {
      ...sample.response,
      status: null,
      error: 'ECONNREFUSED',
      ttftMs: null,
      body: 'x'.repeat(5000),
      checks: [],
    },
  };
  const text = formatSample(failed, 0, []);
  assert.match(text.split('\n')[0], /^── #1 chat ─ error: ECONNREFUSED · 123 ms$/);
  assert.match(text, /… \(1000 more characters\)/);
  assert.ok(!text.includes('checks:'));
});

test('redactText hides longer secrets whole and ignores very short values', () => {
  assert.equal(redactText('a abcdef abc', ['abc', 'abcdef', 'ab']), 'a [redacted] abc');
});
