// Whether a run may start: workspace trust, and a confirmation before load is sent to a host
// that is not this machine. Pure (no `vscode`), so the safety rules are unit-tested directly.

import * as path from 'node:path';
import type { Scenario } from '../scenario/model';

/** The figures a user confirms before a run against a remote host. */
export interface RunPlan {
  /** Open models: peak arrivals per second after the cap; closed models: peak virtual users. */
  peak: number;
  kind: 'open' | 'closed';
  durationMs: number;
  /** Open models: requests the plan will start (after the cap); closed models: unknown (null). */
  expectedRequests: number | null;
}

/** Caps from the settings; the engine enforces them, the plan shows their effect. */
export interface RunCaps {
  maxRequestsPerSecond?: number;
  maxConnections?: number;
}

export interface GateInput {
  trusted: boolean;
  scenario: Scenario;
  /** The target's base URL with its references filled in. */
  resolvedBaseUrl: string;
  trustedHosts: readonly string[];
  /** `gatewayLoad.confirmNonLoopback`. */
  confirmSetting: boolean;
  caps?: RunCaps;
  /** A dry run sends real requests with the same secrets: it is gated exactly like a run (kept for the log's wording). */
  dryRun?: boolean;
  /** What leaves the machine, by name: shown in the confirmation. */
  outbound?: Outbound;
  /** Workspace folders: a prompt file outside them needs the confirmation even for this machine. */
  workspaceRoots?: readonly string[];
}

/** Names of the values and files a run sends (values themselves are never shown). */
export interface Outbound {
  secrets: readonly string[];
  env: readonly string[];
  dotenv: readonly string[];
  files: readonly string[];
}

/** The gate's verdict: go, refuse with a message, or ask the user first. */
export type GateResult =
  { allowed: true } | { blocked: string } | { confirm: { message: string; detail: string; host: string } };

export const UNTRUSTED_MESSAGE =
  'Gateway Load: running load tests is disabled in Restricted Mode. Trust this workspace (Manage Workspace Trust) to run scenarios; editing and validation keep working.';

/** True when the URL's host is this machine: `localhost` (and `*.localhost`), 127.0.0.0/8, ::1 or an IPv4-mapped 127.x. */
export function isLoopback(url: string): boolean {
  const host = hostOf(url);
  if (host === undefined) return false;
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127(\.\d{1,3}){1,3}$/.test(host)) return true;
  const v6 = host.replace(/^\[|\]$/g, '');
  if (v6 === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(v6)) return true;
  // IPv4-mapped loopback, which the URL parser writes in hex: [::ffff:7f00:1].
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(v6);
  if (mapped) return parseInt(mapped[1], 16) >> 8 === 127;
  return /^::ffff:127\./.test(v6);
}

/** The host (lower case, without a trailing dot; IPv6 in brackets) of a URL, or undefined when it is not a URL. */
export function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.endsWith('.') ? host.slice(0, -1) : host;
  } catch {
    return undefined;
  }
}

/** Peak rate, duration and expected request count of a scenario, with the caps applied. */
export function planOf(scenario: Scenario, caps: RunCaps = {}): RunPlan {
  const { load } = scenario;
  const cap = load.kind === 'open' ? caps.maxRequestsPerSecond : caps.maxConnections;
  const limit = cap !== undefined && cap > 0 ? cap : Infinity;
  let prev = 0;
  let peak = 0;
  let area = 0;
  for (const stage of load.stages) {
    const from = Math.min(prev, limit);
    const to = Math.min(stage.target, limit);
    peak = Math.max(peak, to, from);
    area += cappedRampArea(prev, stage.target, stage.durationMs / 1000, limit);
    prev = stage.target;
  }
  return {
    peak,
    kind: load.kind,
    durationMs: load.durationMs,
    expectedRequests: load.kind === 'open' ? Math.round(area) : null,
  };
}

/** ∫ min(a + (b − a)·t/T, c) dt over [0, T]: arrivals of a linear ramp under a cap. */
function cappedRampArea(a: number, b: number, seconds: number, c: number): number {
  if (seconds <= 0) return 0;
  if (a <= c && b <= c) return ((a + b) / 2) * seconds;
  if (a >= c && b >= c) return c * seconds;
  // The ramp crosses the cap at fraction f of the stage.
  const f = (c - a) / (b - a);
  const below = a < c ? ((a + c) / 2) * f * seconds : c * f * seconds;
  const above = a < c ? c * (1 - f) * seconds : ((c + b) / 2) * (1 - f) * seconds;
  return below + above;
}

/** Decides whether a run may start now, must be refused, or needs the user's confirmation. */
export function gateRun(input: GateInput): GateResult {
  if (!input.trusted) return { blocked: UNTRUSTED_MESSAGE };
  const host = hostOf(input.resolvedBaseUrl);
  if (host === undefined) {
    return {
      blocked: `Gateway Load: the target's baseUrl '${input.resolvedBaseUrl}' is not a valid URL once its references are filled in; write an origin such as http://127.0.0.1:8790.`,
    };
  }
  const outside = filesOutside(input.outbound?.files ?? promptFiles(input.scenario), input.workspaceRoots);
  const trusted = input.trustedHosts.map((h) => h.trim().toLowerCase().replace(/\.$/, ''));
  const remote =
    input.confirmSetting &&
    !isLoopback(input.resolvedBaseUrl) &&
    !trusted.includes(host) &&
    !trusted.includes(hostWithPort(input.resolvedBaseUrl));
  if (!remote && outside.length === 0) return { allowed: true };
  const text = confirmationText(input.scenario, input.resolvedBaseUrl, input.caps, input.outbound);
  if (!remote) {
    text.message = `Read ${outside.length === 1 ? 'a file' : `${outside.length} files`} outside the workspace and send ${outside.length === 1 ? 'its' : 'their'} lines to ${host}?`;
    text.detail = [`Outside the workspace: ${outside.join(', ')}`, text.detail].join('\n');
  }
  return { confirm: { host, ...text } };
}

/** The prompt files a scenario reads (absolute after validation). */
export function promptFiles(scenario: Scenario): string[] {
  const files = new Set<string>();
  for (const r of scenario.requests) if (r.prompt?.kind === 'file') files.add(r.prompt.path);
  return [...files].sort();
}

/** Files in none of `roots` (all of them when no root is known: a loose file has no workspace to trust). */
export function filesOutside(files: readonly string[], roots: readonly string[] | undefined): string[] {
  if (roots === undefined) return [];
  return files.filter(
    (f) =>
      !roots.some((root) => {
        const rel = path.relative(path.resolve(root), path.resolve(f));
        return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
      }),
  );
}

function hostWithPort(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** The modal's text: what will be sent where, for how long. */
export function confirmationText(
  scenario: Scenario,
  baseUrl: string,
  caps?: RunCaps,
  outbound?: Outbound,
): { message: string; detail: string } {
  const plan = planOf(scenario, caps);
  const host = hostOf(baseUrl) ?? baseUrl;
  const peak =
    plan.kind === 'open'
      ? `Peak rate: ${formatRate(plan.peak)}`
      : `Peak concurrency: ${formatNumber(plan.peak)} virtual users`;
  const expected =
    plan.expectedRequests === null
      ? 'Expected requests: depends on response times (closed model)'
      : `Expected requests: about ${formatNumber(plan.expectedRequests)}`;
  return {
    message: `Send load to ${host}? It is not this machine.`,
    detail: [
      `Scenario: ${scenario.name}`,
      `Target: ${baseUrl}`,
      peak,
      `Duration: ${formatDuration(plan.durationMs)}`,
      expected,
      ...leaving(outbound, hostWithPort(baseUrl) || host),
    ].join('\n'),
  };
}

/** "What leaves this machine" lines: names only, never values. */
function leaving(o: Outbound | undefined, to: string): string[] {
  if (!o) return [];
  const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');
  return [
    `Leaves this machine for ${to}:`,
    `  secrets: ${list(o.secrets)}`,
    `  environment variables: ${list(o.env)}`,
    `  .env entries: ${list(o.dotenv)}`,
    `  files (their lines are sent as prompts): ${list(o.files)}`,
  ];
}

/** `12.5 req/s (750/min)`. */
export function formatRate(perSec: number): string {
  const perMin = perSec * 60;
  return `${formatNumber(perSec, perSec < 10 ? 2 : 1)} req/s (${formatNumber(perMin)}/min)`;
}

/** Thousands separators, at most `digits` decimals. */
export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** `1h 02m 03s`, `5m 00s`, `45s`, `750 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}
