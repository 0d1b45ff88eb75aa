// The first bytes of a file, for validators that check a dataset's format without reading it
// whole (a dataset may be a gigabyte; the editor validates on every keystroke).
import { closeSync, openSync, readSync } from 'node:fs';

/** Up to `maxBytes` of the file as UTF-8 (`complete` when that is the whole file); null when it cannot be read. */
export function fileHead(path: string, maxBytes: number): { text: string; complete: boolean } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const complete = n <= maxBytes;
    let text = buf.toString('utf8', 0, Math.min(n, maxBytes));
    // A character cut at the end decodes as U+FFFD: drop it rather than report it.
    if (!complete) text = text.replace(/\uFFFD$/, '');
    return { text, complete };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
