// Which CodeLenses sit above a scenario in which state. Pure, so the decision is unit-tested;
// `codelens.ts` only turns these into `vscode.CodeLens` objects at the scenario's anchor.

/** What the lenses depend on for one document. */
export interface LensState {
  /** The document's first error (0-based line), if it has any. */
  firstError?: { line: number; message: string };
  /** A run of this very file is going. */
  runningThisFile: boolean;
  /** A run of another file is going (several may; the caps are shared). */
  runningOther: boolean;
  /** The workspace is trusted; running is refused in Restricted Mode. Absent means trusted. */
  trusted?: boolean;
}

/** One lens to show; `withUri` lenses pass the document's URI as the command's argument. */
export interface LensSpec {
  title: string;
  command: string;
  tooltip: string;
  withUri: boolean;
}

const MAX_MESSAGE = 80;

/** The lenses for a document, left to right. */
export function planLenses(state: LensState): LensSpec[] {
  if (state.runningThisFile) {
    return [
      {
        title: '■ Stop',
        command: 'gatewayLoad.stop',
        tooltip: 'Stop this run gracefully: arrivals stop, in-flight requests finish',
        withUri: true,
      },
      {
        title: 'Show Live',
        command: 'gatewayLoad.showLive',
        tooltip: 'Open the live charts of this run',
        withUri: true,
      },
    ];
  }
  if (state.firstError) {
    return [
      {
        title: `⚠ line ${state.firstError.line + 1}: ${truncate(firstLine(state.firstError.message), MAX_MESSAGE)}`,
        command: 'workbench.actions.view.problems',
        tooltip: 'This scenario has errors and cannot run: see the Problems view',
        withUri: false,
      },
    ];
  }
  if (state.trusted === false) {
    return [
      {
        title: '$(workspace-untrusted) Restricted Mode: trust this workspace to run',
        command: 'workbench.trust.manage',
        tooltip:
          'Load tests send real traffic, so they run only in trusted workspaces; editing and validation work here',
        withUri: false,
      },
    ];
  }
  const busy = state.runningOther
    ? ' (another run is going: the two share the rate and connection caps, and the machine)'
    : '';
  return [
    { title: '▶ Run', command: 'gatewayLoad.run', tooltip: `Run this load test${busy}`, withUri: true },
    {
      title: 'Dry Run',
      command: 'gatewayLoad.dryRun',
      tooltip: `Send a handful of requests and show each request and response${busy}`,
      withUri: true,
    },
  ];
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
