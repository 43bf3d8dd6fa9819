/**
 * Turns the presented secret into a Principal without touching the database: the master key's hash
 * is held in memory and virtual keys come from an in-memory cache (KeyLookup).
 */
import { invalidApiKey } from '../core/errors.js';
import { hashKey, sameHash } from './hash-key.js';
import type { KeyPolicy, Principal } from './principal.js';

export interface KeyLookup {
  /** The active key with this hash, or undefined (unknown, revoked). */
  findByHash(hash: string): KeyPolicy | undefined;
}

export const noVirtualKeys: KeyLookup = { findByHash: () => undefined };

export class Authenticator {
  constructor(
    private readonly masterKeyHash: string,
    private readonly keys: KeyLookup,
    private readonly now: () => number = Date.now,
  ) {}

  authenticate(authorization: string | undefined, apiKeyHeader: string | undefined): Principal {
    const secret = extractSecret(authorization, apiKeyHeader);
    if (secret === null) {
      throw invalidApiKey('You did not provide an API key. Send it as "Authorization: Bearer <key>".');
    }
    const hash = hashKey(secret);
    if (sameHash(hash, this.masterKeyHash)) return { kind: 'master' };
    const key = this.keys.findByHash(hash);
    if (key === undefined) throw invalidApiKey('Incorrect API key provided, or the key was revoked.');
    if (key.expiresAt !== null && key.expiresAt.getTime() <= this.now()) throw invalidApiKey('This API key has expired.');
    return { kind: 'key', key };
  }
}

function extractSecret(authorization: string | undefined, apiKeyHeader: string | undefined): string | null {
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
    return null;
  }
  if (apiKeyHeader !== undefined && apiKeyHeader.trim() !== '') return apiKeyHeader.trim();
  return null;
}
