// The engine needs only undici's Pool: importing it from its own file keeps fetch, WebSocket,
// the cache and the rest of undici out of dist/worker.js. Typed as the package's Pool.
declare module 'undici/lib/dispatcher/pool' {
  import { Pool } from 'undici';
  export = Pool;
}
