// The engine worker's entry (dist/worker.js): one run per worker. Every message from the host
// is checked by the protocol guard before it is acted on. Started with role `tokenizer`, the
// same file serves as the engine's token-counting thread.
import { parentPort, workerData } from 'node:worker_threads';
import { isHostToWorker, type WorkerToHost } from '../protocol';
import { Engine } from './engine';
import { serveTokenizer } from './tokenizer-thread';

const port = parentPort;
if (!port) throw new Error('dist/worker.js must run as a worker thread');
const role = (workerData as { role?: string } | null)?.role;
if (role === 'tokenizer') serveTokenizer(port);
else serveEngine(port);

function serveEngine(port: NonNullable<typeof parentPort>): void {
  const post = (m: WorkerToHost): void => port.postMessage(m);
  let engine: Engine | null = null;

  port.on('message', (m: unknown) => {
    if (!isHostToWorker(m)) {
      post({ type: 'log', level: 'warn', message: 'engine: ignored a message of unknown shape from the host' });
      return;
    }
    if (m.type === 'stop') {
      engine?.stop(m.reason);
      return;
    }
    if (engine) return;
    engine = new Engine(m.scenario, m.options, post);
    engine.run().then(
      // Nothing more will come: let the thread exit once its last messages are out.
      () => port.unref(),
      (err: unknown) => post({ type: 'fatal', message: `engine failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}` }),
    );
  });
}
