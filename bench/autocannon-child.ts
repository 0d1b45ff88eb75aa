// Runs autocannon against a URL and prints its requests/s as JSON (a separate process, so it
// gets its own core like the engine does).
import autocannon from 'autocannon';

const [url, connections, seconds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const body = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello' }],
  max_tokens: 20,
});
const cpu0 = process.cpuUsage();
autocannon(
  { url, connections, duration: seconds, method: 'POST', body, headers: { 'content-type': 'application/json' } },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    const c = process.cpuUsage(cpu0);
    console.log(
      JSON.stringify({
        cpuUs: c.user + c.system,
        rps: result.requests.average,
        total: result.requests.total,
        errors: result.errors,
        non2xx: result.non2xx,
        timeouts: result.timeouts,
      }),
    );
  },
);
