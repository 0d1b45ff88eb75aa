// Split invariance: a TCP read can end anywhere (mid-line, mid-UTF-8 character, between \r and
// \n), so every way of cutting a stream into chunks must read the same.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ApiDialect } from '../../../src/scenario/model';
import type { ReadResult } from '../../../src/engine/ai/index';
import {
  ANTHROPIC,
  OPENAI_CHAT,
  OPENAI_MULTILINE,
  OPENAI_CHAT_NO_USAGE,
  fullOpts,
  invariant,
  readSplit,
} from './fixtures';

const VARIANTS: Array<[string, ApiDialect, string]> = [
  ['openai LF', 'openai-chat', OPENAI_CHAT],
  ['openai CRLF + BOM', 'openai-chat', '\uFEFF' + OPENAI_CHAT.replace(/\n/g, '\r\n')],
  [
    'openai CR + comments',
    'openai-chat',
    ': keep-alive\r\r' + OPENAI_CHAT.replace(/\n\n/g, '\n\n: ping\n\n').replace(/\n/g, '\r'),
  ],
  ['openai multi-line data CRLF', 'openai-chat', OPENAI_MULTILINE.replace(/\n/g, '\r\n')],
  ['openai no usage', 'openai-chat', OPENAI_CHAT_NO_USAGE],
  ['anthropic LF', 'anthropic-messages', ANTHROPIC],
  ['anthropic CRLF', 'anthropic-messages', ANTHROPIC.replace(/\n/g, '\r\n')],
];

function read(api: ApiDialect, bytes: Buffer, cuts: number[]): { result: unknown; lean: unknown; pieces: string } {
  const pieces: string[] = [];
  const r = readSplit(api, bytes, cuts, fullOpts(pieces));
  // The lean reader (no body, no text) takes the byte-only paths for usage and model.
  const lean = readSplit(api, bytes, cuts, { needBody: false, needText: false, tokenCount: 'never' });
  return { result: invariant(r), lean: invariant(lean), pieces: pieces.join('') };
}

describe('split invariance', () => {
  for (const [name, api, text] of VARIANTS) {
    test(`${name}: every single split position reads the same`, () => {
      const bytes = Buffer.from(text);
      const whole = read(api, bytes, []);
      const full = whole.result as ReadResult;
      const lean = whole.lean as ReadResult;
      assert.equal(full.ok, true);
      // Byte-level extraction agrees with JSON.parse.
      assert.deepEqual(
        [lean.ok, lean.model, lean.tokenEvents, lean.outputTokens, lean.inputTokens, lean.finishReason],
        [full.ok, full.model, full.tokenEvents, full.outputTokens, full.inputTokens, full.finishReason],
      );
      for (let c = 0; c <= bytes.length; c++) {
        const got = read(api, bytes, [c]);
        if (JSON.stringify(got) !== JSON.stringify(whole)) assert.deepEqual(got, whole, `split at byte ${c}`);
      }
    });
  }

  test('every split of a tail between \\r and \\n and inside multi-byte characters is covered', () => {
    const bytes = Buffer.from(VARIANTS[1][2]);
    assert.ok(bytes.includes(Buffer.from('\r\n')));
    assert.ok(
      bytes.includes(Buffer.from('😀')) && bytes.includes(Buffer.from('é')) && bytes.includes(Buffer.from('✓')),
    );
  });

  test('first token time follows the chunk that completes the first content event', () => {
    for (const [text, term] of [
      [OPENAI_CHAT, '\n\n'],
      [OPENAI_CHAT.replace(/\n/g, '\r\n'), '\r\n\r\n'],
    ] as const) {
      const bytes = Buffer.from(text);
      const firstContent = bytes.indexOf('"content":"Hello"');
      // The event is dispatched on the first byte that ends its blank line.
      const dispatchAt = bytes.indexOf(term, firstContent) + term.length / 2;
      for (let c = 0; c <= bytes.length; c++) {
        const r = readSplit('openai-chat', bytes, [c], fullOpts());
        assert.equal(r.firstTokenAt, dispatchAt < c ? 0 : 1, `split at ${c}`);
      }
    }
  });

  test('property: any chunking reads the same (fast-check)', () => {
    for (const [name, api, text] of VARIANTS) {
      const bytes = Buffer.from(text);
      const whole = JSON.stringify(read(api, bytes, []));
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (raw) => {
          const cuts = [...raw].sort((a, b) => a - b);
          assert.equal(JSON.stringify(read(api, bytes, cuts)), whole, `${name} cut at ${cuts.join(',')}`);
        }),
        { numRuns: 100, seed: 20261126 },
      );
    }
  });

  test('property: byte-at-a-time feeding reads the same', () => {
    for (const [, api, text] of VARIANTS) {
      const bytes = Buffer.from(text);
      const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
      assert.deepEqual(read(api, bytes, cuts), read(api, bytes, []));
    }
  });
});
