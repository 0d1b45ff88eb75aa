import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fullOpts, readAll } from './fixtures';

// The reader looks for the token string where the previous token event had it; events whose
// shape changes (other fields, other lengths, spaces, a null content there) must read the same.
describe('OpenAI chat stream: events of changing shape', () => {
  test('tokens are found wherever they sit, and a non-string content at the old place is no token', () => {
    const ev = (json: string): string => `data: ${json}\n\n`;
    const stream = [
      ev(
        '{"id":"a","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}',
      ),
      ev('{"id":"a","model":"m","choices":[{"index":0,"delta":{"content":"one"},"finish_reason":null}]}'),
      ev('{"id":"a","model":"m","choices":[{"index":0,"delta":{"content":"two"},"finish_reason":null}]}'),
      // Same offset, but null: not a token.
      ev('{"id":"a","model":"m","choices":[{"index":0,"delta":{"content":null},"finish_reason":null}]}'),
      // A longer id moves the key.
      ev('{"id":"abcdef","model":"m","choices":[{"index":0,"delta":{"content":"three"},"finish_reason":null}]}'),
      // Whitespace around the colon.
      ev('{"id":"a","model":"m","choices":[{"index":0,"delta":{"content" : "four"},"finish_reason":null}]}'),
      // A shorter event than the remembered offset.
      ev('{"choices":[{"delta":{"content":"5"}}]}'),
      // The old place holds a different key's string.
      ev('{"id":"a","model":"m","choices":[{"index":0,"delta":{"refusal":"x","content":"six"},"finish_reason":null}]}'),
      ev(
        '{"id":"a","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":6,"total_tokens":9}}',
      ),
      'data: [DONE]\n\n',
    ].join('');
    const pieces: string[] = [];
    const r = readAll('openai-chat', stream, fullOpts(pieces));
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 6);
    assert.deepEqual(pieces, ['one', 'two', 'three', 'four', '5', 'six']);
    assert.equal(r.text, 'onetwothreefour5six');
    assert.equal(r.finishReason, 'stop');
    assert.equal(r.outputTokens, 6);
  });
});
