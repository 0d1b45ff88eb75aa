// The Test Explorer face: every `*.load.yaml` of the workspace is a test item with its thresholds
// as children. "Run" starts the load test through the same command as the CodeLens (so trust,
// confirmation and secrets are asked the same way), "Dry Run" a dry run; each threshold then
// passes or fails with its measured value. The plans come from test-items-plan.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Summary } from '../protocol';
import type { RunCommandResult } from './run-commands';
import { planScenarioItem, scenarioVerdict, thresholdVerdicts, type ScenarioItemPlan } from './test-items-plan';
import { checkVerdicts, withChecks } from './test-checks-plan';

const GLOB = '**/*.load.{yaml,yml}';

/** One outcome reported to the Test Explorer, as the end-to-end tests read it back. */
export interface ReportedOutcome {
  id: string;
  label: string;
  outcome: 'passed' | 'failed' | 'errored' | 'skipped';
  message?: string;
}

/** What the tests read of the Test Explorer's state: the items, and the outcomes of the last test run. */
export interface TestingState {
  items: Array<{ id: string; label: string; children: string[]; error?: string }>;
  lastRun: ReportedOutcome[];
  runsEnded: number;
}

/** Registers the test controller; returns a reader of its items for the end-to-end tests. */
export function registerTesting(context: vscode.ExtensionContext): { state(): TestingState } {
  const controller = vscode.tests.createTestController('gatewayLoad', 'Gateway Load');
  const plans = new Map<string, ScenarioItemPlan>();
  let lastRun: ReportedOutcome[] = [];
  let runsEnded = 0;
  context.subscriptions.push(controller);

  const refresh = async (uri: vscode.Uri): Promise<void> => {
    let text: string;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      controller.items.delete(uri.toString());
      return;
    }
    const plan = planScenarioItem(text, uri.fsPath, path.basename(uri.fsPath));
    plans.set(uri.toString(), plan);
    const item = controller.items.get(uri.toString()) ?? controller.createTestItem(uri.toString(), plan.label, uri);
    item.label = plan.label;
    item.description = plan.description;
    item.error = plan.error;
    item.children.replace(
      [...plan.thresholds, ...(plan.checks ?? [])].map((t) => {
        const child = controller.createTestItem(t.id, t.label, uri);
        if (t.line !== undefined) child.range = new vscode.Range(t.line, 0, t.line, 0);
        return child;
      }),
    );
    controller.items.add(item);
  };

  const discover = async (): Promise<void> => {
    const files = await vscode.workspace.findFiles(GLOB, '**/node_modules/**', 1000);
    await Promise.all(files.map(refresh));
  };
  controller.resolveHandler = async (item) => {
    if (!item) await discover();
  };
  controller.refreshHandler = async () => {
    await discover();
  };

  const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => {
      void refresh(uri);
    }),
    watcher.onDidChange((uri) => {
      void refresh(uri);
    }),
    watcher.onDidDelete((uri) => {
      controller.items.delete(uri.toString());
      plans.delete(uri.toString());
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (plans.has(e.document.uri.toString())) void refresh(e.document.uri);
    }),
  );

  const runHandler =
    (mode: 'run' | 'dry') =>
    async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> => {
      // A threshold asked alone runs its scenario: a threshold cannot be measured without the load.
      const scenarios = new Map<string, vscode.TestItem>();
      const asked = request.include ?? [...gather(controller.items)];
      for (const item of asked) {
        const top = item.parent ?? item;
        if (!request.exclude?.includes(top)) scenarios.set(top.id, top);
      }
      const run = recording(
        controller.createTestRun(request, mode === 'dry' ? 'Gateway Load dry run' : 'Gateway Load run'),
        (lastRun = []),
      );
      try {
        for (const item of scenarios.values()) {
          if (token.isCancellationRequested) {
            run.skipped(item);
            continue;
          }
          await runOne(item, mode, run, token, plans.get(item.id));
        }
      } finally {
        run.end();
        runsEnded++;
      }
    };
  controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, runHandler('run'), true);
  controller.createRunProfile('Dry Run', vscode.TestRunProfileKind.Run, runHandler('dry'), false);
  void discover();

  return {
    state: () => ({
      items: [...gather(controller.items)].map((i) => ({
        id: i.id,
        label: i.label,
        children: [...gather(i.children)].map((c) => c.label),
        error: typeof i.error === 'string' ? i.error : i.error?.value,
      })),
      lastRun: [...lastRun],
      runsEnded,
    }),
  };
}

/** A test run that also notes each outcome in `into` (the Test Explorer's own results are not readable by extensions). */
function recording(run: vscode.TestRun, into: ReportedOutcome[]): vscode.TestRun {
  const text = (m: vscode.TestMessage | readonly vscode.TestMessage[]): string => {
    const first = Array.isArray(m) ? m[0] : m;
    const msg = (first as vscode.TestMessage | undefined)?.message;
    return typeof msg === 'string' ? msg : (msg?.value ?? '');
  };
  const output = new Map<vscode.TestItem, string>();
  const note = (item: vscode.TestItem, outcome: ReportedOutcome['outcome'], message?: string) =>
    into.push({ id: item.id, label: item.label, outcome, ...(message !== undefined ? { message } : {}) });
  return {
    ...run,
    name: run.name,
    token: run.token,
    isPersisted: run.isPersisted,
    onDidDispose: run.onDidDispose,
    enqueued: (t) => run.enqueued(t),
    started: (t) => run.started(t),
    skipped: (t) => {
      note(t, 'skipped');
      run.skipped(t);
    },
    passed: (t, d) => {
      note(t, 'passed', output.get(t));
      run.passed(t, d);
    },
    failed: (t, m, d) => {
      note(t, 'failed', text(m));
      run.failed(t, m, d);
    },
    errored: (t, m, d) => {
      note(t, 'errored', text(m));
      run.errored(t, m, d);
    },
    appendOutput: (o, l, t) => {
      if (t) output.set(t, o.replace(/^✓ /, '').replace(/\r\n$/, ''));
      run.appendOutput(o, l, t);
    },
    addCoverage: (c) => run.addCoverage(c),
    end: () => run.end(),
  };
}

function* gather(collection: vscode.TestItemCollection): Iterable<vscode.TestItem> {
  for (const [, item] of collection) yield item;
}

async function runOne(
  item: vscode.TestItem,
  mode: 'run' | 'dry',
  run: vscode.TestRun,
  token: vscode.CancellationToken,
  plan: ScenarioItemPlan | undefined,
): Promise<void> {
  const children = [...gather(item.children)];
  if (!item.uri || !plan || plan.error) {
    run.errored(item, new vscode.TestMessage(plan?.error ?? 'The scenario could not be read.'));
    return;
  }
  run.started(item);
  for (const c of children) run.started(c);
  const result = await vscode.commands.executeCommand<RunCommandResult>(
    mode === 'dry' ? 'gatewayLoad.dryRun' : 'gatewayLoad.run',
    item.uri,
  );
  if (!result || 'blocked' in result) {
    const message = new vscode.TestMessage(result?.blocked ?? 'The run did not start.');
    run.errored(item, message);
    for (const c of children) run.skipped(c);
    return;
  }
  run.appendOutput(
    `Gateway Load: ${mode === 'dry' ? 'dry run' : 'run'} ${result.runId} → ${result.resultsDir}\r\n`,
    undefined,
    item,
  );
  const cancel = token.onCancellationRequested(() => {
    void vscode.commands.executeCommand('gatewayLoad.stop', result.runId);
  });
  let summary: Summary;
  try {
    summary = await result.done;
  } finally {
    cancel.dispose();
  }
  const links = resultLinks(result.resultsDir);
  const duration = summary.durationMs;
  const checks = mode === 'run' ? checkVerdicts(plan.checks ?? [], summary) : [];
  if (mode === 'dry') {
    for (const c of children) run.skipped(c);
  } else {
    const verdicts = new Map([...thresholdVerdicts(plan, summary), ...checks].map((v) => [v.id, v]));
    for (const c of children) {
      const v = verdicts.get(c.id);
      if (!v) {
        run.skipped(c);
        continue;
      }
      if (v.passed) {
        // A passing test carries no message in the API; the output keeps its value beside the item.
        run.appendOutput(`✓ ${v.message}\r\n`, undefined, c);
        run.passed(c, duration);
      } else {
        const m = new vscode.TestMessage(v.message);
        if (c.uri && c.range) m.location = new vscode.Location(c.uri, c.range);
        run.failed(c, m, duration);
      }
    }
  }
  const verdict = withChecks(scenarioVerdict(summary, mode), checks);
  if (verdict.passed) {
    run.appendOutput(`${verdict.message}\r\n`, undefined, item);
    run.passed(item, duration);
  } else {
    const md = new vscode.MarkdownString(`${escapeMd(verdict.message)}\n\n${links}`);
    md.isTrusted = { enabledCommands: ['gatewayLoad.showLive', 'gatewayLoad.openResults'] };
    run.failed(item, new vscode.TestMessage(md), duration);
  }
}

/** Command links to the run's live panel and its results folder. */
function resultLinks(dir: string): string {
  const arg = encodeURIComponent(JSON.stringify([dir]));
  return `[Open the run's panel](command:gatewayLoad.showLive?${arg}) · [Open its results](command:gatewayLoad.openResults?${arg})`;
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}
