// `executor: trace`: replays a trace's arrivals at its timestamps (scaled by `speed`), each with
// the row's input and output lengths. The file is read as a stream a few thousand rows ahead of
// the schedule, so a trace of any size runs in fixed memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TraceSpec } from '../scenario/model';
import type { Executor } from './executors';
import type { Lengths } from './length-plan';
import type { Runner } from './runner';

/** Column names of the public traces, tried in order when the scenario names none. */
export const TRACE_COLUMNS = {
  // Azure LLM inference traces (2023, 2024), Mooncake (and AIPerf's mooncake_trace), BurstGPT.
  time: ['TIMESTAMP', 'timestamp', 'Timestamp'],
  input: ['ContextTokens', 'input_length', 'Request tokens'],
  output: ['GeneratedTokens', 'output_length', 'Response tokens'],
} as const;

/** One arrival of the trace: when (ms after the first row, already scaled by speed) and its lengths. */
export interface TraceRow {
  atMs: number;
  input?: number;
  output?: number;
}

/** Rows read ahead of the schedule; reading resumes when fewer are left than LOW_WATER. */
const HIGH_WATER = 4096;
const LOW_WATER = 1024;
/** As in the open executor: spin with setImmediate only close to a sparse arrival. */
const SPIN_MS = 1.5;
const DENSE_GAP_MS = 5;

const DATE = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?/;

/** A timestamp in ms: a number in `unitMs`, or a date such as Azure's `2023-11-16 18:15:46.6805900` (sub-ms kept). */
export function parseTraceTime(v: unknown, unitMs: number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v * unitMs : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s !== '' && !Number.isNaN(Number(s))) return Number(s) * unitMs;
  const m = DATE.exec(s);
  if (!m) return null;
  const whole = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return whole + (m[7] ? Number(`0.${m[7]}`) * 1000 : 0);
}

/** Splits one CSV line (RFC 4180 quotes, `""` inside quotes). */
export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function toLength(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

/**
 * Reads a trace file row by row. `next()` resolves with up to `max` rows, or an empty list at the
 * end; a file that cannot be read or has no time column rejects with a readable message.
 */
export class TraceReader {
  private readonly lines: AsyncIterator<string>;
  private readonly csv: boolean;
  private header: string[] | null = null;
  private cols: { time: string; input?: string; output?: string } | null = null;
  private unitMs = 1;
  private first: number | null = null;
  private last = 0;
  private lineNo = 0;
  /** Rows skipped for an unreadable time; rows whose time went backwards (sent at once). */
  skipped = 0;
  backwards = 0;

  constructor(private readonly spec: TraceSpec) {
    const stream = createReadStream(spec.file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    this.lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
    this.csv = /\.csv$/i.test(spec.file);
  }

  async next(max: number): Promise<TraceRow[]> {
    const rows: TraceRow[] = [];
    while (rows.length < max) {
      let r: IteratorResult<string>;
      try {
        r = await this.lines.next();
      } catch (err) {
        throw new Error(`Cannot read trace ${this.spec.file}: ${(err as Error).message}`);
      }
      if (r.done) break;
      this.lineNo++;
      let line = r.value;
      if (this.lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      if (line.trim() === '') continue;
      const row = this.parse(line);
      if (row) rows.push(row);
    }
    return rows;
  }

  private parse(line: string): TraceRow | null {
    let get: (name: string) => unknown;
    if (this.csv) {
      if (!this.header) {
        this.header = splitCsv(line).map((h) => h.trim());
        this.resolve((n) => this.header!.includes(n));
        return null;
      }
      const cells = splitCsv(line);
      const header = this.header;
      get = (name) => cells[header.indexOf(name)];
    } else {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.skipped++;
        return null;
      }
      if (!o || typeof o !== 'object') {
        this.skipped++;
        return null;
      }
      if (!this.cols) this.resolve((n) => n in o);
      get = (name) => o[name];
    }
    const cols = this.cols!;
    const t = parseTraceTime(get(cols.time), this.unitMs);
    if (t === null) {
      this.skipped++;
      return null;
    }
    if (this.first === null) this.first = t;
    let at = (t - this.first) / this.spec.speed;
    if (at < this.last) {
      this.backwards++;
      at = this.last;
    }
    this.last = at;
    const row: TraceRow = { atMs: at };
    if (cols.input) {
      const n = toLength(get(cols.input));
      if (n !== undefined) row.input = n;
    }
    if (cols.output) {
      const n = toLength(get(cols.output));
      if (n !== undefined && n > 0) row.output = n;
    }
    return row;
  }

  private resolve(has: (name: string) => boolean): void {
    const given = this.spec.columns;
    const pick = (k: keyof typeof TRACE_COLUMNS): string | undefined => given[k] ?? TRACE_COLUMNS[k].find(has);
    const time = pick('time');
    if (!time || !has(time)) {
      throw new Error(
        `Trace ${this.spec.file} has no time column ${given.time ? `'${given.time}'` : `(looked for ${TRACE_COLUMNS.time.join(', ')})`}: set load.columns.time.`,
      );
    }
    for (const k of ['input', 'output'] as const) {
      if (given[k] && !has(given[k]))
        throw new Error(`Trace ${this.spec.file} has no column '${given[k]}' (load.columns.${k}).`);
    }
    this.cols = { time, input: pick('input'), output: pick('output') };
    // BurstGPT counts seconds; Mooncake and most others milliseconds.
    this.unitMs = (this.spec.timeUnit ?? (time === 'Timestamp' ? 's' : 'ms')) === 's' ? 1000 : 1;
  }
}

/** The trace replay executor: an open model whose arrivals come from the file. */
export class TraceExecutor implements Executor {
  private t0 = 0;
  private queue: TraceRow[] = [];
  private head = 0;
  private index = 0;
  private halted = false;
  private ended = false;
  private reading = false;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private readonly reader: TraceReader;
  private resolve!: () => void;
  readonly finished = new Promise<void>((r) => {
    this.resolve = r;
  });

  constructor(
    spec: TraceSpec,
    private readonly runner: Runner,
    private readonly capacity: number,
    private readonly onProblem: (message: string) => void,
  ) {
    this.reader = new TraceReader(spec);
  }

  /** Reads the first rows before the clock starts, so the first arrivals are not late for the disk. */
  async prepare(): Promise<void> {
    await this.fill();
  }

  start(t0: number): void {
    // The trace's clock starts now, after `prepare` read its first rows (the run's t0 came before).
    this.t0 = Math.max(t0, performance.now());
    this.tick();
  }

  private async fill(): Promise<void> {
    if (this.reading || this.ended) return;
    this.reading = true;
    try {
      const rows = await this.reader.next(HIGH_WATER - (this.queue.length - this.head));
      if (this.head > 0) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      if (rows.length === 0) this.ended = true;
      else for (const r of rows) this.queue.push(r);
    } catch (err) {
      this.ended = true;
      this.onProblem((err as Error).message);
    } finally {
      this.reading = false;
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    this.immediate = null;
    if (this.halted) return;
    const now = this.sendDue();
    const left = this.queue.length - this.head;
    if (left < LOW_WATER && !this.ended && !this.reading) {
      // Rows run low: read more, and come back at once if none are waiting to be sent.
      void this.fill().then(() => {
        if (!this.halted && this.queue.length - this.head > 0 && this.timer === null && this.immediate === null)
          this.tick();
        else if (!this.halted && this.ended && this.queue.length - this.head === 0) this.finish();
      });
      if (left === 0) return;
    }
    if (left === 0) {
      if (this.ended) this.finish();
      return;
    }
    const next = this.queue[this.head].atMs;
    const wait = next - now;
    const after = this.head + 1 < this.queue.length ? this.queue[this.head + 1].atMs - next : Infinity;
    if (wait <= SPIN_MS && after >= DENSE_GAP_MS) this.immediate = setImmediate(this.tick);
    else this.timer = setTimeout(this.tick, Math.max(1, wait - 1));
  };

  /** Sends every row now due, stamped with its trace time; returns now (ms since t0). */
  private sendDue(until = Infinity): number {
    // An arrival due exactly at `until` belongs to the next window, as the plan's seconds count it.
    const now = Math.min(performance.now() - this.t0, until - this.t0 - 1e-6);
    const runner = this.runner;
    const q = this.queue;
    while (this.head < q.length && q[this.head].atMs <= now) {
      const row = q[this.head++];
      if (runner.active >= this.capacity) {
        runner.rec.drop();
        continue;
      }
      this.index++;
      const given: Lengths = {};
      if (row.input !== undefined) given.input = row.input;
      if (row.output !== undefined) given.output = row.output;
      runner.run(((this.index - 1) % this.capacity) + 1, this.index, this.t0 + row.atMs, null, undefined, given);
    }
    return now;
  }

  catchUp(until?: number): void {
    if (!this.halted) this.sendDue(until);
  }

  dueBefore(until: number): boolean {
    return !this.halted && this.head < this.queue.length && this.t0 + this.queue[this.head].atMs < until;
  }

  private finish(): void {
    if (this.halted) return;
    this.halted = true;
    const r = this.reader;
    if (r.skipped) this.onProblem(`Trace: ${r.skipped} rows without a readable time were skipped.`);
    if (r.backwards)
      this.onProblem(`Trace: ${r.backwards} rows went back in time and were sent at once after the row before them.`);
    this.resolve();
  }

  halt(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    this.finish();
  }

  vus(): number {
    return this.runner.active;
  }
}
