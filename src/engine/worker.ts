// The engine worker's entry (dist/worker.js): one run per worker. Every message from the host
// is checked by the protocol guard before it is acted on. Started with role `tokenizer`, the
// same file serves as the engine's token-counting thread, and with role `coordinator` as the
// thread that shares a run among several engine workers and merges their windows.
import { parentPort, workerData } from 'node:worker_threads';
import { isHostToWorker, type WorkerToHost } from '../protocol';
import { Engine } from './engine';
import { serveTokenizer } from './tokenizer-thread';
import { serveCoordinator } from './coordinator';

const port = parentPort;
if (!port) throw new Error('dist/worker.js must run as a worker thread');
const data = workerData as { role?: string; workers?: number } | null;
if (data?.role === 'tokenizer') serveTokenizer(port);
else if (data?.role === 'coordinator') serveCoordinator(port, __filename, Math.max(1, data.workers ?? 1));
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
    if (m.type === 'shard-go') {
      engine?.go(m.t0Epoch);
      return;
    }
    if (engine) return;
    engine = new Engine(m.scenario, m.options, post);
    if (m.options.shard) crashForTest(m.options.shard.index);
    engine.run().then(
      // Nothing more will come: let the thread exit once its last messages are out.
      () => port.unref(),
      (err: unknown) =>
        post({
          type: 'fatal',
          message: `engine failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        }),
    );
  });
}

/**
 * Test hook for the crash of one shared-run worker: GATEWAY_LOAD_TEST_CRASH_SHARD=`index:ms`
 * throws in worker `index` (0-based) after `ms`. Never set outside tests.
 */
function crashForTest(index: number): void {
  const m = /^(\d+):(\d+)$/.exec(process.env.GATEWAY_LOAD_TEST_CRASH_SHARD ?? '');
  if (!m || Number(m[1]) !== index) return;
  setTimeout(() => {
    throw new Error(`test crash of worker ${index + 1}`);
  }, Number(m[2]));
}
