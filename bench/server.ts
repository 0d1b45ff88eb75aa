// The bench's fast loopback server: precomputed answers over keep-alive node:http, so the
// generators, not the server's work per request, decide the figures as far as possible.
// `json`: a small OpenAI chat completion; `sse`: an OpenAI chat stream of 20 content events.
// Prints `listening on http://HOST:PORT`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const mode = process.argv[2] === 'sse' ? 'sse' : 'json';
const head = '{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1732612345,"model":"gpt-4o-mini",';
const ev = (choices: string, usage = 'null'): string => `data: ${head}"choices":${choices},"usage":${usage}}\n\n`;
let sse = ev('[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]');
for (let i = 0; i < 20; i++) sse += ev(`[{"index":0,"delta":{"content":" tok${i}"},"finish_reason":null}]`);
sse +=
  ev('[{"index":0,"delta":{},"finish_reason":"stop"}]') +
  ev('[]', '{"prompt_tokens":5,"completion_tokens":20,"total_tokens":25}') +
  'data: [DONE]\n\n';
const json = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1732612345,
  model: 'gpt-4o-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hello from the bench server.' }, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
});
const body = Buffer.from(mode === 'sse' ? sse : json);
const headers = {
  'content-type': mode === 'sse' ? 'text/event-stream' : 'application/json',
  'content-length': String(body.length),
};

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  // Drain the request body, then answer in one write.
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
});
