// The tokenizer thread's loop (the same bundle as the engine worker, started with role
// `tokenizer`): counts texts with gpt-tokenizer and answers with the count.
import type { MessagePort } from 'node:worker_threads';
import { countTokens } from './ai';
import type { CountReply, CountRequest } from './token-sampler';

/** Answers count requests on `port` until the thread is terminated. */
export function serveTokenizer(port: MessagePort): void {
  port.on('message', (m: CountRequest) => {
    if (typeof m?.text !== 'string' || typeof m.id !== 'number') return;
    let counted = 0;
    try {
      counted = countTokens(m.text, m.model);
    } catch {
      counted = 0;
    }
    if (m.id >= 0) port.postMessage({ id: m.id, counted } satisfies CountReply);
  });
}
