// HAR 1.2 recording (browser devtools, proxies) → scenario: API calls only, folded by endpoint
// into a weighted mix, with an arrival rate taken from how fast the recording made them.
import { buildScenario, escapeRefs, formatRate, type CapturedRequest, type ImportResult } from './common';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resource types and MIME types that are page assets, not API calls. */
const ASSET_TYPES = new Set([
  'document',
  'stylesheet',
  'script',
  'image',
  'font',
  'media',
  'manifest',
  'texttrack',
  'websocket',
  'ping',
  'preflight',
  'other-asset',
]);
const ASSET_MIME =
  /^(text\/(html|css|javascript)|application\/(javascript|x-javascript|wasm|font-.*)|image\/|font\/|audio\/|video\/)/i;
const ASSET_PATH = /\.(html?|css|m?js|map|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|eot|mp4|webm|mp3|wasm)(\?|$)/i;

function isAsset(entry: Obj, req: Obj): boolean {
  const type = typeof entry._resourceType === 'string' ? entry._resourceType.toLowerCase() : undefined;
  if (type && ASSET_TYPES.has(type)) return true;
  if (req.method === 'OPTIONS') return true;
  const url = String(req.url);
  if (ASSET_PATH.test(url.split('#')[0])) return true;
  const res = isObj(entry.response) ? entry.response : {};
  const mime = isObj(res.content) && typeof res.content.mimeType === 'string' ? res.content.mimeType : '';
  return req.method === 'GET' && ASSET_MIME.test(mime);
}

/** Converts a HAR file's text into a scenario file's text. Throws on text that is not a HAR log. */
export function importHar(source: string, name = 'Imported from HAR'): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (err) {
    throw new Error(`not a HAR file: ${(err as Error).message}`);
  }
  if (!isObj(doc) || !isObj(doc.log) || !Array.isArray(doc.log.entries))
    throw new Error('not a HAR file: expected { "log": { "entries": [...] } }');
  const warnings: string[] = [];
  const captured: CapturedRequest[] = [];
  const starts: number[] = [];
  let assets = 0;
  let end = 0;
  for (const entry of doc.log.entries) {
    if (!isObj(entry) || !isObj(entry.request)) continue;
    const req = entry.request;
    if (typeof req.url !== 'string' || typeof req.method !== 'string') continue;
    if (isAsset(entry, req)) {
      assets++;
      continue;
    }
    const headers = (Array.isArray(req.headers) ? req.headers : [])
      .filter(isObj)
      .map((h): [string, string] => [String(h.name), escapeRefs(String(h.value))]);
    const post = isObj(req.postData) ? req.postData : undefined;
    if (post && Array.isArray(post.params) && post.params.length && typeof post.text !== 'string')
      warnings.push(`${req.method} ${req.url}: a form body (params) was not carried over.`);
    const res = isObj(entry.response) ? entry.response : {};
    captured.push({
      method: req.method,
      url: escapeRefs(req.url),
      headers,
      body: post && typeof post.text === 'string' ? escapeRefs(post.text) : undefined,
      status: typeof res.status === 'number' && res.status > 0 ? res.status : undefined,
    });
    const t = Date.parse(String(entry.startedDateTime));
    if (Number.isFinite(t)) {
      starts.push(t);
      end = Math.max(end, t + (typeof entry.time === 'number' ? entry.time : 0));
    }
  }
  if (assets)
    warnings.push(`${assets} asset request(s) (pages, scripts, styles, images, fonts, preflights) were left out.`);
  if (captured.length === 0) throw new Error('the HAR recording holds no API request');
  // The recording's own pace: its calls spread over its span. One call says nothing about a rate.
  let rate = '1/s';
  if (starts.length > 1) {
    const span = (end - Math.min(...starts)) / 1000;
    if (span > 0) rate = formatRate(starts.length / span);
  }
  return buildScenario(captured, {
    name,
    from: 'a HAR recording',
    group: true,
    warnings,
    load: { executor: 'constant-arrival-rate', rate, duration: '1m' },
  });
}
