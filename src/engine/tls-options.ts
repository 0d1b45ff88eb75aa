// `target.tls` → the options of every TLS connection to the target, read once per run.
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContextOptions } from 'node:tls';
import type { TlsSpec } from '../scenario/model';

/** TLS connection options and what the summary must warn about. */
export interface TlsSetup {
  options: ConnectionOptions;
  warnings: string[];
}

/**
 * `ca` adds to the default roots (Node's `ca` option replaces them), and to the file named by
 * `NODE_EXTRA_CA_CERTS`, which Node adds only when no `ca` is given. Throws with a readable
 * message when a file cannot be read.
 */
export function tlsOptions(spec: TlsSpec | undefined, env: NodeJS.ProcessEnv = process.env): TlsSetup {
  const options: ConnectionOptions = {};
  const warnings: string[] = [];
  if (!spec) return { options, warnings };
  const ctx: SecureContextOptions = {};
  if (spec.ca) {
    const extra = env.NODE_EXTRA_CA_CERTS ? [read(env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS')] : [];
    ctx.ca = [...rootCertificates, ...extra, read(spec.ca, 'target.tls.ca')];
  }
  if (spec.cert) ctx.cert = read(spec.cert, 'target.tls.cert');
  if (spec.key) ctx.key = read(spec.key, 'target.tls.key');
  // One context for every connection: parsing the ~140 default roots took ~0.5 s per handshake.
  if (spec.ca || spec.cert || spec.key) {
    try {
      options.secureContext = createSecureContext(ctx);
    } catch (err) {
      throw new Error(`target.tls: the certificate or key is not usable: ${(err as Error).message}`);
    }
  }
  if (spec.servername) options.servername = spec.servername;
  if (spec.insecure) {
    options.rejectUnauthorized = false;
    warnings.push(
      "TLS certificate verification was off (target.tls.insecure: true): the gateway's identity was not checked.",
    );
  }
  return { options, warnings };
}

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${what} file ${path}: ${(err as Error).message}`);
  }
}
