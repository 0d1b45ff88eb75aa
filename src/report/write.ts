// Renders a run in one or more formats; shared by `gateway-load report`, `run --report` and
// the extension's "Export Report…".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBaselineArg } from './baseline';
import { compareSummaries, type Comparison, type Tolerance } from './compare';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { loadRun, type RunData } from './load';
import { renderMarkdown } from './markdown';

/** The report formats, by their canonical names. */
export const REPORT_FORMATS = ['html', 'md', 'json', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const ALIASES: Record<string, ReportFormat> = {
  html: 'html',
  md: 'md',
  markdown: 'md',
  json: 'json',
  junit: 'junit',
  xml: 'junit',
};

/** File names inside a run folder. */
export const REPORT_FILES: Record<ReportFormat, string> = {
  html: 'report.html',
  md: 'report.md',
  json: 'report.json',
  junit: 'junit.xml',
};

/** Canonical format name, or undefined for an unknown one. */
export function reportFormat(name: string): ReportFormat | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

/** Renders one format from loaded run data. */
export function renderReport(run: RunData, format: ReportFormat, comparison?: Comparison, baseline?: RunData): string {
  switch (format) {
    case 'html':
      return renderHtml({
        summary: run.summary,
        windows: run.windows,
        scenario: run.scenario,
        comparison,
        baselineWindows: baseline?.windows,
        baselineSummary: baseline?.summary,
      });
    case 'md':
      return renderMarkdown(run.summary, { comparison });
    case 'json':
      return renderJson(run.summary);
    case 'junit':
      return renderJunit(run.summary, { comparison });
  }
}

/**
 * Options of writeReports: a baseline (run folder, summary or baseline file; `auto` for the
 * workspace's baseline of the run's scenario, if any) adds a comparison.
 */
export interface WriteReportsOptions {
  baseline?: string;
  workspace?: string;
  tolerances?: Record<string, Tolerance>;
  outDir?: string;
}

/** What writeReports wrote. */
export interface WrittenReports {
  files: Partial<Record<ReportFormat, string>>;
  comparison?: Comparison;
}

/**
 * Writes `report.html`, `report.md`, `report.json`, `junit.xml` (as asked) into the run folder
 * (or `outDir`). Formats may be comma-joined (`['html,junit']`). Throws on an unknown format.
 */
export function writeReports(runDir: string, formats: string[], opts: WriteReportsOptions = {}): WrittenReports {
  const wanted = formats.flatMap((f) => f.split(',')).filter((f) => f.trim());
  const canonical = wanted.map((f) => {
    const c = reportFormat(f);
    if (!c) throw new Error(`unknown report format '${f}': use ${REPORT_FORMATS.join(', ')}`);
    return c;
  });
  const run = loadRun(runDir);
  const baseline = opts.baseline
    ? resolveBaselineArg(opts.baseline, run.summary.scenario, opts.workspace ?? process.cwd())
    : undefined;
  const baseRun = baseline ? loadRun(baseline) : undefined;
  const comparison = baseRun ? compareSummaries(baseRun.summary, run.summary, opts.tolerances) : undefined;
  const dir = opts.outDir ?? run.dir ?? runDir;
  const files: Partial<Record<ReportFormat, string>> = {};
  for (const f of new Set(canonical)) {
    const path = join(dir, REPORT_FILES[f]);
    writeFileSync(path, renderReport(run, f, comparison, baseRun));
    files[f] = path;
  }
  return { files, comparison };
}
