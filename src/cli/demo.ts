// `gateway-load demo`: starts the mock gateway in this process on a free port and runs the
// streaming chat example against it (about 30 s), with live progress and the summary.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startMock } from '../mock/index';
import { runFile } from './run';

const USAGE =
  'usage: gateway-load demo [--quiet] [--out DIR] [--set key=value …]\n\nStarts the built-in mock gateway and runs examples/streaming-chat.load.yaml against it (about 30 s).';

/** The example shipped beside dist/ (and at the repository root when run from source). */
function exampleFile(): string | undefined {
  const candidates = [
    join(__dirname, '..', 'examples', 'streaming-chat.load.yaml'),
    resolve('examples', 'streaming-chat.load.yaml'),
  ];
  return candidates.find((p) => existsSync(p));
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const file = exampleFile();
  if (!file) {
    console.error('gateway-load demo: examples/streaming-chat.load.yaml not found');
    return 2;
  }
  const quiet = argv.includes('--quiet');
  const sets: string[] = [];
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--set' && argv[i + 1]) sets.push(argv[++i]);
    else if (argv[i] === '--out' && argv[i + 1]) outDir = argv[++i];
  }
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  console.log(`mock gateway listening on ${mock.url}`);
  process.env.GATEWAY_URL = mock.url;
  try {
    return await runFile(file, { quiet, sets, outDir });
  } finally {
    await mock.close();
  }
}
