// The report module's public face for the CLI and the extension.
export { loadRun, InputError, type RunData } from './load';
export { renderHtml, type HtmlReportInput } from './html';
export { renderMarkdown, renderBaselineIndex } from './markdown';
export { renderJunit } from './junit';
export { renderJson } from './json';
export {
  compareSummaries,
  parseTolerances,
  defaultTolerances,
  JUDGED_METRICS,
  type Comparison,
  type MetricComparison,
  type Tolerance,
  type Verdict,
} from './compare';
export { renderComparisonText, renderComparisonMarkdown, renderComparisonJson } from '../shared/compare-render';
export {
  markBaseline,
  getBaseline,
  listBaselines,
  baselinePath,
  baselinesDir,
  scenarioSlug,
  type BaselineFile,
  type BaselineEntry,
} from './baseline';
export {
  writeReports,
  renderReport,
  reportFormat,
  REPORT_FORMATS,
  REPORT_FILES,
  type ReportFormat,
  type WriteReportsOptions,
  type WrittenReports,
} from './write';
export { redactScenario } from '../shared/redact';
