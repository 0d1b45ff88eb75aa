// Browser-safe: src/protocol.ts re-exports this, and the webview bundles src/protocol.ts.

/** The version of summary.json's shape, written into every summary. */
export const SUMMARY_SCHEMA_VERSION = 1;
