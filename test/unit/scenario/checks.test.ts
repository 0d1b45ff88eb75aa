import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheck } from '../../../src/scenario/index';

describe('parseCheck', () => {
  test('numbers, durations, paths, headers and literals', () => {
    assert.deepEqual(parseCheck('status == 200').check, {
      text: 'status == 200',
      subject: 'status',
      path: [],
      op: '==',
      value: 200,
    });
    assert.deepEqual(parseCheck('latency < 1.5s').check?.value, 1500);
    assert.deepEqual(parseCheck('latency<=500').check?.value, 500);
    assert.deepEqual(parseCheck('ttft < 300ms').check?.subject, 'ttft');
    assert.deepEqual(parseCheck('body.choices[0].message.content exists').check?.path, [
      'choices',
      0,
      'message',
      'content',
    ]);
    assert.deepEqual(parseCheck('body["x-y"][2] == null').check, {
      text: 'body["x-y"][2] == null',
      subject: 'body',
      path: ['x-y', 2],
      op: '==',
      value: null,
    });
    assert.deepEqual(parseCheck('header.X-Request-Id exists').check?.path, ['x-request-id']);
    assert.deepEqual(parseCheck('body.model matches /gpt-4o?/i').check?.value, 'gpt-4o?');
    assert.deepEqual(parseCheck("body.object == 'chat.completion'").check?.value, 'chat.completion');
    assert.deepEqual(parseCheck('body.ok != false').check?.value, false);
    assert.equal(parseCheck('body not exists').check?.op, 'not exists');
  });
  test('errors carry offsets of the part at fault', () => {
    assert.deepEqual(parseCheck('latency < soon').error, {
      message: "'soon' is not a duration such as 500ms or 1.5s: latency < 500ms.",
      start: 10,
      end: 14,
    });
    const e = parseCheck('bodyy.x exists').error!;
    assert.equal(e.start, 0);
    assert.equal(e.end, 5);
    assert.match(parseCheck('body.x matches /(/').error!.message, /Invalid regular expression/);
    assert.match(parseCheck('status contains 2').error!.message, /compare it with/);
    assert.match(parseCheck('body.x exists now').error!.message, /takes no value/);
    assert.match(parseCheck('body.x == "open').error!.message, /Unclosed quote/);
    assert.match(parseCheck('').error!.message, /starts with one of/);
  });
});
