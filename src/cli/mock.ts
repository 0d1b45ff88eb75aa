// `gateway-load mock`: starts the built-in mock gateway until Ctrl-C / SIGTERM.
import { readFileSync } from 'node:fs';
import { MockConfigError, normalizePatch, startMock, type MockConfig } from '../mock/index';

const USAGE = `usage: gateway-load mock [options]

Starts an OpenAI- and Anthropic-compatible mock gateway and prints 'listening on http://HOST:PORT'.

options:
  --port N                   port to listen on (default 8790; 0 picks a free port)
  --host H                   address to bind (default 127.0.0.1)
  --ttft D                   time to first token of a stream (default 200ms); D is 200ms,
                             normal:200ms:50ms or lognormal:200ms:50ms
  --tokens-per-second N      streamed token rate (default 50; 0 = all at once)
  --latency D                total latency of non-streamed answers (default 0), same forms as --ttft
  --latency-factor F         multiply every delay (e.g. 1.3)
  --flush-interval D         least time between two writes of a stream; tokens due meanwhile are
                             sent together (default 0; try 50ms for 10,000 streams)
  --output-tokens N          tokens per answer unless max_tokens asks fewer (default 64)
  --reasoning-tokens N       reasoning tokens streamed before each answer (reasoning_content,
                             Responses reasoning summary, Anthropic thinking; default 0)
  --tool-call-rate R         fraction of requests with tools answered by a tool call (default 0;
                             tool_choice required/any always calls, none never)
  --fail-rate R              fraction answered HTTP 500
  --reset-rate R             fraction whose connection is reset mid-answer
  --hang-rate R              fraction never answered
  --malformed-rate R         fraction with broken JSON / SSE
  --mid-stream-error-rate R  fraction of streams ending in an error event
  --rate-limit RATE[,BURST]  per-key token bucket, e.g. 100/s or 6000/min,50; answers 429
  --api-key K                accepted key (repeatable); without any, no key is required
  --model NAME               model listed by /v1/models (repeatable)
  --route-model M|A=B        answer as model M, or as B when A is asked (repeatable)
  --embedding-dimensions N   embedding length (default 256)
  --seed N                   seed of the fault and latency draws
  --max-concurrency N        serve at most N requests at once; later ones queue (their TTFT
                             includes the wait); default 0 = no limit
  --queue-limit Q            at most Q requests wait for a slot; beyond, refuse (default: no limit)
  --queue-full-status S      status of a refusal when the queue is full: 429 (default) or 503
  --total-tokens-per-second T  token rate shared by all generating streams: each stream gets
                             min(--tokens-per-second, T / generating streams); default 0 = none
  --cache                    answer exact repeats of an earlier request (same route and body) from a
                             cache, at once, with x-cache: HIT (others: x-cache: MISS)
  --config FILE              JSON file with the same settings (camelCase keys); flags win
  -h, --help                 show this help`;

type Setter = (patch: Record<string, unknown>, value: string) => void;

const set =
  (key: string): Setter =>
  (patch, value) => {
    patch[key] = value;
  };
const push =
  (key: string): Setter =>
  (patch, value) => {
    patch[key] = [...((patch[key] as string[] | undefined) ?? []), value];
  };

const FLAGS: Record<string, Setter> = {
  '--port': set('port'),
  '--host': set('host'),
  '--ttft': set('ttftMs'),
  '--tokens-per-second': set('tokensPerSecond'),
  '--latency': set('latencyMs'),
  '--latency-factor': set('latencyFactor'),
  '--flush-interval': set('flushIntervalMs'),
  '--output-tokens': set('outputTokens'),
  '--reasoning-tokens': set('reasoningTokens'),
  '--tool-call-rate': set('toolCallRate'),
  '--fail-rate': set('failRate'),
  '--reset-rate': set('resetRate'),
  '--hang-rate': set('hangRate'),
  '--malformed-rate': set('malformedRate'),
  '--mid-stream-error-rate': set('midStreamErrorRate'),
  '--rate-limit': set('rateLimit'),
  '--api-key': push('apiKeys'),
  '--model': push('models'),
  '--embedding-dimensions': set('embeddingDimensions'),
  '--seed': set('seed'),
  '--max-concurrency': set('maxConcurrency'),
  '--queue-limit': set('queueLimit'),
  '--queue-full-status': set('queueFullStatus'),
  '--total-tokens-per-second': set('totalTokensPerSecond'),
  '--cache': set('cache'),
  '--route-model': (patch, value) => {
    const eq = value.indexOf('=');
    if (eq < 0) {
      patch.routeModel = value;
      return;
    }
    const map =
      typeof patch.routeModel === 'object' && patch.routeModel ? (patch.routeModel as Record<string, string>) : {};
    map[value.slice(0, eq)] = value.slice(eq + 1);
    patch.routeModel = map;
  },
};

/** A usage error: printed with a hint, exit code 2. */
class UsageError extends Error {}

/** A usage error in the arguments (or the `--config` file they name), or undefined when they are accepted. */
export function parse(argv: string[]): string | undefined {
  try {
    parseMockArgs(argv);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Turns the command line (and the `--config` file it names) into a checked configuration patch. */
export function parseMockArgs(argv: string[]): Partial<MockConfig> | 'help' {
  const patch: Record<string, unknown> = {};
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name !== '--config' && !FLAGS[name]) throw new UsageError(`unknown option '${arg}'`);
    // `--cache` is a switch: it takes a value only as `--cache=false`.
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : name === '--cache' ? 'true' : argv[++i];
    if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
    if (name === '--config') file = value;
    else FLAGS[name](patch, value);
  }
  let fromFile: Partial<MockConfig> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read config file '${file}': ${(err as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`config file '${file}' is not valid JSON: ${(err as Error).message}`);
    }
    try {
      fromFile = normalizePatch(parsed);
    } catch (err) {
      throw new UsageError(`config file '${file}': ${(err as Error).message}`);
    }
  }
  try {
    return { ...fromFile, ...normalizePatch(patch) };
  } catch (err) {
    if (err instanceof MockConfigError) throw new UsageError(flagName(err.message));
    throw err;
  }
}

/** Names the flag rather than the config key in a validation message. */
function flagName(message: string): string {
  const key = /^(\w+):/.exec(message)?.[1];
  if (!key) return message;
  const flag =
    Object.entries({
      ttftMs: '--ttft',
      latencyMs: '--latency',
      apiKeys: '--api-key',
      models: '--model',
      flushIntervalMs: '--flush-interval',
    }).find(([k]) => k === key)?.[1] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return `${flag}${message.slice(key.length)}`;
}

export async function main(argv: string[]): Promise<number> {
  let config: Partial<MockConfig> | 'help';
  try {
    config = parseMockArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError) && !(err instanceof MockConfigError)) throw err;
    console.error(`gateway-load mock: ${err.message}\nRun 'gateway-load mock --help' for the options.`);
    return 2;
  }
  if (config === 'help') {
    console.log(USAGE);
    return 0;
  }
  let server;
  try {
    server = await startMock(config);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
      console.error(
        `gateway-load mock: cannot listen on ${config.host ?? '127.0.0.1'}:${config.port ?? 8790}: ${e.code}`,
      );
      return 1;
    }
    if (err instanceof MockConfigError) {
      console.error(`gateway-load mock: ${err.message}`);
      return 2;
    }
    throw err;
  }
  console.log(`listening on ${server.url}`);
  const mock = server;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Scripts wait on this exit: whatever a hung request or a stream timer still holds, the
      // process ends within a second (a second signal ends it at once).
      process.once('SIGINT', () => process.exit(0));
      process.once('SIGTERM', () => process.exit(0));
      setTimeout(() => process.exit(0), 800).unref();
      mock.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
