// `target:` — the gateway under test.
import { isScalar, type Node } from 'yaml';
import type { TargetSpec } from './model';
import { error, type Ctx } from './yaml-ranges';
import {
  readDuration,
  readList,
  readMap,
  readNumber,
  readString,
  readStringMap,
  requireKeys,
  type Entry,
} from './read';
import { hasReferences } from './references';
import { checkHeaderValues, validateHttp } from './validate-http';
import { validateDirect } from './validate-gateway';
import { mayBeHttpUrl, parseHttpUrl } from './http-url';

export const TARGET_DEFAULTS = { timeoutMs: 60_000, maxConnections: 1000, pipelining: 1 };

export function validateTarget(ctx: Ctx, entry: Entry | undefined): TargetSpec | undefined {
  const spec: TargetSpec = {
    baseUrl: '',
    headers: {},
    timeoutMs: TARGET_DEFAULTS.timeoutMs,
    maxConnections: TARGET_DEFAULTS.maxConnections,
    pipelining: TARGET_DEFAULTS.pipelining,
    apiKeys: [],
  };
  if (!entry) return undefined;
  const m = readMap(ctx, entry.value, 'target', 'target', '{ baseUrl: http://127.0.0.1:8790 }');
  if (!m) return undefined;
  requireKeys(ctx, m, entry.value, 'target', ['baseUrl'], {
    baseUrl: 'baseUrl: ${env:GATEWAY_URL:-http://127.0.0.1:8790}',
  });
  const base = m.get('baseUrl');
  if (base && !(isScalar(base.value) && base.value.value === null)) {
    const url = readString(ctx, base, 'target.baseUrl', 'http://127.0.0.1:8790');
    if (url !== undefined && base.value) {
      spec.baseUrl = url;
      checkUrl(ctx, base.value, url);
    }
  }
  const headers = m.get('headers');
  if (headers) {
    spec.headers = readStringMap(ctx, headers, 'target.headers');
    checkHeaderValues(ctx, headers.value, 'target.headers');
  }
  const timeout = m.get('timeout');
  if (timeout) spec.timeoutMs = readDuration(ctx, timeout, 'target.timeout', '30s') ?? spec.timeoutMs;
  const maxConn = m.get('maxConnections');
  if (maxConn)
    spec.maxConnections =
      readNumber(ctx, maxConn, 'target.maxConnections', { integer: true, min: 1 }) ?? spec.maxConnections;
  const pipe = m.get('pipelining');
  if (pipe)
    spec.pipelining =
      readNumber(ctx, pipe, 'target.pipelining', { integer: true, min: 1, max: 256 }) ?? spec.pipelining;
  const keys = m.get('apiKeys');
  if (keys) {
    if (isScalar(keys.value) && typeof keys.value.value === 'string') spec.apiKeys = [keys.value.value];
    else {
      for (const item of readList(ctx, keys, 'target.apiKeys', '[ "${secret:key-1}", "${secret:key-2}" ]') ?? []) {
        if (isScalar(item) && typeof item.value === 'string') spec.apiKeys.push(item.value);
        else error(ctx, item, 'wrong-type', "Each of 'target.apiKeys' must be text, e.g. ${secret:gateway-key}.");
      }
    }
  }
  const keyHeader = m.get('apiKeyHeader');
  if (keyHeader) {
    const h = readString(ctx, keyHeader, 'target.apiKeyHeader', 'x-api-key');
    if (h !== undefined) {
      if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h)) spec.apiKeyHeader = h;
      else
        error(
          ctx,
          keyHeader.value,
          'bad-value',
          `'${h}' is not a valid header name: use letters, digits and '-', e.g. x-api-key.`,
        );
    }
  }
  validateHttp(ctx, m, spec);
  validateDirect(ctx, m, spec);
  return spec;
}

function checkUrl(ctx: Ctx, node: Node, url: string): void {
  if (hasReferences(url)) {
    // The value is only known at run time; check what is literal.
    if (!mayBeHttpUrl(url)) {
      error(ctx, node, 'bad-url', `'target.baseUrl' must start with http:// or https://, e.g. http://127.0.0.1:8790.`);
    }
    return;
  }
  const parsed = parseHttpUrl(url);
  if (!parsed) {
    error(
      ctx,
      node,
      'bad-url',
      `'${url}' is not an http(s) URL: write the gateway's origin, e.g. http://127.0.0.1:8790 or https://gw.example.com/prefix.`,
    );
  } else if (parsed.search || parsed.hash) {
    error(
      ctx,
      node,
      'bad-url',
      `'target.baseUrl' must not carry a query or fragment: give the origin and an optional prefix path.`,
    );
  }
}
