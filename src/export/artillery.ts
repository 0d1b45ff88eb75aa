// Scenario → Artillery 2 script (YAML) plus sidecar prompt CSVs. Phases come from stages,
// `ensure` from thresholds, weighted `scenarios` from requests; secrets become
// `$processEnvironment` lookups. Whatever Artillery cannot express is listed, never dropped.

import { basename } from 'node:path';
import { stringify } from 'yaml';
import type { Check, RequestSpec, Scenario, Threshold } from '../scenario/model';
import { buildBody, defaultPath, dialectHeaders } from '../dialects/body';
import {
  EnvVars,
  headerLines,
  exportablePrompt,
  loadPrompts,
  seconds,
  splitBaseUrl,
  translateDeep,
  translateTemplate,
  Warnings,
  type ExportResult,
  type RefSyntax,
} from './common';

const TOOL = 'Artillery';

export interface ArtilleryPhase {
  name: string;
  duration: number;
  arrivalRate?: number;
  rampTo?: number;
  arrivalCount?: number;
}

/** Phases for the load plan; `planned` is the number of arrivals they schedule. */
export function artilleryPhases(scenario: Scenario, warnings: Warnings): { phases: ArtilleryPhase[]; planned: number } {
  const { load } = scenario;
  const phases: ArtilleryPhase[] = [];
  let planned = 0;
  let previous = 0;
  if (load.sweep)
    warnings.add(
      `Sweep: Artillery runs the planned ladder of ${load.stages.length / 2} steps (${load.stages
        .map((x) => x.label)
        .filter((_, i) => i % 2 === 0)
        .join(
          ', ',
        )}) as phases, every step whole; the search (stop at the first step that misses stop, refine bisections) and the capacity answer are not expressible there.`,
    );
  if (load.kind === 'closed') {
    warnings.add(
      'Artillery has no closed (VU) model: each VU becomes one arrival that loops its request for the rest of the run, an approximation of constant/ramping VUs.',
    );
    for (const [i, stage] of load.stages.entries()) {
      const added = Math.max(0, Math.round(stage.target - previous));
      if (stage.target < previous)
        warnings.add(
          'Ramping VUs down cannot be expressed in Artillery: VUs that started keep looping until the run ends.',
        );
      if (added > 0) {
        phases.push({
          name: `stage ${i + 1}: ${stage.label}`,
          duration: Math.max(1, seconds(stage.durationMs)),
          arrivalCount: added,
        });
        planned += added;
      } else if (stage.durationMs > 0) {
        phases.push({ name: `stage ${i + 1}: hold`, duration: seconds(stage.durationMs), arrivalCount: 0 });
      }
      previous = stage.target;
    }
    return { phases, planned };
  }
  if (load.arrivals === 'poisson')
    warnings.add('Poisson arrivals: Artillery spaces arrivals evenly within each second.');
  for (const [i, stage] of load.stages.entries()) {
    if (stage.durationMs === 0) {
      previous = stage.target;
      continue;
    }
    const duration = seconds(stage.durationMs);
    const from = round2(previous);
    const to = round2(stage.target);
    if (!Number.isInteger(from) || !Number.isInteger(to)) {
      warnings.add(
        'Artillery schedules whole arrivals per second: fractional rates (e.g. from /min) are spread with arrivalCount or rounded in ramps.',
      );
    }
    if (from === to) {
      // arrivalCount keeps fractional per-second rates exact over the phase.
      const count = Math.round(to * duration);
      phases.push(
        Number.isInteger(to)
          ? { name: `stage ${i + 1}: ${stage.label}`, duration, arrivalRate: to }
          : { name: `stage ${i + 1}: ${stage.label}`, duration, arrivalCount: count },
      );
      planned += count;
    } else {
      const a = Math.round(from);
      const b = Math.round(to);
      phases.push({ name: `stage ${i + 1}: ramp to ${stage.label}`, duration, arrivalRate: a, rampTo: b });
      planned += ((a + b) / 2) * duration;
    }
    previous = stage.target;
  }
  return { phases, planned: Math.round(planned) };
}

/** Artillery's name for an aggregate statistic of http.response_time. */
function responseTimeStat(t: Threshold): string | undefined {
  switch (t.stat) {
    case 'avg':
      return 'mean';
    case 'med':
      return 'median';
    case 'min':
      return 'min';
    case 'max':
      return 'max';
    case 'p': {
      const known: Record<string, string> = {
        '50': 'p50',
        '75': 'p75',
        '90': 'p90',
        '95': 'p95',
        '99': 'p99',
        '99.9': 'p999',
      };
      return known[String(t.percentile)];
    }
    default:
      return undefined;
  }
}

/** `config.ensure` from thresholds: plain `<` on a response-time statistic is a threshold, other comparisons are conditions. */
export function artilleryEnsure(scenario: Scenario, warnings: Warnings): Record<string, unknown> | undefined {
  const thresholds: Array<Record<string, number>> = [];
  const conditions: Array<{ expression: string; strict: boolean }> = [];
  let maxErrorRate: number | undefined;
  for (const t of scenario.thresholds) {
    const cannot = (why: string) => warnings.add(`Threshold ${t.metric}: ${t.expression} — ${why}`);
    if (t.abortOnFail)
      warnings.add(`abortOnFail on ${t.metric}: ${t.expression} — Artillery checks ensure only at the end of the run.`);
    if (t.tag) {
      cannot(`Artillery's ensure has no tag filters ({${t.tag.key}:${t.tag.value}}); not checked.`);
      continue;
    }
    if (t.metric === 'http_req_duration') {
      const stat = responseTimeStat(t);
      if (!stat) {
        cannot('Artillery reports p50, p75, p90, p95, p99, p999, mean, median, min and max only.');
        continue;
      }
      const metric = `http.response_time.${stat}`;
      if (t.op === '<') thresholds.push({ [metric]: t.value });
      else conditions.push({ expression: `${metric} ${t.op === '==' ? '==' : t.op} ${t.value}`, strict: true });
    } else if (t.metric === 'http_req_failed' && t.stat === 'rate' && (t.op === '<' || t.op === '<=')) {
      // Artillery's error rate is failed VUs over created VUs, in percent: one request per VU here.
      maxErrorRate = Math.min(maxErrorRate ?? Infinity, t.value * 100);
    } else if (t.metric === 'http_reqs' && t.stat === 'count') {
      conditions.push({ expression: `http.requests ${t.op} ${t.value}`, strict: true });
    } else if (t.metric === 'http_reqs' && t.stat === 'rate') {
      conditions.push({ expression: `http.request_rate ${t.op} ${t.value}`, strict: true });
    } else {
      cannot(`${TOOL} has no equivalent metric; this threshold is not checked.`);
    }
  }
  if (!thresholds.length && !conditions.length && maxErrorRate === undefined) return undefined;
  return {
    ...(thresholds.length ? { thresholds } : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(maxErrorRate !== undefined ? { maxErrorRate } : {}),
  };
}

function expectations(request: RequestSpec, warnings: Warnings): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const check of request.checks) {
    const e = expectation(check, request);
    if (e) out.push(e);
    else warnings.add(`Check "${check.text}" (request ${request.name}) has no Artillery expect equivalent.`);
  }
  return out;
}

function expectation(check: Check, request: RequestSpec): Record<string, unknown> | undefined {
  if (check.subject === 'status' && check.op === '==' && typeof check.value === 'number')
    return { statusCode: check.value };
  if (check.subject === 'header' && check.op === 'exists') return { hasHeader: String(check.path[0]) };
  if (check.subject === 'body' && !request.stream) {
    const path = check.path.join('.');
    if (check.op === 'exists') return { hasProperty: path };
  }
  return undefined;
}

/** Exports a scenario to an Artillery script; `scriptPath` names the main file (sidecars go beside it). */
export function exportArtillery(scenario: Scenario, scriptPath: string): ExportResult {
  const warnings = new Warnings();
  const env = new EnvVars();
  const stem = basename(scriptPath)
    .replace(/\.ya?ml$/, '')
    .replace(/\.artillery$/, '');
  const dir = scriptPath.slice(0, scriptPath.length - basename(scriptPath).length);
  const files: ExportResult['files'] = [];
  const payloads: Array<Record<string, unknown>> = [];

  const syntax = (promptField: string): RefSyntax => ({
    env: (name) => `{{ $processEnvironment.${name} }}`,
    variable: (name) => `{{ ${name} }}`,
    uuid: () => '{{ $uuid }}',
    vu: () => undefined,
    iteration: () => undefined,
    prompt: () => `{{ ${promptField} }}`,
  });

  const { phases, planned } = artilleryPhases(scenario, warnings);
  const base = splitBaseUrl(scenario);
  if (base.envVar)
    env.use(
      base.envVar,
      `the gateway's base URL: pass it with \`artillery run --target $${base.envVar}\``,
      base.fallback,
    );
  const target = base.envVar
    ? base.fallback
    : translateTemplate(scenario.target.baseUrl, syntax('prompt'), env, warnings, TOOL);
  if (scenario.target.apiKeys.length > 1) warnings.add('API keys rotated per VU: Artillery sends the first key only.');
  if (scenario.target.pipelining > 1) warnings.add('HTTP pipelining is not available in Artillery.');
  if (scenario.target.direct !== undefined)
    warnings.add(
      'target.direct: the side-by-side overhead is measured by gateway-load only; the script loads the gateway alone.',
    );
  if (scenario.requests.some((r) => r.promptRepeat))
    warnings.add('prompt.repeat: the script does not resend earlier prompts; prompts are picked as usual.');

  const scenarios = scenario.requests.map((request, i) => {
    const promptField = `prompt_${i + 1}`;
    const t = (s: string) => translateTemplate(s, syntax(promptField), env, warnings, TOOL);
    const prompt = exportablePrompt(request, warnings, TOOL);
    if (prompt) {
      const csvName = `${stem}.${request.name.replace(/[^A-Za-z0-9_-]/g, '_')}.prompts.csv`;
      files.push({ path: dir + csvName, content: loadPrompts(prompt).map(csvField).join('\n') + '\n' });
      payloads.push({
        path: csvName,
        fields: [promptField],
        order: prompt.kind === 'tokens' || prompt.pick === 'random' ? 'random' : 'sequence',
        skipHeader: false,
      });
    }
    const headers: Record<string, string> = {
      ...dialectHeaders(request.api),
      ...scenario.target.headers,
      ...request.headers,
    };
    if (scenario.target.apiKeys.length)
      headers[scenario.target.apiKeyHeader ?? 'Authorization'] =
        `${scenario.target.apiKeyHeader ? '' : 'Bearer '}${scenario.target.apiKeys[0]}`;
    const body = buildBody(request, prompt ? '${prompt}' : undefined, request.body);
    const method = request.method.toLowerCase();
    const step: Record<string, unknown> = {
      url: t(request.path || defaultPath(request.api)),
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, t(v)])),
      ...(method === 'get' ? {} : { json: translateDeep(body, t) }),
    };
    const expect = expectations(request, warnings);
    if (expect.length) step.expect = expect;
    const flow: unknown[] = [{ [method]: step }];
    if (scenario.load.kind === 'closed') {
      const loops = Math.max(1, Math.round(scenario.load.durationMs / Math.max(scenario.load.thinkTimeMs, 1000)));
      return {
        name: request.name,
        weight: request.weight,
        flow: [
          {
            loop: [...flow, ...(scenario.load.thinkTimeMs ? [{ think: seconds(scenario.load.thinkTimeMs) }] : [])],
            count: loops,
          },
        ],
      };
    }
    return { name: request.name, weight: request.weight, flow };
  });

  if (scenario.requests.some((r) => r.stream))
    warnings.add(
      'Streaming: Artillery reads the whole SSE body; time_to_first_token, inter_token_latency and token metrics are not measured.',
    );
  if (scenario.targets.successRate !== undefined || scenario.targets.responseTimeMs !== undefined)
    warnings.add('Dashboard targets (targets:) are shown by gateway-load only.');

  const ensure = artilleryEnsure(scenario, warnings);
  const config: Record<string, unknown> = {
    target,
    phases,
    http: { timeout: seconds(scenario.target.timeoutMs) },
    ...(payloads.length ? { payload: payloads.length === 1 ? payloads[0] : payloads } : {}),
    ...(Object.keys(scenario.variables).length
      ? {
          variables: translateDeep(scenario.variables, (s) =>
            translateTemplate(s, syntax('prompt'), env, warnings, TOOL),
          ),
        }
      : {}),
    plugins: { expect: { outputFormat: 'silent' }, ...(ensure ? { ensure: {} } : {}) },
    ...(ensure ? { ensure } : {}),
  };
  const header = headerLines(TOOL, scenario, warnings.list, env.list).concat([
    '',
    `Planned arrivals: ${planned}.`,
    `Run:             npx artillery run ${basename(scriptPath)}${base.envVar ? ` --target "$${base.envVar}"` : ''}`,
    `Distributed:     npx artillery run-fargate ${basename(scriptPath)} --count 10 --region us-east-1`,
    `                 (or run-lambda); each worker runs the whole phase plan, so divide rates by --count.`,
  ]);
  const yaml = stringify({ config, scenarios }, { lineWidth: 0 });
  files.unshift({ path: scriptPath, content: header.map((l) => (l ? `# ${l}` : '#')).join('\n') + '\n' + yaml });
  return { files, warnings: warnings.list, envVars: env.list };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
