import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { npmFreeEnv } from '../../support/npm-env';

test('npmFreeEnv drops every npm_* variable of an outer npm and keeps the rest', () => {
  const env = npmFreeEnv(
    { JOBS: 'max', npm_config_nodedir: '/n24' },
    {
      PATH: '/bin',
      npm_config_user_agent: 'npm/11 node/v20.20.2 linux x64',
      npm_lifecycle_event: 'test',
      NPM_CONFIG_CACHE: '/c',
      HOME: '/root',
    },
  );
  assert.deepEqual(env, { PATH: '/bin', HOME: '/root', JOBS: 'max', npm_config_nodedir: '/n24' });
});

test('a process spawned with npmFreeEnv sees no npm_* variable, even from inside npm test', () => {
  const base = { ...process.env, npm_config_user_agent: 'npm/11 node/v20 linux x64' };
  const r = spawnSync(
    process.execPath,
    ['-e', 'console.log(JSON.stringify(Object.keys(process.env).filter((k) => /^npm_/i.test(k))))'],
    {
      env: npmFreeEnv({}, base),
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});
