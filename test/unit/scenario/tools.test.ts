// `tools` / `toolChoice` and the openai-responses dialect: validation at exact ranges, and the
// body each dialect builds from them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/scenario/index';
import { buildBody } from '../../../src/dialects/body';

const doc = (request: string): string =>
  `target: { baseUrl: http://127.0.0.1:8790 }\nload: { executor: constant-vus, vus: 1, duration: 1s }\nrequests:\n${request}`;

describe('tools and the Responses dialect', () => {
  test('openai-responses: path, and a body with input, instructions, max_output_tokens, tools and tool_choice', () => {
    const r = parseScenario(
      doc(
        '  - api: openai-responses\n    model: gpt-5-mini\n    stream: true\n    maxTokens: 50\n    system: Be brief.\n    prompt: Hi\n    tools: [ { type: function, name: get_weather, parameters: { type: object } } ]\n    toolChoice: required\n',
      ),
    );
    assert.deepEqual(r.diagnostics, []);
    const spec = r.scenario!.requests[0];
    assert.equal(spec.path, '/v1/responses');
    assert.deepEqual(buildBody(spec, 'Hi'), {
      model: 'gpt-5-mini',
      instructions: 'Be brief.',
      input: 'Hi',
      stream: true,
      max_output_tokens: 50,
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
      tool_choice: 'required',
    });
  });

  test('anthropic: toolChoice words become { type } objects, required becomes any', () => {
    const r = parseScenario(
      doc(
        '  - api: anthropic-messages\n    model: claude-x\n    prompt: Hi\n    tools: [ { name: f, input_schema: { type: object } } ]\n    toolChoice: required\n',
      ),
    );
    assert.deepEqual(r.diagnostics, []);
    const body = buildBody(r.scenario!.requests[0], 'Hi') as Record<string, unknown>;
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.deepEqual(body.tools, [{ name: 'f', input_schema: { type: 'object' } }]);
  });

  test('the chat shape sent to the Responses API is an error at the tool', () => {
    const text = doc(
      '  - api: openai-responses\n    model: m\n    tools:\n      - { type: function, function: { name: f } }\n',
    );
    const r = parseScenario(text);
    const d = r.diagnostics.find((x) => x.code === 'bad-tool');
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.match(d.message, /top level in the Responses API/);
    assert.deepEqual(d.range.start, { line: 6, character: 8 });
  });

  test('a chat tool without function.name, a bad toolChoice, and tools on embeddings', () => {
    const r = parseScenario(
      doc(
        '  - api: openai-chat\n    model: m\n    tools: [ { type: function, name: f } ]\n    toolChoice: sometimes\n  - api: openai-embeddings\n    model: e\n    tools: [ { name: f } ]\n',
      ),
    );
    const codes = r.diagnostics.map((d) => `${d.severity}:${d.code}:${d.range.start.line}`);
    assert.deepEqual(codes.sort(), ['error:bad-tool:5', 'error:bad-value:6', 'warning:ignored-key:9'].sort());
    assert.match(r.diagnostics.find((d) => d.code === 'bad-value')!.message, /auto, none, required, any/);
  });

  test('toolChoice without tools is a warning', () => {
    const r = parseScenario(doc('  - { api: openai-chat, model: m, toolChoice: auto }\n'));
    assert.deepEqual(
      r.diagnostics.map((d) => [d.severity, d.code]),
      [['warning', 'tool-choice-without-tools']],
    );
  });
});
