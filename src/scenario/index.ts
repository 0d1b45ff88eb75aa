// The scenario language's public face: parse and validate, completion, hover, CodeLens anchor,
// templates. Pure: no `vscode` here; the extension and the CLI both call these.
export { parseScenario, type ParseOptions } from './parse';
export { parseDuration, parseRate, parsePercent, formatDuration } from './units';
export { parseCheck } from './checks';
export { DEFAULT_PATHS } from './validate-requests';
export type * from './model';
export { completionsAt, type CompletionItem } from './completion';
export { hoverAt, type HoverResult } from './hover';
export { scenarioAnchor } from './anchor';
export { SCENARIO_TEMPLATES, templatesToSnippets, type ScenarioTemplate } from './starter-files';
