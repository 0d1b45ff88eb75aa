// The JSON Schema of scenario files (schemas/scenario.schema.json is written from this), for users
// of the YAML extension. It mirrors the validator's rules as far as a schema can; the test
// test/unit/scenario/schema.test.ts holds the two in agreement.
import { METRICS, metricInfo, type MetricInfo } from '../shared/metrics';
import { TAGGABLE_METRICS } from './tag-filter';
import {
  APIS,
  ARRIVALS,
  COMPRESSIONS,
  DISTRIBUTIONS,
  EXECUTORS,
  KEYS,
  METHODS,
  MONITOR_PRESETS,
  OUTPUT_TYPES,
  GATEWAY_HEADER_UNITS,
  PICKS,
  TIME_UNITS,
} from './keys';

const r = String.raw;
const NAME = r`[A-Za-z_][A-Za-z0-9_.-]*`;
/** `prompt.repeat` and `prompt.recent`, beside any source of fresh prompts (validate-repeat.ts has the same bounds). */
const PROMPT_REPEAT = {
  repeat: { type: 'number', minimum: 0, maximum: 1 },
  recent: { type: 'integer', minimum: 1, maximum: 100000 },
};

const REF = r`\$\$\{|\$\{(?:env|dotenv|var):${NAME}(?::-[^}]*)?\}|\$\{secret:${NAME}\}|\$\{(?:vu|iteration|uuid|prompt|request)\}`;
/** Strings whose every `${` opens a valid reference. */
const TEMPLATE = r`^(?:${REF}|[^$]|\$(?!\{))*$`;
/** Units from large to small, each at most once, as parseDuration reads them. */
const DUR = r`(?:(?=\d)(?:\d+(?:\.\d+)?h)?(?:\d+(?:\.\d+)?m(?!s))?(?:\d+(?:\.\d+)?s)?(?:\d+(?:\.\d+)?ms)?)`;
const DURATION = r`^\s*(?:0|${DUR})\s*$`;
const ZERO = r`^\s*(?:0|(?:0+(?:\.0+)?(?:ms|h|m|s))+)\s*$`;
const RATE = r`^\s*\d+(?:\.\d+)?\s*/\s*(?:s|sec|second|m|min|minute|h|hour)\s*$`;
const PERCENT = r`^\s*(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?)\s*%\s*$`;
const OPS = r`(?:===|==|!=|<=|>=|<|>)`;
const NUM = r`-?\d+(?:\.\d+)?`;
const PCT = r`p\(\s*(?:100(?:\.0+)?|0*[1-9]\d?(?:\.\d+)?|0+\.\d*[1-9]\d*)\s*\)`;
const expr = (stats: string, values: string) => r`^\s*(?:${stats})\s*${OPS}\s*(?:${values})\s*$`;
const CMP = r`(?:==|!=|<=|>=|<|>)`;
const LIT = r`(?:".*"|'.*'|[^"'\s].*)`;
const TAIL = r`\s*(?:not exists|exists|matches(?![A-Za-z0-9_])\s*/.*/[a-z]*|(?:contains(?![A-Za-z0-9_])|${CMP})\s*${LIT})\s*$`;
const HEADER_CHARS = "!#$%&'*+^_`|~0-9A-Za-z.-";
const CHECK = [
  r`^\s*status\s*${CMP}\s*[1-5]\d\d\s*$`,
  r`^\s*output_tokens\s*${CMP}\s*-?\d+(?:\.\d+)?\s*$`,
  r`^\s*(?:latency|ttft)\s*${CMP}\s*(?:\d+(?:\.\d+)?|${DUR})\s*$`,
  r`^\s*body(?:\.[A-Za-z_$][\w$-]*(?![\w$-])|\[(?:\d+|"[^"]*"|'[^']*')\])*${TAIL}`,
  `^\\s*header\\.[${HEADER_CHARS}]+(?![${HEADER_CHARS}])${TAIL}`,
].join('|');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const ref = (name: string): Json => ({ $ref: `#/definitions/${name}` });

function exprDef(m: MetricInfo): string {
  if (m.name === 'capacity') return 'capacityExpr';
  if (m.type === 'trend') return m.unit === 'ms' ? 'trendMsExpr' : 'trendExpr';
  return `${m.type}Expr`;
}

function thresholdList(def: string): Json {
  const item: Json = {
    anyOf: [
      ref(def),
      {
        type: 'object',
        additionalProperties: false,
        required: ['threshold'],
        properties: { threshold: ref(def), abortOnFail: { type: 'boolean' }, delayAbortEval: ref('duration') },
      },
    ],
  };
  return { anyOf: [item, { type: 'array', minItems: 1, items: item }] };
}

/** Adds each key's doc from the key table as `description`, so the YAML extension's hovers match ours. */
function described(table: string, properties: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(properties)) {
    const doc = KEYS[table]?.find((d) => d.key === k)?.doc;
    out[k] = doc && v && typeof v === 'object' && !Array.isArray(v) ? { description: doc, ...v } : v;
  }
  return out;
}

const notAny = (...keys: string[]): Json => ({ not: { anyOf: keys.map((k) => ({ required: [k] })) } });

export function buildScenarioSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://gateway-load.invalid/schemas/scenario.schema.json',
    title: 'Gateway Load scenario',
    description:
      'A load test of an AI API gateway (*.load.yaml). Generated from src/scenario/schema.ts; kept in agreement with the validator by test/unit/scenario/schema.test.ts.',
    type: 'object',
    additionalProperties: false,
    patternProperties: { '^x-': {} },
    required: ['target', 'load', 'requests'],
    properties: described('', {
      name: ref('text'),
      description: ref('text'),
      target: ref('target'),
      load: ref('load'),
      requests: { type: 'array', minItems: 1, items: ref('request') },
      thresholds: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          METRICS.map((m) => [m.name, { description: m.doc, ...(thresholdList(exprDef(m)) as object) }]),
        ),
        // k6-style tag filters (`http_req_duration{name:chat}`) and monitored series (`monitor.node.cpu_busy`).
        patternProperties: {
          ...Object.fromEntries(
            TAGGABLE_METRICS.map((name) => [
              `^${name}\\{(expected_response:(true|false)|name:[^}]+|status:[1-5][0-9][0-9]|turn:([1-9][0-9]?|100))\\}$`,
              { description: `${name} filtered by one tag`, ...(thresholdList(exprDef(metricInfo(name)!)) as object) },
            ]),
          ),
          '^monitor\\.[A-Za-z_][A-Za-z0-9_-]*\\.[A-Za-z_][A-Za-z0-9_]*$': {
            description: 'A monitored series: monitor.<source>.<series>.',
            ...(thresholdList('trendExpr') as object),
          },
        },
      },
      monitor: ref('monitor'),
      outputs: { type: 'array', items: ref('output') },
      gatewayHeaders: {
        type: 'object',
        propertyNames: { pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['metric'],
          properties: described('gatewayHeaders.*', {
            metric: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
            unit: { enum: [...GATEWAY_HEADER_UNITS] },
          }),
        },
      },
      targets: {
        type: 'object',
        additionalProperties: false,
        properties: described('targets', {
          successRate: {
            anyOf: [
              { type: 'string', pattern: PERCENT },
              { type: 'number', minimum: 0, maximum: 1 },
            ],
          },
          responseTime: ref('duration'),
          throughput: ref('rate'),
        }),
      },
      slo: ref('slo'),
      variables: {
        type: 'object',
        propertyNames: { pattern: `^${NAME}$` },
        additionalProperties: { type: ['string', 'number', 'boolean'], pattern: TEMPLATE },
      },
    }),
    definitions: {
      text: { type: ['string', 'number'], pattern: TEMPLATE },
      template: { type: 'string', pattern: TEMPLATE },
      duration: { anyOf: [{ type: 'string', pattern: DURATION }, { const: 0 }], description: '500ms, 30s, 2m, 1h30m' },
      positiveDuration: {
        allOf: [ref('duration'), { not: { anyOf: [{ const: 0 }, { type: 'string', pattern: ZERO }] } }],
      },
      rate: { type: 'string', pattern: RATE, description: '20/s, 100/min, 3000/h' },
      trendMsExpr: { type: 'string', pattern: expr(`avg|min|max|med|${PCT}`, `${NUM}|${DUR}`) },
      trendExpr: { type: 'string', pattern: expr(`avg|min|max|med|${PCT}`, NUM) },
      rateExpr: { type: 'string', pattern: expr('rate', r`${NUM}|\d+(?:\.\d+)?\s*%`) },
      counterExpr: { type: 'string', pattern: expr('count|rate', NUM) },
      gaugeExpr: { type: 'string', pattern: expr('value|max|min', NUM) },
      check: { type: 'string', pattern: CHECK },
      capacityExpr: { type: 'string', pattern: expr('rpm|rate|concurrency', NUM) },
      slo: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: described('slo', {
          time_to_first_token: ref('positiveDuration'),
          time_per_output_token: ref('positiveDuration'),
          http_req_duration: ref('positiveDuration'),
        }),
      },
      fraction: {
        anyOf: [
          { type: 'string', pattern: PERCENT },
          { type: 'number', minimum: 0, maximum: 1 },
        ],
      },
      stringMap: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'], pattern: TEMPLATE } },
      json: {
        anyOf: [
          ref('template'),
          { type: ['number', 'boolean', 'null'] },
          { type: 'array', items: ref('json') },
          { type: 'object', additionalProperties: ref('json') },
        ],
      },
      target: {
        type: 'object',
        additionalProperties: false,
        required: ['baseUrl'],
        properties: described('target', {
          baseUrl: {
            type: 'string',
            anyOf: [
              { pattern: TEMPLATE, allOf: [{ pattern: r`\$\{` }, { pattern: r`^(?:\$\{|https?://)` }] },
              { not: { pattern: r`\$\{` }, pattern: r`^https?://[^\s/?#]+(?:/[^\s?#]*)?$` },
            ],
          },
          headers: ref('stringMap'),
          timeout: ref('duration'),
          maxConnections: { type: 'integer', minimum: 1 },
          pipelining: { type: 'integer', minimum: 1, maximum: 256 },
          apiKeys: { anyOf: [ref('template'), { type: 'array', items: ref('template') }] },
          apiKeyHeader: { type: ['string', 'number'], pattern: `^[${HEADER_CHARS}]+$` },
          tls: {
            type: 'object',
            additionalProperties: false,
            properties: described('target.tls', {
              ca: ref('text'),
              cert: ref('text'),
              key: ref('text'),
              servername: ref('text'),
              insecure: { type: 'boolean' },
            }),
          },
          proxy: { type: 'string', pattern: TEMPLATE },
          http2: { type: 'boolean' },
          maxRedirects: { type: 'integer', minimum: 0, maximum: 100 },
          compression: { enum: [...COMPRESSIONS] },
          maxBodyBytes: {
            anyOf: [
              { type: 'integer', minimum: 1 },
              { type: 'string', pattern: r`^\s*\d+(?:\.\d+)?\s*(?:[kmgKMG][iI]?[bB]|[bB])?\s*$` },
            ],
          },
          direct: { type: 'string', pattern: TEMPLATE },
        }),
      },
      load: {
        type: 'object',
        additionalProperties: false,
        required: ['executor'],
        properties: described('load', {
          executor: { enum: [...EXECUTORS] },
          stages: { type: 'array', minItems: 1 },
          rate: { allOf: [ref('rate'), { not: { pattern: r`^\s*0*(?:\.0*)?\s*/` } }] },
          vus: { type: 'integer', minimum: 1 },
          duration: ref('positiveDuration'),
          arrivals: { enum: [...ARRIVALS] },
          burstiness: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
          seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
          workers: { anyOf: [{ const: 'auto' }, { type: 'integer', minimum: 1, maximum: 256 }] },
          file: ref('text'),
          speed: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
          columns: {
            type: 'object',
            additionalProperties: false,
            properties: described('load.columns', { time: ref('text'), input: ref('text'), output: ref('text') }),
          },
          timeUnit: { enum: [...TIME_UNITS] },
          gracefulStop: ref('duration'),
          thinkTime: ref('duration'),
          from: { anyOf: [ref('rate'), { type: 'integer', minimum: 1 }] },
          to: { anyOf: [ref('rate'), { type: 'integer', minimum: 1 }] },
          steps: { type: 'integer', minimum: 1, maximum: 100 },
          stepDuration: ref('duration'),
          stop: {
            type: 'object',
            additionalProperties: false,
            properties: described('load.stop', { sloAttainment: ref('fraction'), errorRate: ref('fraction') }),
          },
          refine: { type: 'integer', minimum: 0, maximum: 10 },
        }),
        allOf: [
          {
            if: { properties: { executor: { const: 'ramping-arrival-rate' } } },
            then: {
              required: ['stages'],
              ...(notAny('rate', 'vus', 'duration') as object),
              properties: { stages: { items: ref('rateStage') } },
            },
          },
          {
            if: { properties: { executor: { const: 'ramping-vus' } } },
            then: {
              required: ['stages'],
              ...(notAny('rate', 'vus', 'duration') as object),
              properties: { stages: { items: ref('vuStage') } },
            },
          },
          {
            if: { properties: { executor: { const: 'constant-arrival-rate' } } },
            then: { required: ['rate', 'duration'], ...(notAny('stages', 'vus') as object) },
          },
          {
            if: { properties: { executor: { const: 'constant-vus' } } },
            then: { required: ['vus', 'duration'], ...(notAny('stages', 'rate') as object) },
          },
          {
            if: { properties: { executor: { const: 'sweep' } } },
            then: {
              required: ['from', 'to', 'stepDuration'],
              ...(notAny('stages', 'rate', 'vus', 'duration') as object),
              properties: { from: ref('rate'), to: ref('rate') },
            },
          },
          {
            if: { properties: { executor: { const: 'sweep-vus' } } },
            then: {
              required: ['from', 'to', 'stepDuration'],
              ...(notAny('stages', 'rate', 'vus', 'duration') as object),
              properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
            },
          },
          {
            if: {
              properties: {
                executor: {
                  enum: ['ramping-arrival-rate', 'constant-arrival-rate', 'ramping-vus', 'constant-vus', 'trace'],
                },
              },
            },
            then: notAny('from', 'to', 'steps', 'stepDuration', 'stop', 'refine'),
          },
          {
            if: { properties: { executor: { const: 'trace' } } },
            then: { required: ['file'], ...(notAny('stages', 'rate', 'vus', 'duration') as object) },
            else: notAny('file', 'speed', 'columns', 'timeUnit'),
          },
        ],
      },
      monitor: {
        type: 'object',
        additionalProperties: false,
        properties: described('monitor', {
          prometheus: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['url'],
              properties: described('monitor.prometheus[]', {
                url: ref('template'),
                preset: { enum: [...MONITOR_PRESETS] },
                name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
                headers: ref('stringMap'),
                series: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['metric'],
                    properties: described('monitor.prometheus[].series[]', {
                      metric: { type: 'string', pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$' },
                      labels: ref('stringMap'),
                      as: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                      kind: { enum: ['gauge', 'counter'] },
                      unit: { type: 'string' },
                    }),
                  },
                },
              }),
              anyOf: [{ required: ['preset'] }, { required: ['series'] }],
            },
          },
          process: {
            type: 'object',
            additionalProperties: false,
            properties: described('monitor.process', {
              pid: { type: 'integer', minimum: 1 },
              command: { type: 'string' },
              name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
            }),
            oneOf: [{ required: ['pid'] }, { required: ['command'] }],
          },
          interval: ref('duration'),
        }),
      },
      output: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'url'],
        properties: described('outputs[]', {
          type: { enum: [...OUTPUT_TYPES] },
          url: ref('template'),
          headers: ref('stringMap'),
        }),
      },
      rateStage: {
        type: 'object',
        additionalProperties: false,
        required: ['duration', 'target'],
        properties: { duration: ref('duration'), target: { anyOf: [ref('rate'), { const: 0 }] } },
      },
      vuStage: {
        type: 'object',
        additionalProperties: false,
        required: ['duration', 'target'],
        properties: { duration: ref('duration'), target: { type: 'integer', minimum: 0 } },
      },
      prompt: {
        anyOf: [
          ref('template'),
          { type: 'array', minItems: 1, items: ref('template') },
          {
            type: 'object',
            additionalProperties: false,
            properties: described('requests[].prompt', {
              file: ref('text'),
              items: { type: 'array', minItems: 1, items: ref('template') },
              pick: { enum: [...PICKS] },
              ...PROMPT_REPEAT,
            }),
            oneOf: [{ required: ['file'] }, { required: ['items'] }],
          },
          {
            type: 'object',
            additionalProperties: false,
            properties: described('requests[].prompt', {
              tokens: ref('length'),
              distribution: { enum: [...DISTRIBUTIONS] },
              seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
              prefix: {
                type: 'object',
                additionalProperties: false,
                required: ['tokens'],
                properties: described('requests[].prompt.prefix', {
                  tokens: { type: 'integer', minimum: 1, maximum: 1048576 },
                  groups: { type: 'integer', minimum: 1, maximum: 1000 },
                }),
              },
              ...PROMPT_REPEAT,
            }),
            anyOf: [{ required: ['tokens'] }, { required: ['prefix'] }],
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['dataset'],
            properties: described('requests[].prompt', {
              dataset: ref('text'),
              format: { enum: ['sharegpt', 'openai-messages', 'jsonl'] },
              replay: { enum: ['server', 'recorded'] },
            }),
          },
        ],
      },
      conversation: {
        type: 'object',
        additionalProperties: false,
        properties: described('requests[].conversation', {
          turns: {
            anyOf: [
              { type: 'integer', minimum: 1, maximum: 100 },
              {
                type: 'object',
                additionalProperties: false,
                required: ['min', 'max'],
                properties: described('requests[].conversation.turns', {
                  min: { type: 'integer', minimum: 1, maximum: 100 },
                  max: { type: 'integer', minimum: 1, maximum: 100 },
                }),
              },
            ],
          },
          thinkTime: ref('duration'),
          userTokens: ref('length'),
          seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
        }),
      },
      length: {
        anyOf: [
          { type: 'integer', minimum: 1, maximum: 1048576 },
          {
            type: 'object',
            additionalProperties: false,
            required: ['mean'],
            properties: described('requests[].prompt.tokens', {
              mean: { type: 'number', minimum: 1, maximum: 1048576 },
              stddev: { type: 'number', minimum: 0, maximum: 1048576 },
              min: { type: 'integer', minimum: 1, maximum: 1048576 },
              max: { type: 'integer', minimum: 1, maximum: 1048576 },
              distribution: { enum: [...DISTRIBUTIONS] },
            }),
          },
        ],
      },
      request: {
        type: 'object',
        additionalProperties: false,
        properties: described('requests[]', {
          name: ref('text'),
          weight: { type: 'number', exclusiveMinimum: 0 },
          api: { enum: [...APIS] },
          model: ref('text'),
          stream: { type: 'boolean' },
          maxTokens: { anyOf: [{ type: 'integer', minimum: 1 }, ref('length')] },
          exactOutput: { type: 'boolean' },
          temperature: { type: 'number', minimum: 0, maximum: 2 },
          system: ref('text'),
          tools: { type: 'array', items: { type: 'object' } },
          toolChoice: { anyOf: [{ enum: ['auto', 'none', 'required', 'any'] }, { type: 'object' }] },
          prompt: ref('prompt'),
          conversation: ref('conversation'),
          path: { type: ['string', 'number'], allOf: [{ pattern: TEMPLATE }, { pattern: r`^(?:/|\$\{)` }] },
          method: { enum: [...METHODS] },
          headers: ref('stringMap'),
          body: ref('json'),
          checks: { type: 'array', items: ref('check') },
          slo: ref('slo'),
        }),
        allOf: [
          {
            if: { required: ['api'], properties: { api: { const: 'raw' } } },
            then: {},
            else: { properties: { body: { type: 'object' } } },
          },
          {
            if: { required: ['api'], properties: { api: { const: 'openai-embeddings' } } },
            then: { properties: { stream: { const: false } } },
          },
        ],
      },
    },
  };
}
