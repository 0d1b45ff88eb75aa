// Scenario → k6 script (JavaScript). `options.scenarios` uses the executor of the same name
// (k6's and ours share semantics), `options.thresholds` keeps the expressions as written;
// secrets become `__ENV` lookups and prompts a SharedArray.

import { basename } from 'node:path';
import type { Check, RequestSpec, Scenario } from '../scenario/model';
import { buildBody, defaultPath, dialectHeaders } from '../dialects/body';
import {
  EnvVars,
  headerLines,
  k6Duration,
  exportablePrompt,
  loadPrompts,
  splitBaseUrl,
  translateDeep,
  translateTemplate,
  Warnings,
  type ExportResult,
  type RefSyntax,
} from './common';

const TOOL = 'k6';

/** Metrics k6 records itself; thresholds on them are passed through unchanged. */
const K6_NATIVE = new Set([
  'http_reqs',
  'http_req_duration',
  'http_req_failed',
  'iterations',
  'dropped_iterations',
  'vus',
  'checks',
]);

/** `options.scenarios.load` for the scenario's executor. */
export function k6Executor(scenario: Scenario, warnings: Warnings): Record<string, unknown> {
  const { load } = scenario;
  // Rates written per minute keep their unit so targets stay whole numbers.
  const perMinute = load.stages.some((s) => /\/\s*min/.test(s.label));
  const unit = perMinute ? 60 : 1;
  const rate = (perSecond: number) => Math.round(perSecond * unit * 1000) / 1000;
  const peak = Math.max(1, ...load.stages.map((s) => s.target));
  const gracefulStop = k6Duration(load.gracefulStopMs);
  if (load.arrivals === 'poisson') warnings.add('Poisson arrivals: k6 arrival-rate executors space arrivals evenly.');
  const flat = load.stages.filter((s) => s.durationMs > 0);
  if (load.sweep)
    warnings.add(
      `Sweep: k6 runs the planned ladder of ${flat.length} steps (${flat.map((x) => x.label).join(', ')}) as stages, every step whole; the search (stop at the first step that misses stop, refine bisections) and the capacity answer are not expressible there.`,
    );
  switch (load.executor) {
    case 'constant-arrival-rate':
      return {
        executor: 'constant-arrival-rate',
        rate: rate(flat[0]?.target ?? 0),
        timeUnit: perMinute ? '1m' : '1s',
        duration: k6Duration(load.durationMs),
        preAllocatedVUs: Math.min(scenario.target.maxConnections, Math.ceil(peak)),
        maxVUs: scenario.target.maxConnections,
        gracefulStop,
      };
    case 'sweep':
    case 'ramping-arrival-rate': {
      const stages: Array<{ duration: string; target: number }> = [];
      let startRate = 0;
      for (const [i, s] of load.stages.entries()) {
        if (i === 0 && s.durationMs === 0) {
          startRate = s.target;
          continue;
        }
        stages.push({ duration: k6Duration(s.durationMs), target: rate(s.target) });
      }
      return {
        executor: 'ramping-arrival-rate',
        startRate: rate(startRate),
        timeUnit: perMinute ? '1m' : '1s',
        stages,
        preAllocatedVUs: Math.min(scenario.target.maxConnections, Math.ceil(peak)),
        maxVUs: scenario.target.maxConnections,
        gracefulStop,
      };
    }
    case 'trace':
      warnings.add(
        'Trace replay: k6 has no trace executor; exported as a constant 1/s arrival rate over the planned duration.',
      );
      return {
        executor: 'constant-arrival-rate',
        rate: 1,
        timeUnit: '1s',
        duration: k6Duration(Math.max(1000, load.durationMs)),
        preAllocatedVUs: 10,
        maxVUs: scenario.target.maxConnections,
        gracefulStop,
      };
    case 'constant-vus':
      return {
        executor: 'constant-vus',
        vus: Math.round(flat[0]?.target ?? 1),
        duration: k6Duration(load.durationMs),
        gracefulStop,
      };
    case 'sweep-vus':
    case 'ramping-vus': {
      const stages: Array<{ duration: string; target: number }> = [];
      let startVUs = 0;
      for (const [i, s] of load.stages.entries()) {
        if (i === 0 && s.durationMs === 0) {
          startVUs = s.target;
          continue;
        }
        stages.push({ duration: k6Duration(s.durationMs), target: Math.round(s.target) });
      }
      return {
        executor: 'ramping-vus',
        startVUs: Math.round(startVUs),
        stages,
        gracefulRampDown: gracefulStop,
        gracefulStop,
      };
    }
  }
}

/** `options.thresholds`: the same expressions; TTFT through a custom Trend; other token metrics reported. */
export function k6Thresholds(
  scenario: Scenario,
  warnings: Warnings,
): { thresholds: Record<string, unknown[]>; ttft: boolean } {
  const thresholds: Record<string, unknown[]> = {};
  let ttft = false;
  for (const t of scenario.thresholds) {
    let metric = t.metric;
    if (metric === 'time_to_first_token') {
      ttft = true;
      warnings.add(
        'time_to_first_token: k6 does not read SSE events as they arrive; the export records time to first byte (res.timings.waiting) in a custom Trend of that name, an approximation.',
      );
    } else if (metric === 'http_req_service_duration') {
      metric = 'http_req_duration';
      warnings.add('http_req_service_duration is exported as http_req_duration (k6 times from the actual send).');
    } else if (!K6_NATIVE.has(metric)) {
      warnings.add(
        `Threshold ${t.metric}: ${t.expression} — k6 has no ${t.metric} metric without an extension; not checked.`,
      );
      continue;
    }
    const entry = t.abortOnFail
      ? { threshold: t.expression, abortOnFail: true, delayAbortEval: k6Duration(t.delayAbortEvalMs) }
      : t.expression;
    // k6 reads the same tag filters natively; `name` is the request's tag in the exported script.
    if (t.tag) metric = `${metric}{${t.tag.key}:${t.tag.value}}`;
    (thresholds[metric] ??= []).push(entry);
  }
  return { thresholds, ttft };
}

function checkFunction(check: Check, request: RequestSpec, warnings: Warnings): string | undefined {
  const cmp = (lhs: string) => {
    if (check.op === 'exists') return `${lhs} !== undefined && ${lhs} !== null`;
    if (check.op === 'not exists') return `${lhs} === undefined || ${lhs} === null`;
    if (check.op === 'matches') return `new RegExp(${JSON.stringify(String(check.value))}).test(String(${lhs}))`;
    if (check.op === 'contains') return `String(${lhs}).includes(${JSON.stringify(String(check.value))})`;
    const op = check.op === '==' ? '===' : check.op === '!=' ? '!==' : check.op;
    return `${lhs} ${op} ${JSON.stringify(check.value)}`;
  };
  switch (check.subject) {
    case 'status':
      return `(r) => ${cmp('r.status')}`;
    case 'latency':
      return `(r) => ${cmp('r.timings.duration')}`;
    case 'header':
      return `(r) => ${cmp(`r.headers[${JSON.stringify(canonicalHeader(String(check.path[0])))}]`)}`;
    case 'body':
      if (request.stream) break;
      return `(r) => { let v; try { v = r.json(${JSON.stringify(check.path.join('.'))}); } catch (e) { return false; } return ${cmp('v')}; }`;
    default:
      break;
  }
  warnings.add(
    `Check "${check.text}" (request ${request.name}) cannot be expressed in k6${request.stream ? ' on a streamed body' : ''}.`,
  );
  return undefined;
}

/** k6 canonicalises response header names (`X-Request-Id`). */
function canonicalHeader(name: string): string {
  return name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
    .join('-');
}

/** Exports a scenario to a k6 script; prompts from files go to a JSON sidecar read with `open()`. */
export function exportK6(scenario: Scenario, scriptPath: string): ExportResult {
  const warnings = new Warnings();
  const env = new EnvVars();
  const stem = basename(scriptPath)
    .replace(/\.(js|mjs)$/, '')
    .replace(/\.k6$/, '');
  const dir = scriptPath.slice(0, scriptPath.length - basename(scriptPath).length);
  const files: ExportResult['files'] = [];
  let usesUuid = false;

  // Marker strings are replaced by JS expressions after JSON.stringify.
  const syntax: RefSyntax = {
    env: (name, fallback) =>
      `\u0000__ENV.${name}${fallback !== undefined ? ` || ${JSON.stringify(fallback)}` : ''}\u0000`,
    variable: (name) => `\u0000VARS[${JSON.stringify(name)}]\u0000`,
    uuid: () => {
      usesUuid = true;
      return '\u0000uuidv4()\u0000';
    },
    vu: () => '\u0000__VU\u0000',
    iteration: () => '\u0000__ITER\u0000',
    prompt: () => '\u0000prompt\u0000',
  };
  // A NUL in the scenario's own text would read as a marker and turn its text into script code.
  const t = (s: string) => translateTemplate(s.replace(/\u0000/g, '\uFFFD'), syntax, env, warnings, TOOL);
  const js = (value: unknown) => jsWithMarkers(nulFreeKeys(value));

  const { thresholds, ttft } = k6Thresholds(scenario, warnings);
  const options = { scenarios: { load: k6Executor(scenario, warnings) }, thresholds };
  if (scenario.target.pipelining > 1) warnings.add('HTTP pipelining is not available in k6.');
  if (scenario.target.direct !== undefined)
    warnings.add(
      'target.direct: the side-by-side overhead is measured by gateway-load only; the script loads the gateway alone.',
    );
  if (scenario.requests.some((r) => r.promptRepeat))
    warnings.add('prompt.repeat: the script does not resend earlier prompts; prompts are picked as usual.');
  if (scenario.requests.some((r) => r.stream))
    warnings.add('Streaming: k6 reads the whole SSE body; inter_token_latency and token metrics are not measured.');

  const promptArrays: string[] = [];
  const requests = scenario.requests.map((request, i) => {
    let promptExpr = 'undefined';
    const prompt = exportablePrompt(request, warnings, TOOL);
    if (prompt) {
      const sidecar = `${stem}.${request.name.replace(/[^A-Za-z0-9_-]/g, '_')}.prompts.json`;
      files.push({ path: dir + sidecar, content: JSON.stringify(loadPrompts(prompt), null, 1) + '\n' });
      promptArrays.push(
        `const prompts${i} = new SharedArray(${JSON.stringify(request.name)}, () => JSON.parse(open(${JSON.stringify('./' + sidecar)})));`,
      );
      promptExpr =
        prompt.kind === 'tokens' || prompt.pick === 'random'
          ? `prompts${i}[Math.floor(Math.random() * prompts${i}.length)]`
          : `prompts${i}[__ITER % prompts${i}.length]`;
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...dialectHeaders(request.api),
      ...scenario.target.headers,
      ...request.headers,
    };
    const body = translateDeep(buildBody(request, prompt ? '${prompt}' : undefined, request.body), t);
    const checks = request.checks
      .map((c) => [c.text, checkFunction(c, request, warnings)] as const)
      .filter((c): c is readonly [string, string] => c[1] !== undefined);
    return [
      '  {',
      `    name: ${JSON.stringify(request.name)},`,
      `    weight: ${request.weight},`,
      `    method: ${JSON.stringify(request.method.toUpperCase())},`,
      `    path: ${js(t(request.path || defaultPath(request.api)))},`,
      `    headers: () => (${js(Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, t(v)])))}),`,
      `    body: (prompt) => JSON.stringify(${js(body)}),`,
      `    prompt: () => ${promptExpr},`,
      `    checks: {${checks.map(([name, fn]) => `\n      ${JSON.stringify(name)}: ${fn},`).join('')}\n    },`,
      '  },',
    ].join('\n');
  });

  let apiKeys = '';
  if (scenario.target.apiKeys.length) {
    const header = scenario.target.apiKeyHeader ?? 'Authorization';
    const prefix = scenario.target.apiKeyHeader ? '' : 'Bearer ';
    apiKeys = `const API_KEYS = [${scenario.target.apiKeys.map((k) => js(t(k))).join(', ')}];\nconst API_KEY_HEADER = ${JSON.stringify(header)};\nconst API_KEY_PREFIX = ${JSON.stringify(prefix)};\n`;
  }
  const base = splitBaseUrl(scenario);
  const baseUrl = base.envVar
    ? `__ENV.${env.use(base.envVar, "the gateway's base URL", base.fallback)} || ${JSON.stringify(base.fallback)}`
    : js(t(scenario.target.baseUrl));
  const header = headerLines(TOOL, scenario, warnings.list, env.list).concat([
    '',
    `Run:         k6 run ${basename(scriptPath)}${base.envVar ? ` -e ${base.envVar}=http://…` : ''}`,
    'Distributed: k6-operator TestRun (spec.parallelism: N, script from a ConfigMap) or Grafana Cloud k6 (k6 cloud run).',
    "Not executed by k6 in this project's CI (k6 cannot be installed there); structure is tested.",
  ]);
  const script = [
    ...header.map((l) => (l ? `// ${l}` : '//')),
    "import http from 'k6/http';",
    "import { check, sleep } from 'k6';",
    "import { SharedArray } from 'k6/data';",
    ttft ? "import { Trend } from 'k6/metrics';" : '',
    usesUuid ? "import { uuidv4 } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';" : '',
    '',
    `const BASE_URL = ${baseUrl};`,
    `const VARS = ${js(translateDeep(scenario.variables, t))};`,
    ttft ? "const timeToFirstToken = new Trend('time_to_first_token', true);" : '',
    apiKeys,
    ...promptArrays,
    '',
    `export const options = ${JSON.stringify(options, null, 2)};`,
    '',
    'const REQUESTS = [',
    ...requests,
    '];',
    'const TOTAL_WEIGHT = REQUESTS.reduce((sum, r) => sum + r.weight, 0);',
    '',
    'function pick() {',
    '  let n = Math.random() * TOTAL_WEIGHT;',
    '  for (const r of REQUESTS) { n -= r.weight; if (n < 0) return r; }',
    '  return REQUESTS[REQUESTS.length - 1];',
    '}',
    '',
    'export default function () {',
    '  const r = pick();',
    '  const headers = r.headers();',
    apiKeys ? '  headers[API_KEY_HEADER] = API_KEY_PREFIX + API_KEYS[(__VU - 1) % API_KEYS.length];' : '',
    `  const res = http.request(r.method, BASE_URL + r.path, r.method === 'GET' ? null : r.body(r.prompt()), { headers, timeout: ${JSON.stringify(k6Duration(scenario.target.timeoutMs))}, tags: { name: r.name } });`,
    ttft ? '  timeToFirstToken.add(res.timings.waiting);' : '',
    '  check(res, r.checks);',
    scenario.load.kind === 'closed' && scenario.load.thinkTimeMs > 0
      ? `  sleep(${scenario.load.thinkTimeMs / 1000});`
      : '',
    '}',
    '',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  files.unshift({ path: scriptPath, content: script });
  return { files, warnings: warnings.list, envVars: env.list };
}

/** Keys never carry markers: a NUL in one is the scenario's text, not ours. */
function nulFreeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nulFreeKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/\u0000/g, '\uFFFD'), nulFreeKeys(v)]));
  return value;
}

/** JSON, with `\u0000expr\u0000` markers inside strings turned into JS expressions. */
function jsWithMarkers(value: unknown): string {
  // `undefined` (a request without a body) stringifies to nothing: send JSON null.
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => {
    if (!inner.includes('\\u0000')) return whole;
    const pieces = inner.split('\\u0000');
    const parts = pieces.map((p, i) => (i % 2 === 1 ? `(${JSON.parse(`"${p}"`)})` : p ? `"${p}"` : '')).filter(Boolean);
    return parts.join(' + ');
  });
}
