// Raw HTTP helpers for the mock's tests: undici, no SDK in between.
import { request, type Dispatcher } from 'undici';

/** A whole answer as text. */
export interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  dispatcher?: Dispatcher,
): Promise<Raw> {
  const r = await request(url, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.statusCode, headers: r.headers, text: await r.body.text() };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  const r = await request(url, { headers });
  return { status: r.statusCode, headers: r.headers, text: await r.body.text() };
}

/** One SSE event with the time its bytes arrived (ms since the request was sent). */
export interface TimedEvent {
  event?: string;
  data: string;
  at: number;
}

/** Sends a request and splits the SSE answer into events as they arrive, timing each. */
export async function timedStream(
  url: string,
  body: unknown,
  dispatcher?: Dispatcher,
): Promise<{ status: number; events: TimedEvent[]; headersAt: number }> {
  const t0 = performance.now();
  const r = await request(url, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const headersAt = performance.now() - t0;
  const events: TimedEvent[] = [];
  let buf = '';
  for await (const chunk of r.body) {
    const at = performance.now() - t0;
    buf += (chunk as Buffer).toString('utf8');
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      const e: TimedEvent = { data: '', at };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) e.event = line.slice(7);
        else if (line.startsWith('data: ')) e.data += line.slice(6);
      }
      events.push(e);
    }
  }
  if (buf.length) events.push({ data: `UNTERMINATED:${buf}`, at: performance.now() - t0 });
  return { status: r.statusCode, events, headersAt };
}
