// `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/open-profile.ts [rate] [seconds]`: the open
// model in this thread (no worker, so --cpu-prof sees the engine) against the bench server, then
// `node --import tsx bench/open-profile.ts --report DIR` prints where the self time went.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine';
import type { Summary, WorkerToHost } from '../src/protocol';
import { chat, constantRate, scenario } from '../test/integration/engine/scenario-fixtures';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function report(dir: string): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = p.timeDeltas[i] ?? 0;
    const where = n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, us] of top) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

async function profile(rate: number, seconds: number): Promise<void> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts', 'json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const sc = scenario(url, constantRate(rate, seconds * 1000), [chat({ stream: false })]);
  sc.target.maxConnections = 300;
  let summary: Summary | null = null;
  const post = (m: WorkerToHost): void => {
    if (m.type === 'summary') summary = m.summary;
  };
  const cpu0 = process.cpuUsage();
  await new Engine(sc, { runId: 'profile', env: {}, dotenv: {}, secrets: {} }, post).run();
  const cpu = process.cpuUsage(cpu0);
  server.kill('SIGTERM');
  const s = summary as Summary | null;
  const sent = s?.requests.sent ?? 0;
  console.log(
    `open ${rate}/s for ${seconds} s: sent ${sent}, dropped ${s?.metrics.dropped_iterations?.count ?? 0}, lateness p99 ${s?.generator.latenessP99Ms} ms, ELU max ${s?.generator.eluMax}, CPU ${((cpu.user + cpu.system) / Math.max(1, sent)).toFixed(1)} µs/req`,
  );
}

if (process.argv[2] === '--report') report(process.argv[3]);
else void profile(Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 5));
