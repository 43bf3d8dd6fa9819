import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Authenticator, type KeyLookup } from './authenticator.js';
import { hashKey } from './hash-key.js';
import type { KeyPolicy } from './principal.js';

const policy: KeyPolicy = { id: 'key_1', name: 'k', models: null, rpm: null, tpm: null, budgetUsd: null, budgetPeriod: null, expiresAt: null };

test('the master key, a virtual key, and a key revoked after it was used (the hash cache never skips the lookup)', () => {
  const active = new Map([[hashKey('sy-virtual'), policy]]);
  const lookups: string[] = [];
  const keys: KeyLookup = { findByHash: (hash) => (lookups.push(hash), active.get(hash)) };
  const authenticator = new Authenticator(hashKey('sy-master'), keys);
  assert.deepEqual(authenticator.authenticate('Bearer sy-master', undefined), { kind: 'master' });
  assert.equal(authenticator.authenticate(undefined, 'sy-virtual').kind, 'key');
  assert.equal(authenticator.authenticate('Bearer sy-virtual', undefined).kind, 'key');
  active.clear();
  assert.throws(() => authenticator.authenticate('Bearer sy-virtual', undefined), /revoked/);
  assert.equal(lookups.length, 3, 'every call looked the hash up');
  assert.throws(() => authenticator.authenticate(undefined, undefined), /did not provide/);
});
