// The official `openai` client's Responses API (`responses.create`) against the mock, streamed
// and not, plain, reasoning and tool-call answers: the mock speaks the Responses wire faithfully.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startMock, type MockServer } from '../../../src/mock/index';

describe('official openai client responses.create against the mock', () => {
  let mock: MockServer;
  let client: OpenAI;

  before(async () => {
    mock = await startMock({
      port: 0,
      ttftMs: 5,
      tokensPerSecond: 1000,
      outputTokens: 12,
      apiKeys: ['sk-test-123'],
      seed: 1,
    });
    client = new OpenAI({ apiKey: 'sk-test-123', baseURL: `${mock.url}/v1`, maxRetries: 0 });
  });
  after(() => mock.close());

  test('not streamed: output_text, usage and status', async () => {
    mock.setConfig({ reasoningTokens: 0, toolCallRate: 0 });
    const r = await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hello', instructions: 'Be brief.' });
    assert.equal(r.object, 'response');
    assert.equal(r.status, 'completed');
    assert.equal(r.model, 'gpt-4o-mini');
    assert.equal(r.output_text, 'The quick brown fox jumps over the lazy dog and a gateway');
    assert.equal(r.usage?.output_tokens, 12);
    assert.equal(r.usage?.output_tokens_details.reasoning_tokens, 0);
    assert.ok((r.usage?.input_tokens ?? 0) > 0);
  });

  test('not streamed: max_output_tokens makes the response incomplete', async () => {
    const r = await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hello', max_output_tokens: 3 });
    assert.equal(r.status, 'incomplete');
    assert.equal(r.incomplete_details?.reason, 'max_output_tokens');
    assert.equal(r.output_text, 'The quick brown');
  });

  test('streamed: typed events from response.created to response.completed, sequence numbers in order', async () => {
    const stream = await client.responses.create({
      model: 'gpt-4o',
      input: 'Say hello',
      stream: true,
      max_output_tokens: 5,
    });
    const types: string[] = [];
    let text = '';
    let seq = -1;
    let completed: OpenAI.Responses.Response | undefined;
    for await (const ev of stream) {
      types.push(ev.type);
      assert.equal(ev.sequence_number, seq + 1, `sequence after ${types.at(-2)}`);
      seq = ev.sequence_number;
      if (ev.type === 'response.output_text.delta') text += ev.delta;
      if (ev.type === 'response.incomplete' || ev.type === 'response.completed') completed = ev.response;
    }
    assert.equal(types[0], 'response.created');
    assert.equal(types.at(-1), 'response.incomplete');
    assert.equal(types.filter((t) => t === 'response.output_text.delta').length, 5);
    assert.equal(text, 'The quick brown fox jumps');
    assert.equal(completed?.usage?.output_tokens, 5);
    assert.equal(completed?.output_text, undefined, 'the streamed response object is raw, as from OpenAI');
  });

  test('streamed reasoning then a function call; the streaming helper assembles them', async () => {
    mock.setConfig({ reasoningTokens: 4, toolCallRate: 1 });
    const tools: OpenAI.Responses.Tool[] = [
      {
        type: 'function',
        name: 'get_weather',
        parameters: { type: 'object', properties: { query: { type: 'string' } } },
        strict: false,
      },
    ];
    const runner = client.responses.stream({ model: 'gpt-4o', input: 'Weather?', tools, max_output_tokens: 6 });
    const order: string[] = [];
    let reasoning = '';
    let args = '';
    for await (const ev of runner) {
      if (ev.type === 'response.reasoning_summary_text.delta') {
        reasoning += ev.delta;
        order.push('r');
      }
      if (ev.type === 'response.function_call_arguments.delta') {
        args += ev.delta;
        order.push('a');
      }
    }
    const final = await runner.finalResponse();
    assert.equal(order.join(''), 'rrrraaaaaa', 'reasoning deltas come before the answer');
    assert.equal(reasoning, 'The quick brown fox');
    assert.deepEqual(JSON.parse(args), { query: 'The quick brown fox jumps over' });
    const call = final.output.find((o) => o.type === 'function_call');
    assert.equal(call?.type === 'function_call' ? call.name : undefined, 'get_weather');
    assert.equal(final.usage?.output_tokens, 10);
    assert.equal(final.usage?.output_tokens_details.reasoning_tokens, 4);
    const rec = mock.stats().answers.at(-1);
    assert.deepEqual(
      rec && { route: rec.route, reasoning: rec.reasoningTokens, output: rec.outputTokens, tool: rec.toolCall },
      { route: 'responses', reasoning: 4, output: 6, tool: true },
    );
  });

  test('chat completions with tools: streamed tool_calls assemble into the arguments', async () => {
    mock.setConfig({ reasoningTokens: 0, toolCallRate: 1 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather?' }],
      stream: true,
      max_tokens: 4,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      tool_choice: 'auto',
    });
    let args = '';
    let name: string | undefined;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const tc = chunk.choices[0]?.delta.tool_calls?.[0];
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(name, 'get_weather');
    assert.deepEqual(JSON.parse(args), { query: 'The quick brown fox' });
    assert.equal(finish, 'tool_calls');
  });

  test('tool_choice none answers with text even at tool-call rate 1', async () => {
    const r = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'x',
      tools: [{ type: 'function', name: 'f', parameters: {}, strict: false }],
      tool_choice: 'none',
      max_output_tokens: 2,
    });
    assert.equal(r.output_text, 'The quick');
  });
});
