// Prometheus remote write: each window is encoded (protobufjs) and compressed (snappyjs), then
// pushed from the host, one request at a time. It never blocks the run: when the endpoint is
// slow, pushes queue up to a bound and the oldest are dropped, and drops and failures are counted.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import protobuf from 'protobufjs';
import { compress } from 'snappyjs';
import type { Window } from '../protocol';
import { newTotals, windowSeries, type TimeSeries } from './remote-write-series';

const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});
const WriteRequest = root.lookupType('prometheus.WriteRequest');

/** The body of one push: a snappy-compressed protobuf WriteRequest. */
export function encodeWriteRequest(timeseries: TimeSeries[]): Uint8Array {
  return compress(WriteRequest.encode(WriteRequest.fromObject({ timeseries })).finish());
}

/** Pushes beyond this wait are dropped, oldest first. */
const QUEUE_LIMIT = 30;
const PUSH_TIMEOUT_MS = 5000;

/** Counts of one output, as `summary.monitor.outputs` reports them. */
export interface OutputStats {
  sent: number;
  failed: number;
  dropped: number;
  lastError?: string;
}

export class RemoteWriteOutput {
  readonly stats: OutputStats = { sent: 0, failed: 0, dropped: 0 };
  private readonly queue: Uint8Array[] = [];
  private inFlight: Promise<void> | null = null;
  private readonly totals = newTotals();

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly labels: Record<string, string>,
    private readonly startedAtMs: number,
    private readonly onNewFailure: (reason: string) => void = () => undefined,
  ) {}

  push(w: Window): void {
    this.queue.push(
      encodeWriteRequest(windowSeries(w, this.totals, this.labels, Math.round(this.startedAtMs + w.tMs))),
    );
    while (this.queue.length > QUEUE_LIMIT) {
      this.queue.shift();
      this.stats.dropped++;
    }
    this.pump();
  }

  /** Sends what is queued, waiting at most `deadlineMs`; what is left is counted as dropped. */
  async flush(deadlineMs: number): Promise<void> {
    const end = Date.now() + deadlineMs;
    while ((this.inFlight || this.queue.length) && Date.now() < end) {
      this.pump();
      await Promise.race([this.inFlight, new Promise((r) => setTimeout(r, Math.max(1, end - Date.now())))]);
    }
    this.stats.dropped += this.queue.length;
    this.queue.length = 0;
  }

  private pump(): void {
    if (this.inFlight || !this.queue.length) return;
    const body = this.queue.shift()!;
    this.inFlight = this.send(body)
      .then(
        () => {
          this.stats.sent++;
        },
        (err: unknown) => {
          this.stats.failed++;
          const reason = err instanceof Error ? err.message : String(err);
          if (reason !== this.stats.lastError) this.onNewFailure(reason);
          this.stats.lastError = reason;
        },
      )
      .finally(() => {
        this.inFlight = null;
        this.pump();
      });
  }

  private send(body: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      let u: URL;
      try {
        u = new URL(this.url);
      } catch {
        reject(new Error(`not a URL: ${this.url}`));
        return;
      }
      const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(
        u,
        {
          method: 'POST',
          timeout: PUSH_TIMEOUT_MS,
          headers: {
            ...this.headers,
            'content-type': 'application/x-protobuf',
            'content-encoding': 'snappy',
            'x-prometheus-remote-write-version': '0.1.0',
            'content-length': String(body.byteLength),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            if (text.length < 300) text += c;
          });
          res.on('end', () =>
            (res.statusCode ?? 0) < 300
              ? resolve()
              : reject(new Error(`HTTP ${res.statusCode ?? '?'}: ${text.trim().slice(0, 200)}`)),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${PUSH_TIMEOUT_MS} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(new Error(err.code ? `${err.code}: ${err.message}` : err.message)),
      );
      req.end(body);
    });
  }
}
