// Secrets are stored per workspace: another workspace's scenario asks for a different key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretKeyFor, workspaceIdentity } from '../../../src/extension/secret-key';

test('the same secret name in two workspaces maps to two SecretStorage keys', () => {
  const mine = workspaceIdentity(undefined, ['file:///work/mine']);
  const cloned = workspaceIdentity(undefined, ['file:///work/cloned-repo']);
  assert.notEqual(secretKeyFor('gateway-key', mine), secretKeyFor('gateway-key', cloned));
  assert.equal(
    secretKeyFor('gateway-key', mine),
    secretKeyFor('gateway-key', workspaceIdentity(undefined, ['file:///work/mine'])),
    'stable across sessions',
  );
  assert.match(secretKeyFor('gateway-key', mine), /^gatewayLoad\.secret\.[0-9a-f]{16}\.gateway-key$/);
  // Folder order does not matter; a saved .code-workspace file is the identity when there is one.
  assert.equal(workspaceIdentity(undefined, ['b', 'a']), workspaceIdentity(undefined, ['a', 'b']));
  assert.equal(workspaceIdentity('file:///w/x.code-workspace', ['a']), 'file:file:///w/x.code-workspace');
  assert.equal(workspaceIdentity('untitled:Untitled-1', ['a']), workspaceIdentity(undefined, ['a']));
  assert.notEqual(
    secretKeyFor('k', workspaceIdentity(undefined, [])),
    secretKeyFor('k', mine),
    "a loose file has no access to a workspace's secrets",
  );
  // The old global key is never produced: a secret set before this change must be set again per workspace.
  assert.notEqual(secretKeyFor('gateway-key', mine), 'gatewayLoad.secret.gateway-key');
});
