// The command-line face: `gateway-load <command> …`. Each command lives in its own module and
// exports `main(argv): Promise<number>` returning the exit code (0 ok, 1 failed, 2 usage).
import { VERSION } from '../version';

interface Command {
  summary: string;
  load: () => Promise<{ main(argv: string[]): Promise<number>; parse?(argv: string[]): string | undefined }>;
}

const commands: Record<string, Command> = {
  validate: { summary: 'check scenario files and print their problems', load: () => import('./validate') },
  run: { summary: 'run a scenario and write its results folder', load: () => import('./run') },
  mock: { summary: 'start the built-in OpenAI/Anthropic-compatible mock gateway', load: () => import('./mock') },
  demo: { summary: 'start the mock and run the streaming example against it', load: () => import('./demo') },
  report: { summary: 'render a run as html, md, json or junit', load: () => import('./report') },
  compare: { summary: 'compare a run with a baseline; exit 1 on a regression', load: () => import('./compare') },
  export: { summary: 'export a scenario to Artillery or k6', load: () => import('./export') },
  trend: {
    summary: "the history of a scenario's runs against its baseline (md, html, json)",
    load: () => import('./trend'),
  },
  import: {
    summary: 'make a scenario from a HAR, .http, curl, Postman or Artillery file',
    load: () => import('./import'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: gateway-load <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun \`gateway-load <command> --help\` for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`gateway-load: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).main(rest);
}

/**
 * Parses a command line (without `gateway-load`) with the command's own parser, running nothing:
 * a usage error, or undefined when it is accepted. The README test checks every command line with it.
 */
export async function parseCommandLine(argv: string[]): Promise<string | undefined> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === '--help' || name === '-h' || name === 'help') return undefined;
  const command = name === undefined ? undefined : commands[name];
  if (!command) return `unknown command '${name ?? ''}'`;
  const mod = await command.load();
  return mod.parse ? mod.parse(rest) : `${name} has no pure parser`;
}

// Run only as the program (dist/cli.js, or this file under tsx), not when a test imports it.
if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`gateway-load: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = 1;
    },
  );
