// Artillery script → scenario, the cheap way back: phases become ramping-arrival-rate stages,
// `ensure` becomes thresholds, each scenario's first HTTP step becomes a weighted request.
// Artillery's own templating (`{{ $processEnvironment.X }}`) becomes `${env:X}`.

import { parse, stringify } from 'yaml';

/** A scenario file's text and what could not be carried over. */
export interface ImportResult {
  text: string;
  warnings: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)
      ? Number(v)
      : undefined;

/** What a conversion collects as it goes; payload CSV columns become the request's `${prompt}`. */
interface Ctx {
  warnings: string[];
  payloadFields: Set<string>;
}

/** `{{ $processEnvironment.X }}` / `{{ $env.X }}` → `${env:X}`; payload fields → `${prompt}`; other `{{ var }}` → `${var:var}`. */
function templates(s: string, ctx: Ctx): string {
  return s.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const env = /^\$(?:processEnvironment|env)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (env) return `\${env:${env[1]}}`;
    if (expr === '$uuid') return '${uuid}';
    if (ctx.payloadFields.has(expr)) return '${prompt}';
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr)) return `\${var:${expr}}`;
    ctx.warnings.push(`Artillery expression {{ ${expr} }} has no equivalent; kept as written.`);
    return `{{ ${expr} }}`;
  });
}

function deep(v: unknown, ctx: Ctx): unknown {
  if (typeof v === 'string') return templates(v, ctx);
  if (Array.isArray(v)) return v.map((x) => deep(x, ctx));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x, ctx)]));
  return v;
}

function stages(phases: unknown[], warnings: string[]): Array<{ duration: string; target: string }> {
  const out: Array<{ duration: string; target: string }> = [];
  let previous = 0;
  for (const p of phases) {
    if (!isObj(p)) continue;
    const duration = num(p.duration) ?? num(p.pause);
    if (duration === undefined) {
      warnings.push(`A phase without a numeric duration was skipped: ${JSON.stringify(p)}`);
      continue;
    }
    let from: number;
    let to: number;
    if (p.pause !== undefined) {
      from = 0;
      to = 0;
    } else if (p.arrivalCount !== undefined) {
      from = to = (num(p.arrivalCount) ?? 0) / duration;
    } else {
      from = num(p.arrivalRate) ?? 0;
      to = num(p.rampTo) ?? from;
    }
    if (p.maxVusers !== undefined) warnings.push('maxVusers: use target.maxConnections to cap requests in flight.');
    if (from !== previous) out.push({ duration: '0s', target: `${round(from)}/s` });
    out.push({ duration: `${duration}s`, target: `${round(to)}/s` });
    previous = to;
  }
  return out;
}

function thresholds(ensure: unknown, warnings: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isObj(ensure)) return out;
  const add = (metric: string, expr: string) => (out[metric] ??= []).push(expr);
  const stat: Record<string, string> = {
    p50: 'p(50)',
    p75: 'p(75)',
    p90: 'p(90)',
    p95: 'p(95)',
    p99: 'p(99)',
    p999: 'p(99.9)',
    mean: 'avg',
    median: 'med',
    min: 'min',
    max: 'max',
  };
  for (const entry of Array.isArray(ensure.thresholds) ? ensure.thresholds : []) {
    for (const [metric, value] of Object.entries(isObj(entry) ? entry : {})) {
      const m = /^http\.response_time\.(\w+)$/.exec(metric);
      if (m && stat[m[1]] && num(value) !== undefined) add('http_req_duration', `${stat[m[1]]} < ${num(value)}`);
      else warnings.push(`ensure threshold ${metric} has no gateway-load equivalent.`);
    }
  }
  for (const key of ['p95', 'p99', 'median', 'max']) {
    if (num(ensure[key]) !== undefined) add('http_req_duration', `${stat[key]} < ${num(ensure[key])}`);
  }
  if (num(ensure.maxErrorRate) !== undefined)
    add('http_req_failed', `rate < ${round((num(ensure.maxErrorRate) ?? 0) / 100, 4)}`);
  if (Array.isArray(ensure.conditions) && ensure.conditions.length)
    warnings.push('ensure conditions (expressions) were not imported: rewrite them as thresholds.');
  return out;
}

function request(scenario: Obj, index: number, ctx: Ctx, payload: Obj | undefined): Obj | undefined {
  const { warnings } = ctx;
  const flow = Array.isArray(scenario.flow) ? scenario.flow : [];
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  const steps = flow.filter((s): s is Obj => isObj(s) && methods.some((m) => isObj(s[m])));
  if (steps.length === 0) {
    warnings.push(`Scenario ${index + 1} has no HTTP step; skipped.`);
    return undefined;
  }
  if (steps.length > 1 || steps.length !== flow.length)
    warnings.push(
      `Scenario ${String(scenario.name ?? index + 1)}: only its first HTTP step was imported (a scenario request is one HTTP call).`,
    );
  const method = methods.find((m) => isObj(steps[0][m]))!;
  const step = steps[0][method] as Obj;
  const checks = (Array.isArray(step.expect) ? step.expect : []).flatMap((e): string[] => {
    if (isObj(e) && num(e.statusCode) !== undefined) return [`status == ${num(e.statusCode)}`];
    if (isObj(e) && typeof e.hasProperty === 'string') return [`body.${e.hasProperty} exists`];
    if (isObj(e) && typeof e.hasHeader === 'string') return [`header.${e.hasHeader} exists`];
    warnings.push(`expect ${JSON.stringify(e)} was not imported.`);
    return [];
  });
  const body = step.json !== undefined ? deep(step.json, ctx) : undefined;
  const usesPrompt = JSON.stringify(body ?? '').includes('${prompt}');
  return {
    name: typeof scenario.name === 'string' ? scenario.name.replace(/[^A-Za-z0-9_-]+/g, '-') : `request-${index + 1}`,
    ...(num(scenario.weight) !== undefined ? { weight: num(scenario.weight) } : {}),
    api: 'raw',
    method: method.toUpperCase(),
    path: deep(step.url ?? '/', ctx),
    ...(isObj(step.headers) ? { headers: deep(step.headers, ctx) } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(usesPrompt && payload ? { prompt: payload } : {}),
    ...(checks.length ? { checks } : {}),
  };
}

/** Converts an Artillery script's text into a scenario file's text. Throws on text that is not an Artillery script. */
export function importArtillery(source: string, name = 'Imported from Artillery'): ImportResult {
  const warnings: string[] = [];
  const doc: unknown = parse(source);
  if (!isObj(doc) || !isObj(doc.config) || !Array.isArray(doc.scenarios))
    throw new Error('not an Artillery script: expected `config:` and `scenarios:`');
  const config = doc.config;
  const http = isObj(config.http) ? config.http : {};
  const payloads = (Array.isArray(config.payload) ? config.payload : [config.payload]).filter(isObj);
  const ctx: Ctx = {
    warnings,
    payloadFields: new Set(payloads.flatMap((p) => (Array.isArray(p.fields) ? p.fields.map(String) : []))),
  };
  const first = payloads[0];
  const payload =
    first && typeof first.path === 'string'
      ? { file: first.path, pick: first.order === 'sequence' ? 'sequential' : 'random' }
      : undefined;
  if (payloads.length)
    warnings.push(
      'payload CSV: its columns became ${prompt}, read from the first payload file one line per prompt (CSV quoting is not undone).',
    );
  const requests = doc.scenarios
    .map((s, i) => (isObj(s) ? request(s, i, ctx, payload) : undefined))
    .filter((r): r is Obj => r !== undefined);
  if (requests.length === 0) throw new Error('the Artillery script has no scenario with an HTTP step');
  const limits = thresholds(config.ensure, warnings);
  const scenario = {
    name,
    target: {
      baseUrl: deep(config.target ?? 'http://127.0.0.1:8790', ctx),
      ...(num(http.timeout) !== undefined ? { timeout: `${num(http.timeout)}s` } : {}),
    },
    load: {
      executor: 'ramping-arrival-rate',
      stages: stages(Array.isArray(config.phases) ? config.phases : [], warnings),
    },
    requests,
    ...(Object.keys(limits).length ? { thresholds: limits } : {}),
    ...(isObj(config.variables)
      ? {
          variables: Object.fromEntries(
            Object.entries(config.variables).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
          ),
        }
      : {}),
  };
  const header = [
    '# Imported from an Artillery script by gateway-load import.',
    ...warnings.map((w) => `# note: ${w}`),
  ].join('\n');
  return { text: `${header}\n${stringify(scenario, { lineWidth: 0 })}`, warnings };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
