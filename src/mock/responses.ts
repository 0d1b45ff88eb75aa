// OpenAI Responses API wire shapes (`POST /v1/responses`): the response object, and the typed
// event stream (`response.created` … `response.completed`, no `[DONE]`), with a reasoning item
// before the answer and a function call instead of a message when the answer is a tool call.
import type { Answer, StreamFraming } from './framing';
import { jsonInner, outputText, outputToken, toolArgPiece, toolArgs } from './text';

type Obj = Record<string, unknown>;

function usage(a: Answer): Obj {
  const out = a.outputTokens + a.reasoningTokens;
  return {
    input_tokens: a.promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: out,
    output_tokens_details: { reasoning_tokens: a.reasoningTokens },
    total_tokens: a.promptTokens + out,
  };
}

function ids(a: Answer): { rs: string; msg: string; fc: string } {
  const tail = a.id.slice('resp_'.length);
  return { rs: `rs_${tail}`, msg: `msg_${tail}`, fc: `fc_${tail}` };
}

function reasoningItem(a: Answer, done: boolean): Obj {
  return {
    id: ids(a).rs,
    type: 'reasoning',
    summary: done ? [{ type: 'summary_text', text: outputText(a.reasoningTokens) }] : [],
  };
}

function answerItem(a: Answer, done: boolean): Obj {
  const status = done ? 'completed' : 'in_progress';
  if (a.toolCall)
    return {
      id: ids(a).fc,
      type: 'function_call',
      status,
      arguments: done ? toolArgs(a.outputTokens) : '',
      call_id: a.toolCall.id,
      name: a.toolCall.name,
    };
  return {
    id: ids(a).msg,
    type: 'message',
    status,
    role: 'assistant',
    content: done ? [{ type: 'output_text', text: outputText(a.outputTokens), annotations: [] }] : [],
  };
}

function response(a: Answer, status: 'in_progress' | 'completed' | 'incomplete'): Obj {
  const over = status !== 'in_progress';
  const output: Obj[] = [];
  if (over && a.reasoningTokens > 0) output.push(reasoningItem(a, true));
  if (over) output.push(answerItem(a, true));
  return {
    id: a.id,
    object: 'response',
    created_at: a.created,
    status,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: null,
    max_output_tokens: null,
    model: a.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: over ? usage(a) : null,
    user: null,
    metadata: {},
  };
}

/** A non-streamed response. */
export function responsesJson(a: Answer): string {
  return JSON.stringify(response(a, a.truncated ? 'incomplete' : 'completed'));
}

/** The events of a streamed response. Sequence numbers follow from the (fixed) token counts. */
export function responsesStream(a: Answer): StreamFraming {
  const r = a.reasoningTokens;
  const n = a.outputTokens;
  const call = a.toolCall;
  const { rs, msg, fc } = ids(a);
  let seq = 0;
  const ev = (type: string, data: Obj): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`;
  const outIndex = r > 0 ? 1 : 0;

  let head =
    ev('response.created', { response: response(a, 'in_progress') }) +
    ev('response.in_progress', { response: response(a, 'in_progress') });
  if (r > 0) {
    head +=
      ev('response.output_item.added', { output_index: 0, item: reasoningItem(a, false) }) +
      ev('response.reasoning_summary_part.added', {
        item_id: rs,
        output_index: 0,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      });
  }
  const openAnswer = (): string =>
    call
      ? ev('response.output_item.added', { output_index: outIndex, item: answerItem(a, false) })
      : ev('response.output_item.added', { output_index: outIndex, item: answerItem(a, false) }) +
        ev('response.content_part.added', {
          item_id: msg,
          output_index: outIndex,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        });
  if (r === 0) head += openAnswer();
  const headSeq = seq;
  // Between the last reasoning delta and the first answer delta: the reasoning item closes, the answer's opens.
  let between = '';
  if (r > 0) {
    seq = headSeq + r;
    between =
      ev('response.reasoning_summary_text.done', {
        item_id: rs,
        output_index: 0,
        summary_index: 0,
        text: outputText(r),
      }) +
      ev('response.reasoning_summary_part.done', {
        item_id: rs,
        output_index: 0,
        summary_index: 0,
        part: { type: 'summary_text', text: outputText(r) },
      }) +
      ev('response.output_item.done', { output_index: 0, item: reasoningItem(a, true) }) +
      openAnswer();
  }
  const betweenCount = seq - headSeq - r;
  const seqOf = (i: number): number => headSeq + i + (i >= r ? betweenCount : 0);
  seq = seqOf(r + n);
  const end = a.truncated ? 'response.incomplete' : 'response.completed';
  const tail =
    (call
      ? ev('response.function_call_arguments.done', { item_id: fc, output_index: outIndex, arguments: toolArgs(n) })
      : ev('response.output_text.done', {
          item_id: msg,
          output_index: outIndex,
          content_index: 0,
          text: outputText(n),
          logprobs: [],
        }) +
        ev('response.content_part.done', {
          item_id: msg,
          output_index: outIndex,
          content_index: 0,
          part: { type: 'output_text', text: outputText(n), annotations: [] },
        })) +
    ev('response.output_item.done', { output_index: outIndex, item: answerItem(a, true) }) +
    ev(end, { response: response(a, a.truncated ? 'incomplete' : 'completed') });

  const textBefore = `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":`;
  const textAfter = `,"item_id":"${msg}","output_index":${outIndex},"content_index":0,"delta":"`;
  const argsBefore = `event: response.function_call_arguments.delta\ndata: {"type":"response.function_call_arguments.delta","sequence_number":`;
  const argsAfter = `,"item_id":"${fc}","output_index":${outIndex},"delta":"`;
  const thinkBefore = `event: response.reasoning_summary_text.delta\ndata: {"type":"response.reasoning_summary_text.delta","sequence_number":`;
  const thinkAfter = `,"item_id":"${rs}","output_index":0,"summary_index":0,"delta":"`;
  return {
    head,
    token: (i) => {
      if (i < r) return `${thinkBefore}${seqOf(i)}${thinkAfter}${outputToken(i)}"}\n\n`;
      const j = i - r;
      const pre = j === 0 ? between : '';
      if (call) return `${pre}${argsBefore}${seqOf(i)}${argsAfter}${jsonInner(toolArgPiece(j, n))}"}\n\n`;
      return `${pre}${textBefore}${seqOf(i)}${textAfter}${outputToken(j)}","logprobs":[]}\n\n`;
    },
    tail,
    error: `event: error\ndata: ${JSON.stringify({ type: 'error', code: 'server_error', message: 'The server had an error while processing your request.', param: null, sequence_number: 0 })}\n\n`,
    malformed: `${textBefore}0${textAfter}brok\n\n`,
  };
}
