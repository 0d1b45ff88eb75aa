// The engine's own cost per request, without the network: the real Runner, RequestSink, Exchange,
// reader and recorder, with undici's Pool.dispatch replaced by a synchronous stand-in that plays
// the bench server's answer (as one chunk, or one chunk per SSE event) and encodes a string body
// as undici's Request does. Minimum of several trials, so other work on the machine shows less.
// Run: node --import tsx bench/engine-path.bench.ts [json|sse|sse-split]
import { loadavg } from 'node:os';
import { initHistograms } from '../src/engine/histogram';
import { HttpClient } from '../src/engine/http-client';
import { Recorder } from '../src/engine/recorder';
import { compileMix } from '../src/engine/request-builder';
import { Runner } from '../src/engine/runner';
import { chat, constantVus, scenario } from '../test/integration/engine/scenario-fixtures';

const head = '{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1732612345,"model":"gpt-4o-mini",';
const ev = (choices: string, usage = 'null'): string => `data: ${head}"choices":${choices},"usage":${usage}}\n\n`;

function sseEvents(): string[] {
  const out = [ev('[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]')];
  for (let i = 0; i < 20; i++) out.push(ev(`[{"index":0,"delta":{"content":" tok${i}"},"finish_reason":null}]`));
  out.push(
    ev('[{"index":0,"delta":{},"finish_reason":"stop"}]'),
    ev('[]', '{"prompt_tokens":5,"completion_tokens":20,"total_tokens":25}'),
    'data: [DONE]\n\n',
  );
  return out;
}

const JSON_BODY = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1732612345,
  model: 'gpt-4o-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hello from the bench server.' }, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
});

type Handler = {
  onConnect(abort: () => void): void;
  onHeaders(status: number, raw: Buffer[], resume: () => void, text: string): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(trailers: unknown): void;
};

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'sse';
  const stream = mode !== 'json';
  await initHistograms();
  const chunks =
    mode === 'json'
      ? [Buffer.from(JSON_BODY)]
      : mode === 'sse'
        ? [Buffer.from(sseEvents().join(''))]
        : sseEvents().map((e) => Buffer.from(e));
  const raw = [
    Buffer.from('Content-Type'),
    Buffer.from(stream ? 'text/event-stream' : 'application/json'),
    Buffer.from('Content-Length'),
    Buffer.from(String(chunks.reduce((a, c) => a + c.length, 0))),
    Buffer.from('Date'),
    Buffer.from(new Date().toUTCString()),
    Buffer.from('Connection'),
    Buffer.from('keep-alive'),
  ];
  const sc = scenario('http://127.0.0.1:9', constantVus(50, 10_000), [chat({ stream, maxTokens: 20 })]);
  const mix = compileMix(sc, { env: {}, dotenv: {}, secrets: {}, vars: {} });
  const client = new HttpClient(mix.origin, { connections: 50, pipelining: 1, timeoutMs: 5000 });
  const noop = (): void => {};
  let sent = 0;
  // undici's Request turns a string body into a Buffer per request; a Buffer passes as is.
  (client.pool as unknown as { dispatch: (o: { body: string | Buffer | null }, h: Handler) => boolean }).dispatch = (
    o,
    h,
  ) => {
    if (typeof o.body === 'string') sent += Buffer.from(o.body).length;
    else if (o.body) sent += o.body.length;
    // undici answers later, never inside dispatch(): without this the engine would defer each end to
    // setImmediate (its guard against a synchronous refusal) and the trial would not time the recording.
    client.dispatching = null;
    h.onConnect(noop);
    h.onHeaders(200, raw, noop, 'OK');
    for (const c of chunks) h.onData(c);
    h.onComplete([]);
    return true;
  };
  const rec = new Recorder();
  const runner = new Runner(client, mix, rec, null);
  const N = 100_000;
  const trials: number[] = [];
  let iteration = 0;
  for (let t = 0; t < 9; t++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) runner.run((i % 50) + 1, ++iteration, null, null);
    trials.push(Number(process.hrtime.bigint() - t0) / N);
    rec.rollWindow();
  }
  const failed = rec.total.failed;
  const best = Math.min(...trials.slice(2));
  console.log(
    `${mode}: ${best.toFixed(0)} ns/request engine-only (min of 7 trials after 2 warm-up; trials ${trials.map((x) => x.toFixed(0)).join(' ')}); failed ${failed}; body bytes ${sent / iteration}; load ${loadavg()[0].toFixed(2)}`,
  );
  rec.destroy();
  await client.close();
}

void main();
