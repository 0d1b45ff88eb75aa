// A mocha reporter whose lines the harness can parse: every test and hook outcome is one line that
// starts with a marker and names its journey (the top-level `describe`), so a failure outside reads
// "journey 2: run … failed" rather than a bare assertion.
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';

/** One test outcome, as written to the results file. */
export interface JourneyResult {
  journey: string;
  test: string;
  state: 'passed' | 'failed';
  ms: number;
  error?: string;
}

/** Marker that starts every machine-readable line. */
export const MARK = 'E2E>';

function journeyOf(r: Mocha.Runnable): { journey: string; test: string } {
  const path = r.titlePath();
  return { journey: path[0] ?? '(root)', test: path.slice(1).join(' › ') || r.title };
}

/** Prints `E2E> pass|fail <json>` lines and a final `E2E> done <json>`. */
export class JourneyReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const results: JourneyResult[] = [];
    const started = Date.now();
    const emit = (kind: string, data: unknown): void => {
      console.log(`${MARK} ${kind} ${JSON.stringify(data)}`);
    };
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (t: Mocha.Test) => {
      const r: JourneyResult = { ...journeyOf(t), state: 'passed', ms: t.duration ?? 0 };
      results.push(r);
      emit('pass', r);
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (t: Mocha.Runnable, err: Error) => {
      const r: JourneyResult = {
        ...journeyOf(t),
        state: 'failed',
        ms: t.duration ?? 0,
        error: `${err.message}\n${(err.stack ?? '').split('\n').slice(1, 6).join('\n')}`,
      };
      results.push(r);
      emit('fail', r);
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const summary = {
        passes: results.filter((r) => r.state === 'passed').length,
        failures: results.filter((r) => r.state === 'failed').length,
        ms: Date.now() - started,
      };
      emit('done', summary);
      // A second channel beside the console: the harness reads this file when it is there.
      const file = process.env.GATEWAY_LOAD_E2E_RESULTS;
      if (file) writeFileSync(file, JSON.stringify({ results, ...summary }, null, 2));
    });
  }
}
