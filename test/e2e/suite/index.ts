// Entry of the in-host suite: VS Code's test runner requires this file inside the extension host and
// awaits `run()`. Which journeys run is chosen by GATEWAY_LOAD_E2E_MODE, since Restricted Mode needs a
// code-server started with workspace trust on.
import Mocha from 'mocha';
import { JourneyReporter } from './reporter';
import { registerJourneys } from './journeys';

/** Called by the extension host's test runner. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: JourneyReporter as unknown as string });
  // Defines describe/it as globals, as `mocha.addFile` would, but for code already bundled here.
  mocha.suite.emit('pre-require', globalThis, 'journeys', mocha);
  registerJourneys(process.env.GATEWAY_LOAD_E2E_MODE === 'restricted' ? 'restricted' : 'trusted');
  const failures = await new Promise<number>((resolve) => {
    mocha.run(resolve);
  });
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
}
