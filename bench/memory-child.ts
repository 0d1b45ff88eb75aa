// Memory over 1,000,000 recorded requests: the engine's recording path (the same Recorder and
// histograms the worker uses, windows rolled every 1,000 requests as at 1,000 req/s), with GC
// before each reading. Run with --expose-gc. Prints JSON.
import { initHistograms } from '../src/engine/histogram';
import { Recorder } from '../src/engine/recorder';

declare const gc: () => void;

async function main(): Promise<void> {
  await initHistograms();
  const rec = new Recorder();
  const total = Number(process.argv[2] ?? 1_000_000);
  const mb = (): number => {
    gc();
    return process.memoryUsage().rss / 1048576;
  };
  const readings: Array<{ requests: number; rssMb: number }> = [{ requests: 0, rssMb: mb() }];
  let t = 0;
  for (let i = 1; i <= total; i++) {
    t = performance.now();
    rec.arrival(t);
    rec.active(i % 500);
    rec.trend('lateness', (i % 97) / 100);
    rec.trend('http_req_duration', 50 + (i % 1000));
    rec.trend('http_req_service_duration', 45 + (i % 1000));
    rec.trend('time_to_first_token', 20 + (i % 300));
    for (let k = 0; k < 20; k++) rec.trend('inter_token_latency', 5 + ((i + k) % 40) / 3);
    rec.trend('time_per_output_token', 7.5);
    rec.trend('output_tokens_per_second', 100 + (i % 50));
    rec.tokens(20, 10);
    rec.model(i % 2 ? 'gpt-4o-mini' : 'gpt-4o');
    rec.check('status == 200', i % 100 !== 0);
    rec.complete(i % 100 === 0 ? 'http_5xx' : null);
    if (i % 1000 === 0) rec.rollWindow();
    if (i === 100_000 || i === 500_000 || i === total) readings.push({ requests: i, rssMb: mb() });
  }
  const start = performance.now();
  console.log(
    JSON.stringify({
      readings,
      growthMb: readings[readings.length - 1].rssMb - readings[0].rssMb,
      growthAfterWarmupMb: readings[readings.length - 1].rssMb - readings[1].rssMb,
      cumulativeCount: rec.trends.h.http_req_duration.count,
      ms: performance.now() - start,
    }),
  );
  rec.destroy();
}
void main();
