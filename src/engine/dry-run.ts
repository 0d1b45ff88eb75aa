// A dry run: a handful of requests one after another, each reported in full as a `sample`
// (request, answer, checks) with its streamed text as `token` messages.
import type { WorkerToHost } from '../protocol';
import type { CompiledMix } from './request-builder';
import type { Completed, Runner } from './runner';

/** Longest body shown in a sample. */
const SAMPLE_BODY_MAX = 64 * 1024;

/** Sends `requests` requests one by one, posting each as a sample; stops early on `stopped`. */
export async function runDry(
  runner: Runner,
  mix: CompiledMix,
  requests: number,
  stopped: Promise<void>,
  post: (m: WorkerToHost) => void,
): Promise<void> {
  let halted = false;
  void stopped.then(() => {
    halted = true;
  });
  for (let i = 0; i < requests && !halted; i++) {
    const c = await new Promise<Completed>((resolve) => {
      runner.run(1, i + 1, null, null, {
        onText: (text) => post({ type: 'token', requestIndex: i, text }),
        onDone: resolve,
      });
    });
    const headers: Record<string, string> = {};
    for (let k = 0; k + 1 < c.built.headers.length; k += 2) headers[c.built.headers[k]] = c.built.headers[k + 1];
    post({
      type: 'sample',
      request: {
        name: c.req.name,
        method: c.built.method,
        url: mix.origin + c.built.path,
        headers,
        body: c.built.body ?? '',
      },
      response: {
        status: c.status || null,
        headers: c.headers ?? {},
        body: (c.read?.text && !c.rawBody ? c.read.text : (c.rawBody ?? '')).slice(0, SAMPLE_BODY_MAX),
        durationMs: Math.round((c.endMs - c.startMs) * 1000) / 1000,
        ttftMs: c.ttftMs === null ? null : Math.round(c.ttftMs * 1000) / 1000,
        error: c.error === null ? undefined : c.code && !c.error.includes(c.code) ? `${c.code}: ${c.error}` : c.error,
        checks: c.checks,
      },
    });
  }
}
