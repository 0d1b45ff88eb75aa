// A dataset file as an endless, bounded queue of records. The file is streamed in chunks and
// cut into records by the incremental scanners (src/scenario/dataset-format.ts); only a small
// buffer of records is held, refilled in the background, so a 1 GB file costs what its buffer
// costs. Requests take records synchronously; the file wraps around at its end.
import { createReadStream, type ReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { basename } from 'node:path';
import type { DatasetSummary } from '../protocol';
import type { DatasetSpec } from '../scenario/model';
import { scannerFor, type DatasetItem, type DatasetRecord, type ItemScanner } from '../scenario/dataset-format';

/** Records held ahead of the requests that take them. */
const BUFFER = 512;
/** Bytes read per chunk. */
const CHUNK = 64 * 1024;

/** What a run reports about one dataset: summary.json's entry, less the request's name (the engine adds it). */
export interface DatasetFeedStats extends Omit<DatasetSummary, 'request' | 'format'> {
  format: DatasetSpec['format'];
}

export class DatasetFeed {
  private buf: DatasetRecord[] = [];
  private head = 0;
  private stream: ReadStream | null = null;
  private scanner: ItemScanner | null = null;
  private decoder: StringDecoder | null = null;
  private filling: Promise<void> | null = null;
  private last: DatasetRecord | null = null;
  private recordsThisPass = 0;
  private closed = false;
  /** Times the file was read to its end (the buffer runs ahead of the requests). */
  private passes = 0;
  /** Bytes read from the file so far (tests check that reading stops early). */
  bytesRead = 0;
  readonly stats: DatasetFeedStats;

  constructor(
    readonly spec: DatasetSpec,
    private readonly bufferSize = BUFFER,
  ) {
    this.stats = {
      file: basename(spec.path),
      format: spec.format,
      used: 0,
      skipped: 0,
      firstError: null,
      records: null,
      wraps: 0,
      underruns: 0,
    };
  }

  /** Fills the buffer once before the run starts; rejects when the file is unreadable or holds no records. */
  async prepare(): Promise<void> {
    await this.fill();
    if (this.available === 0)
      throw new Error(
        `Dataset ${this.spec.path} holds no ${this.spec.format} records${this.stats.firstError ? ` (${this.stats.firstError})` : ''}.`,
      );
  }

  private get available(): number {
    return this.buf.length - this.head;
  }

  /** The next record; never null once prepared (an empty buffer reuses the last record, counted). */
  next(): DatasetRecord {
    let r: DatasetRecord;
    if (this.head < this.buf.length) {
      r = this.buf[this.head++];
      this.last = r;
    } else {
      this.stats.underruns++;
      r = this.last as DatasetRecord;
    }
    const st = this.stats;
    st.used++;
    if (st.records) st.wraps = Math.floor((st.used - 1) / st.records);
    if (this.available < this.bufferSize / 2 && this.filling === null && !this.closed)
      this.fill().catch((err: unknown) => {
        this.stats.firstError ??= (err as Error).message;
      });
    return r;
  }

  /** Reads until the buffer is full, wrapping around at the end of the file. */
  private fill(): Promise<void> {
    this.filling ??= this.readMore().finally(() => {
      this.filling = null;
    });
    return this.filling;
  }

  private async readMore(): Promise<void> {
    if (this.head > 0) {
      this.buf = this.buf.slice(this.head);
      this.head = 0;
    }
    const items: DatasetItem[] = [];
    while (this.available < this.bufferSize && !this.closed) {
      const chunk = await this.read();
      if (chunk === null) {
        this.scanner!.end(items);
        this.take(items);
        this.closeStream();
        // A pass that found no record at all would loop forever.
        if (this.recordsThisPass === 0) return;
        this.stats.records ??= this.recordsThisPass;
        this.passes++;
        continue;
      }
      this.scanner!.push(this.decoder!.write(chunk), items);
      this.take(items);
    }
  }

  private take(items: DatasetItem[]): void {
    for (const it of items) {
      if ('record' in it) {
        this.buf.push(it.record);
        this.recordsThisPass++;
      } else if (this.passes === 0) {
        this.stats.skipped++;
        this.stats.firstError ??= `line ${it.line}: ${it.error}`;
      }
    }
    items.length = 0;
  }

  /** One chunk of the file, opening it (again) when needed; null at its end. */
  private read(): Promise<Buffer | null> {
    if (this.stream === null) {
      this.stream = createReadStream(this.spec.path, { highWaterMark: CHUNK });
      this.scanner = scannerFor(this.spec.format);
      this.decoder = new StringDecoder('utf8');
      this.recordsThisPass = 0;
    }
    const s = this.stream;
    return new Promise<Buffer | null>((resolve, reject) => {
      const done = (v: Buffer | null): void => {
        s.off('readable', onReadable);
        s.off('end', onEnd);
        s.off('error', onError);
        resolve(v);
      };
      const onReadable = (): void => {
        const c = s.read() as Buffer | null;
        if (c !== null) {
          this.bytesRead += c.length;
          done(c);
        }
      };
      const onEnd = (): void => done(null);
      const onError = (err: Error): void => {
        s.off('readable', onReadable);
        s.off('end', onEnd);
        reject(new Error(`Cannot read dataset ${this.spec.path}: ${err.message}`));
      };
      if (s.readableEnded) return resolve(null);
      const c = s.read() as Buffer | null;
      if (c !== null) {
        this.bytesRead += c.length;
        return resolve(c);
      }
      s.on('readable', onReadable);
      s.once('end', onEnd);
      s.once('error', onError);
    });
  }

  private closeStream(): void {
    this.stream?.destroy();
    this.stream = null;
  }

  /** Stops reading (the run is over). */
  close(): void {
    this.closed = true;
    this.closeStream();
  }
}
