// Lists the entries of a zip file (a .vsix) from its central directory, so tests can check what
// a package ships without an unzip tool.
import { readFileSync } from 'node:fs';

/** Names and uncompressed sizes of a zip's entries. */
export function zipEntries(path: string): Array<{ name: string; size: number }> {
  const buf = readFileSync(path);
  // The end-of-central-directory record sits in the last 22 + up to 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: Array<{ name: string; size: number }> = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${path}: broken central directory`);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLength), size });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}
