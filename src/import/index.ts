// Importers of what users already have: one entry that tells the format from the file's name and
// text and calls the right reader. Pure: text in, scenario text and warnings out.
import { importArtillery } from '../export/import-artillery';
import type { ImportResult } from './common';
import { importCurl } from './curl';
import { importHar } from './har';
import { importPostman } from './postman';
import { importRestClient } from './rest-client';

export type { ImportResult } from './common';
export { importCurl, importHar, importPostman, importRestClient };

/** The formats `gateway-load import` reads. */
export type ImportFormat = 'har' | 'rest-client' | 'curl' | 'postman' | 'artillery';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['har', 'rest-client', 'curl', 'postman', 'artillery'];

/** Tells the format from the file name (`-` is stdin) and the first bytes of its text; undefined when unsure. */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.har')) return 'har';
  if (lower.endsWith('.http') || lower.endsWith('.rest')) return 'rest-client';
  if (lower.endsWith('.postman_collection.json')) return 'postman';
  if (/\.(sh|curl)$/.test(lower)) return 'curl';
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) {
    if (/"log"\s*:\s*\{/.test(head.slice(0, 4000)) && head.includes('"entries"')) return 'har';
    if (/"info"\s*:/.test(head) && /"item"\s*:/.test(head)) return 'postman';
    return undefined;
  }
  if (/^(\$\s*)?curl(\.exe)?\s/m.test(head)) return 'curl';
  if (/^(config|scenarios)\s*:/m.test(head) && /\.ya?ml$/.test(lower)) return 'artillery';
  if (/^(GET|POST|PUT|PATCH|DELETE)\s+\S+/m.test(head) || /^###/m.test(head)) return 'rest-client';
  return undefined;
}

/** Imports one file's text in the given (or detected) format. Throws with a reason when it cannot. */
export function importText(format: ImportFormat, text: string, name?: string): ImportResult {
  switch (format) {
    case 'har':
      return importHar(text, name);
    case 'rest-client':
      return importRestClient(text, name);
    case 'curl':
      return importCurl(text, name);
    case 'postman':
      return importPostman(text, name);
    case 'artillery':
      return importArtillery(text, name);
  }
}
