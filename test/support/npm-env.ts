// An npm started from inside `npm test` inherits the outer npm's `npm_config_*` and `npm_*`
// variables. Install scripts read them (code-server's postinstall takes the Node major from
// `npm_config_user_agent`, which then names the outer Node 20), so an inner install must start
// from an environment without them.

/** The environment minus every variable an outer npm set, plus `extra`. */
export function npmFreeEnv(extra: NodeJS.ProcessEnv = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^npm_/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}
