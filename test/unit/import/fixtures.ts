// Real-shaped inputs for the importers, written the way the tools that make them write them:
// a Chrome devtools HAR (a page load with its assets and three chat completions, one streaming),
// a REST Client file with variables, curl commands from a gateway's docs, a Postman v2.1 collection.

const ORIGIN = 'https://gw.example.com';
const SECRET = 'sk-live-abcdef0123456789';

function header(name: string, value: string) {
  return { name, value };
}

function entry(
  i: number,
  method: string,
  url: string,
  opts: {
    type: string;
    mime: string;
    status?: number;
    body?: unknown;
    headers?: Array<{ name: string; value: string }>;
    time?: number;
  },
) {
  const started = new Date(Date.UTC(2026, 10, 30, 12, 0, 0) + i * 500).toISOString();
  return {
    _resourceType: opts.type,
    startedDateTime: started,
    time: opts.time ?? 40,
    request: {
      method,
      url,
      httpVersion: 'http/2.0',
      headers: [
        header(':authority', 'gw.example.com'),
        header(':method', method),
        header('accept-encoding', 'gzip, deflate, br'),
        header('user-agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0'),
        header('sec-ch-ua-platform', '"Linux"'),
        header('cookie', 'session=abc'),
        ...(opts.headers ?? []),
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: opts.body ? JSON.stringify(opts.body).length : 0,
      ...(opts.body ? { postData: { mimeType: 'application/json', text: JSON.stringify(opts.body) } } : {}),
    },
    response: {
      status: opts.status ?? 200,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: [],
      cookies: [],
      content: { size: 100, mimeType: opts.mime },
      redirectURL: '',
      headersSize: -1,
      bodySize: 100,
    },
    cache: {},
    timings: { send: 0, wait: 30, receive: 10 },
  };
}

/** A page load: 20 assets (HTML, scripts, styles, images, fonts, a preflight) and 3 chat completions, the second streaming; entries 0.5 s apart. */
export function harText(): string {
  const assets: Array<[string, string, string]> = [
    ['document', '/', 'text/html'],
    ['script', '/static/app.js', 'application/javascript'],
    ['script', '/static/vendor.js', 'text/javascript'],
    ['stylesheet', '/static/app.css', 'text/css'],
    ['image', '/img/logo.png', 'image/png'],
    ['image', '/img/hero.webp', 'image/webp'],
    ['font', '/fonts/inter.woff2', 'font/woff2'],
    ['image', '/favicon.ico', 'image/x-icon'],
    ['script', '/static/chunk-1.js', 'application/javascript'],
    ['script', '/static/chunk-2.js', 'application/javascript'],
    ['stylesheet', '/static/theme.css', 'text/css'],
    ['image', '/img/avatar.jpg', 'image/jpeg'],
    ['image', '/img/icon.svg', 'image/svg+xml'],
    ['font', '/fonts/mono.ttf', 'font/ttf'],
    ['manifest', '/manifest.json', 'application/manifest+json'],
    ['script', '/static/worker.js', 'application/javascript'],
    ['image', '/img/bg.gif', 'image/gif'],
    ['media', '/media/intro.mp4', 'video/mp4'],
    ['preflight', '/v1/chat/completions', ''],
    ['script', '/static/app.js.map', 'application/json'],
  ];
  const auth = [
    header('authorization', `Bearer ${SECRET}`),
    header('content-type', 'application/json'),
    header('accept', 'application/json'),
  ];
  const chat = (content: string, stream: boolean) => ({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content },
    ],
    stream,
    max_tokens: 64,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  });
  const entries = assets.map(([type, path, mime], i) =>
    entry(i, type === 'preflight' ? 'OPTIONS' : 'GET', `${ORIGIN}${path}`, {
      type,
      mime,
      status: type === 'preflight' ? 204 : 200,
    }),
  );
  // The calls are spread among the assets, 0.5 s apart: 3 calls between t=2.5 s and t=9.5 s (+ 40 ms).
  entries.splice(
    5,
    0,
    entry(5, 'POST', `${ORIGIN}/v1/chat/completions`, {
      type: 'fetch',
      mime: 'application/json',
      body: chat('What is a gateway?', false),
      headers: auth,
    }),
  );
  entries.splice(
    12,
    0,
    entry(12, 'POST', `${ORIGIN}/v1/chat/completions`, {
      type: 'fetch',
      mime: 'text/event-stream',
      body: chat('Stream me a haiku.', true),
      headers: auth,
    }),
  );
  entries.splice(
    19,
    0,
    entry(19, 'POST', `${ORIGIN}/v1/chat/completions`, {
      type: 'xhr',
      mime: 'application/json',
      body: chat('Name three load models.', false),
      headers: auth,
    }),
  );
  return JSON.stringify(
    { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } },
    null,
    2,
  );
}

export const SECRET_VALUE = SECRET;

export const HTTP_FILE = `@baseUrl = https://gw.example.com
@model = gpt-4o-mini
@key = {{$processEnv GATEWAY_KEY}}

### Ask a question
# @name ask
POST {{baseUrl}}/v1/chat/completions HTTP/1.1
Content-Type: application/json
Authorization: Bearer {{key}}

{
  "model": "{{model}}",
  "messages": [{ "role": "user", "content": "Say hello" }],
  "max_tokens": 32
}

###

# @name models
GET {{baseUrl}}/v1/models
Accept: application/json

### Anthropic through the same gateway
POST {{baseUrl}}/v1/messages
Content-Type: application/json
x-api-key: {{$processEnv ANTHROPIC_KEY}}
anthropic-version: 2023-06-01

{"model": "claude-3-5-haiku", "max_tokens": 100, "stream": true, "system": "Be brief.", "messages": [{"role": "user", "content": "Explain SSE."}]}
`;

export const CURL_LINES = `# From the gateway's quick start
curl https://gw.example.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -d '{
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "Hello!"}],
    "stream": true
  }'

curl -s -X POST https://gw.example.com/v1/embeddings --json '{"model":"text-embedding-3-small","input":"The food was delicious"}' -H 'Authorization: Bearer ${SECRET}'

curl -u admin:hunter2 https://gw.example.com/v1/models
`;

export function postmanText(): string {
  return JSON.stringify(
    {
      info: {
        _postman_id: '7d0c1c7e-2d6a-4e0a-9b8e-1f2a3b4c5d6e',
        name: 'Gateway smoke',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{apiKey}}', type: 'string' }] },
      item: [
        {
          name: 'Chat',
          item: [
            {
              name: 'Completion',
              request: {
                method: 'POST',
                header: [{ key: 'Content-Type', value: 'application/json' }],
                body: {
                  mode: 'raw',
                  raw: JSON.stringify({
                    model: '{{model}}',
                    messages: [{ role: 'user', content: 'Ping' }],
                    temperature: 0.2,
                  }),
                  options: { raw: { language: 'json' } },
                },
                url: {
                  raw: '{{baseUrl}}/v1/chat/completions',
                  host: ['{{baseUrl}}'],
                  path: ['v1', 'chat', 'completions'],
                },
              },
            },
          ],
        },
        {
          name: 'List models',
          request: {
            method: 'GET',
            header: [{ key: 'X-Trace', value: '{{$guid}}' }],
            url: { raw: '{{baseUrl}}/v1/models', host: ['{{baseUrl}}'], path: ['v1', 'models'] },
          },
          event: [{ listen: 'test', script: { exec: ['pm.test("ok", () => pm.response.to.have.status(200));'] } }],
        },
      ],
      variable: [
        { key: 'baseUrl', value: 'https://gw.example.com' },
        { key: 'model', value: 'gpt-4o-mini' },
        { key: 'apiKey', value: SECRET },
      ],
    },
    null,
    2,
  );
}
