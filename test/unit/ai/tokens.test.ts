import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens, encodingName } from '../../../src/engine/ai/index';

describe('countTokens', () => {
  test('picks the encoding by model', () => {
    assert.equal(encodingName('gpt-4o-mini'), 'o200k_base');
    assert.equal(encodingName('openai/gpt-4.1'), 'o200k_base');
    assert.equal(encodingName('o3-mini'), 'o200k_base');
    assert.equal(encodingName('gpt-4-turbo'), 'cl100k_base');
    assert.equal(encodingName('gpt-3.5-turbo'), 'cl100k_base');
    assert.equal(encodingName('claude-sonnet-4-5'), 'o200k_base');
    assert.equal(encodingName(undefined), 'o200k_base');
  });

  test('counts real tokens', () => {
    assert.equal(countTokens(''), 0);
    assert.equal(countTokens('hello world'), 2);
    assert.equal(countTokens('hello world', 'gpt-3.5-turbo'), 2);
    const long = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    const n = countTokens(long, 'gpt-4o');
    assert.ok(n > 150 && n < 260, String(n));
    // The two encodings disagree on some text: the choice is real.
    const text = 'Quelle belle journée, n’est-ce pas ? 日本語のテキストも数えます。';
    assert.notEqual(countTokens(text, 'gpt-4o'), countTokens(text, 'gpt-4'));
  });

  test('special-token text in output is counted, not rejected', () => {
    assert.ok(countTokens('before <|endoftext|> after') > 3);
  });
});
