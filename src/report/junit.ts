// JUnit XML, the format every CI system displays: one test case per threshold and per check,
// one for the run's own outcome, and one per judged metric when a baseline comparison is given.
import type { Summary } from '../protocol';
import type { Comparison } from './compare';
import { change } from '../shared/compare-render';
import { statLabel, withUnit } from '../shared/format';
import { bodyPreview, reasonLine, topReasons } from '../shared/reasons';
import { capacityHeadline } from '../shared/capacity';
import { capacityChangeLine } from '../shared/capacity-overlay';
import { paretoPointText } from '../shared/pareto';
import { overheadRows } from '../shared/gateway-format';
import { insightProperties } from './insight-format';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; text: string };
}
interface Suite {
  name: string;
  cases: Case[];
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'scenario'
  );
}

/** Renders the run (and optionally its comparison) as `testsuites`/`testsuite`/`testcase`. */
export function renderJunit(summary: Summary, opts: { comparison?: Comparison } = {}): string {
  const cls = `gateway-load.${slug(summary.scenario)}`;
  const suites: Suite[] = [];
  const runOk = summary.status === 'completed';
  // What the gateway said, in every failure's text: CI shows it without opening the run.
  const why = topReasons(summary, 5)
    .map((e) => `\n${reasonLine(e, summary.requests.sent)}${e.body ? `\n  body ${bodyPreview(e.body, 300)}` : ''}`)
    .join('');
  const reasonsText = why ? `\nfailure reasons:${why}` : '';
  suites.push({
    name: `${summary.scenario} — run`,
    cases: [
      {
        name: 'run completed',
        classname: `${cls}.run`,
        failure: runOk
          ? undefined
          : {
              type: 'run',
              message: `run ${summary.status}${summary.reason ? `: ${summary.reason}` : ''}`,
              text: `status ${summary.status}${reasonsText}`,
            },
      },
    ],
  });
  suites.push({
    name: `${summary.scenario} — thresholds`,
    cases: summary.thresholds.map((t) => ({
      name: `${t.metric}: ${t.expression}`,
      classname: `${cls}.thresholds`,
      failure: t.ok
        ? undefined
        : {
            type: 'threshold',
            message: `${t.metric} ${t.expression} failed: value ${withUnit(t.metric, t.value)}`,
            text: `metric ${t.metric}\nthreshold ${t.expression}\nvalue ${t.value ?? 'no data'}${reasonsText}`,
          },
    })),
  });
  suites.push({
    name: `${summary.scenario} — checks`,
    cases: summary.checks.map((c) => ({
      name: c.name,
      classname: `${cls}.checks`,
      failure:
        c.fails === 0
          ? undefined
          : {
              type: 'check',
              message: `${c.fails} of ${c.passes + c.fails} requests failed the check '${c.name}'`,
              text: `passes ${c.passes}\nfails ${c.fails}`,
            },
    })),
  });
  if (summary.overhead) {
    // For information: the figures as passing cases, so CI's test view lists them.
    const o = summary.overhead;
    suites.push({
      name: `${summary.scenario} — gateway overhead`,
      cases: [
        ...overheadRows(o).map(([metric, p, , , added, ci]) => ({
          name: `${metric} ${p}: gateway adds ${added} ms (95% CI ${ci} ms)`,
          classname: `${cls}.overhead`,
        })),
        {
          name: `error rate: gateway adds ${(o.errorRate.added * 100).toFixed(2)} pt`,
          classname: `${cls}.overhead`,
        },
        ...(o.caution ? [{ name: `caution: ${o.caution}`, classname: `${cls}.overhead` }] : []),
      ],
    });
  }
  if (opts.comparison) {
    suites.push({
      name: `${summary.scenario} — comparison with baseline`,
      cases: opts.comparison.metrics
        .filter((m) => m.verdict !== null)
        .map((m) => {
          const worse = m.stats.filter((s) => s.verdict === 'worse');
          return {
            name: `${m.metric} not worse than baseline`,
            classname: `${cls}.baseline`,
            failure: worse.length
              ? {
                  type: 'regression',
                  message:
                    (m.metric === 'capacity' ? capacityChangeLine(opts.comparison!) : null) ??
                    `${m.metric} worse than baseline: ${worse.map((s) => `${statLabel(s.stat)} ${change(m.metric, s)}`).join(', ')}`,
                  text: worse.map((s) => `${statLabel(s.stat)}: ${s.baseline} → ${s.current}`).join('\n'),
                }
              : undefined,
          };
        }),
    });
  }

  const seconds = (summary.durationMs / 1000).toFixed(3);
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure).length, 0);
  const props: Array<[string, string]> = [
    ['scenario', summary.scenario],
    ['runId', summary.runId],
    ['status', summary.status],
    ['startedAt', summary.startedAt],
    ['executor', summary.executor],
    ['tool', `${summary.environment.tool} ${summary.environment.version}`],
    ['node', summary.environment.node],
    ...insightProperties(summary),
  ];
  // A sweep's answer where CI shows the run's properties: the headline and the Pareto front.
  const cap = summary.capacity;
  if (cap) props.push(['capacity', capacityHeadline(cap)]);
  if (cap?.pareto?.length)
    props.push([
      'capacity.pareto',
      cap.pareto.map((p) => paretoPointText(p, cap.executor === 'sweep-vus' ? ' VUs' : '/s')).join('; '),
    ]);
  // The gateway's warnings (buffered streams) fail nothing, but CI should show them.
  const systemOut = xmlEscape((summary.warnings ?? []).map((w) => `warning: ${w}`).join('\n'));
  const x: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  x.push(
    `<testsuites name="${xmlEscape(`gateway-load: ${summary.scenario}`)}" tests="${total}" failures="${failures}" errors="0" time="${seconds}">`,
  );
  suites.forEach((s, i) => {
    const f = s.cases.filter((c) => c.failure).length;
    // The strict (Ant) JUnit schema wants id, package, a timestamp without zone or fraction,
    // and properties / system-out / system-err around the test cases.
    x.push(
      `  <testsuite name="${xmlEscape(s.name)}" id="${i}" package="${xmlEscape(cls)}" tests="${s.cases.length}" failures="${f}" errors="0" skipped="0" time="${seconds}" timestamp="${xmlEscape(summary.startedAt.slice(0, 19))}" hostname="${xmlEscape(summary.environment.hostname ?? 'localhost')}">`,
    );
    x.push('    <properties>');
    for (const [k, v] of props) x.push(`      <property name="${xmlEscape(k)}" value="${xmlEscape(v)}"/>`);
    x.push('    </properties>');
    for (const c of s.cases) {
      const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(c.classname)}" time="0"`;
      if (!c.failure) {
        x.push(`${open}/>`);
        continue;
      }
      x.push(`${open}>`);
      x.push(
        `      <failure message="${xmlEscape(c.failure.message)}" type="${xmlEscape(c.failure.type)}">${xmlEscape(c.failure.text)}</failure>`,
      );
      x.push('    </testcase>');
    }
    x.push(`    <system-out>${systemOut}</system-out>`, '    <system-err></system-err>', '  </testsuite>');
  });
  x.push('</testsuites>');
  return x.join('\n') + '\n';
}
