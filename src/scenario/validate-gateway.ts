// What a scenario asks to learn about the gateway itself: `target.direct` (the upstream without
// the gateway, for the overhead) and `gatewayHeaders:` (response headers recorded as metrics).
import type { Node } from 'yaml';
import type { GatewayHeaderSpec, TargetSpec } from './model';
import { error, rangeOf, report, type Ctx } from './yaml-ranges';
import { readEnum, readMap, readString, requireKeys, type Entries, type Entry } from './read';
import { hasReferences } from './references';
import { GATEWAY_HEADER_UNITS } from './keys';
import { mayBeHttpUrl, parseHttpUrl } from './http-url';

/** Metric names: lower-case words joined by `_` (as the built-in ones), at most 64 characters. */
const METRIC_NAME = /^[a-z][a-z0-9_]{0,63}$/;
/** RFC 9110 token characters: what a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Names the run already uses; a header metric may not shadow them. */
const RESERVED = /^(http_|time_to_|inter_token|time_per_|output_tokens|input_tokens|reasoning_tokens|gateway_overhead)/;

/** Reads `target.direct` into `spec` (called from the target's validator). */
export function validateDirect(ctx: Ctx, m: Entries, spec: TargetSpec): void {
  const e = m.get('direct');
  if (!e) return;
  const url = readString(ctx, e, 'target.direct', 'http://127.0.0.1:8791');
  if (url === undefined || !e.value) return;
  if (checkDirectUrl(ctx, e.value, url, spec.baseUrl)) spec.direct = url;
}

function checkDirectUrl(ctx: Ctx, node: Node, url: string, baseUrl: string): boolean {
  if (hasReferences(url)) {
    if (!mayBeHttpUrl(url)) {
      error(ctx, node, 'bad-url', `'target.direct' must start with http:// or https://, e.g. http://127.0.0.1:8791.`);
      return false;
    }
    return true;
  }
  const parsed = parseHttpUrl(url);
  if (!parsed) {
    error(
      ctx,
      node,
      'bad-url',
      `'${url}' is not an http(s) URL: write the upstream's origin without the gateway, e.g. http://127.0.0.1:8791.`,
    );
    return false;
  }
  if (parsed.search || parsed.hash) {
    error(
      ctx,
      node,
      'bad-url',
      `'target.direct' must not carry a query or fragment: give an origin and an optional prefix path.`,
    );
    return false;
  }
  if (!hasReferences(baseUrl) && sameUrl(baseUrl, url)) {
    error(
      ctx,
      node,
      'same-as-base',
      `'target.direct' is the same URL as 'target.baseUrl': the direct path must reach the upstream without the gateway.`,
    );
    return false;
  }
  return true;
}

function sameUrl(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
}

/** Reads `gatewayHeaders:`; undefined when absent or empty. */
export function validateGatewayHeaders(
  ctx: Ctx,
  entry: Entry | undefined,
): Record<string, GatewayHeaderSpec> | undefined {
  if (!entry) return undefined;
  const m = readMap(
    ctx,
    entry.value,
    'gatewayHeaders',
    undefined,
    '{ x-my-gw-ms: { metric: my_gateway_ms, unit: ms } }',
  );
  if (!m) return undefined;
  const out: Record<string, GatewayHeaderSpec> = {};
  const metrics = new Map<string, string>();
  for (const [header, e] of m) {
    const where = `gatewayHeaders.${header}`;
    if (!HEADER_NAME.test(header)) {
      error(
        ctx,
        e.key,
        'bad-name',
        `'${header}' is not a valid header name: use letters, digits and '-', e.g. x-my-gw-ms.`,
      );
      continue;
    }
    const spec = readMap(ctx, e.value, where, 'gatewayHeaders.*', '{ metric: my_gateway_ms, unit: ms }');
    if (!spec || !requireKeys(ctx, spec, e.value, where, ['metric'], { metric: 'metric: my_gateway_ms' })) continue;
    const me = spec.get('metric')!;
    const metric = readString(ctx, me, `${where}.metric`, 'my_gateway_ms');
    if (metric === undefined) continue;
    if (!METRIC_NAME.test(metric)) {
      error(
        ctx,
        me.value,
        'bad-name',
        `'${metric}' is not a valid metric name: lower-case letters, digits and '_', starting with a letter, at most 64 (e.g. my_gateway_ms).`,
      );
      continue;
    }
    if (RESERVED.test(metric)) {
      error(ctx, me.value, 'reserved-name', `'${metric}' names one of the run's own metrics: pick another name.`);
      continue;
    }
    const lower = header.toLowerCase();
    const dup = metrics.get(metric);
    if (dup !== undefined) {
      report(ctx, rangeOf(ctx, me.value), 'error', 'duplicate', `'${metric}' is already the metric of '${dup}'.`);
      continue;
    }
    metrics.set(metric, header);
    const ue = spec.get('unit');
    const unit = ue ? readEnum(ctx, ue, `${where}.unit`, GATEWAY_HEADER_UNITS) : 'ms';
    if (unit === undefined) continue;
    out[lower] = { metric, unit };
  }
  return Object.keys(out).length ? out : undefined;
}
