// The scenario format reference in Markdown, written from the same key table and metric
// catalogue that drive validation, completion and hover (examples/REFERENCE.md is generated
// from this, so the docs cannot drift from the validator).
import { KEYS } from './keys';
import { METRICS } from '../shared/metrics';
import { statsFor } from './threshold-expr';
import { CHECK_EXAMPLES } from './checks';

const SECTIONS: Array<[string, string, string]> = [
  ['', 'Top level', ''],
  ['target', '`target:`', 'The gateway under test.'],
  ['load', '`load:`', 'Ramping executors take `stages`; constant ones take `rate` or `vus` and `duration`, as in k6.'],
  [
    'load.stages[]',
    '`load.stages[]`',
    'Each stage ramps linearly from the previous target (the first from 0); a `0s` stage jumps.',
  ],
  ['requests[]', '`requests[]`', 'Each arrival picks one request by weight.'],
  ['requests[].prompt', '`requests[].prompt` as a mapping', 'Or write the prompt inline, or as a list of prompts.'],
  ['thresholds.*[]', '`thresholds.<metric>[]` as a mapping', 'Or write the expression alone: `"p(95) < 500"`.'],
  ['targets', '`targets:`', "The dashboard's goals, shown as tiles."],
  [
    'monitor',
    '`monitor:`',
    'Resources sampled beside the load, once per `interval`, stored with each window and summarised in `summary.json` under `monitor` (min, avg, p95, max, samples, gaps). The generator\'s own series are always there: `generator.cpu` (%), `generator.rss` (bytes), `generator.elu`, `generator.lateness_p99` (ms). Thresholds take `monitor.<source>.<series>`, e.g. `monitor.node.cpu_busy: ["max < 85"]` (statistics `avg`, `min`, `max`, `med`, `p(N)`).',
  ],
  [
    'monitor.prometheus[]',
    '`monitor.prometheus[]`',
    'One endpoint in the Prometheus text format; series named `<name>.<series>`.',
  ],
  [
    'monitor.prometheus[].series[]',
    '`monitor.prometheus[].series[]`',
    'Any series: samples whose labels match are summed.',
  ],
  ['monitor.process', '`monitor.process`', 'A local process: `<name>.cpu` (%) and `<name>.rss` (bytes).'],
  ['outputs[]', '`outputs[]`', 'Pushed each second from the host; never blocks the run.'],
];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatReference(): string {
  const out: string[] = [
    '# Scenario format reference',
    '',
    '<!-- Generated from src/scenario/reference.ts: edit the key table (src/scenario/keys.ts) or the metric catalogue, not this file. -->',
    '',
    'Durations: `500ms`, `30s`, `2m`, `1h30m`. Rates: `20/s`, `100/min`, `3000/h`. Percentages: `99.2%`.',
    'Strings may hold references: `${env:NAME}`, `${env:NAME:-default}`, `${secret:NAME}`, `${dotenv:NAME}`, `${var:NAME}`, and per request `${vu}`, `${iteration}`, `${uuid}`.',
    '',
  ];
  for (const [table, title, intro] of SECTIONS) {
    out.push(`## ${title}`, '');
    if (intro) out.push(intro, '');
    out.push('| key | type | meaning |', '| --- | --- | --- |');
    for (const k of KEYS[table]) {
      const type = `${k.kind}${k.required ? ', required' : ''}`;
      const values = k.values ? ` Values: ${k.values.map((v) => `\`${v}\``).join(', ')}.` : '';
      out.push(`| \`${k.key}\` | ${type} | ${cell(k.doc)}${values} |`);
    }
    out.push('');
  }
  out.push(
    '## Checks',
    '',
    'Per-request assertions, one expression each:',
    '',
    ...CHECK_EXAMPLES.map((c) => `- \`${c}\``),
    '',
    'Subjects: `status`, `latency` and `ttft` (ms, or with a unit), `output_tokens`, `body.<path>` (`body.choices[0].message.content`), `header.<name>`. Operators: `==`, `!=`, `<`, `<=`, `>`, `>=`, `exists`, `not exists`, `matches /regex/`, `contains`.',
    '',
  );
  out.push(
    '## Metrics and thresholds',
    '',
    'Thresholds are k6 expressions on a metric: `p(95) < 500`, `avg < 200`, `rate < 0.01`, `count > 10`. Time values are milliseconds (`1.5s` also works).',
    '',
    '| metric | type | unit | threshold statistics | meaning |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const m of METRICS)
    out.push(
      `| \`${m.name}\` | ${m.type} | ${m.unit} | ${statsFor(m)
        .map((s) => `\`${s}\``)
        .join(', ')} | ${cell(m.doc)} |`,
    );
  out.push('');
  return out.join('\n');
}
