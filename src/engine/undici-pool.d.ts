// The engine needs only a few of undici's parts: importing them from their own files keeps fetch,
// WebSocket, the cache and the rest of undici out of dist/worker.js. Typed as the package's classes.
// These paths are private to undici, so the version is pinned exactly in package.json and
// test/unit/engine/undici-paths.test.ts fails if a path moves or stops being the public export.
declare module 'undici/lib/dispatcher/pool' {
  import { Pool } from 'undici';
  export = Pool;
}
declare module 'undici/lib/dispatcher/proxy-agent' {
  import { ProxyAgent } from 'undici';
  export = ProxyAgent;
}
declare module 'undici/lib/core/connect' {
  import { buildConnector } from 'undici';
  export = buildConnector;
}
declare module 'undici/lib/api/api-connect' {
  import { Dispatcher } from 'undici';
  const connect: Dispatcher['connect'];
  export = connect;
}
