/**
 * Turns the presented secret into a Principal without touching the database: the master key's hash
 * is held in memory and virtual keys come from an in-memory cache (KeyLookup).
 */
import { invalidApiKey } from '../core/errors.js';
import { timingSafeEqual } from 'node:crypto';
import { hashKey } from './hash-key.js';
import type { KeyPolicy, Principal } from './principal.js';

export interface KeyLookup {
  /** The active key with this hash, or undefined (unknown, revoked). */
  findByHash(hash: string): KeyPolicy | undefined;
}

export const noVirtualKeys: KeyLookup = { findByHash: () => undefined };

/** Secrets whose hash is remembered; far more than a team's keys, small enough to never matter. */
const HASHES_KEPT = 10_000;

export class Authenticator {
  /**
   * SHA-256 of each secret seen, so a key used a thousand times a second is hashed once. Only the
   * secret→hash step is cached: which key (if any) a hash belongs to is looked up every time, so a
   * revoked or changed key takes effect at once.
   */
  private readonly hashes = new Map<string, { hex: string; digest: Buffer }>();
  private readonly masterDigest: Buffer;

  constructor(
    masterKeyHash: string,
    private readonly keys: KeyLookup,
    private readonly now: () => number = Date.now,
  ) {
    this.masterDigest = Buffer.from(masterKeyHash, 'hex');
    // A malformed stored hash must never compare equal to anything (timingSafeEqual needs equal lengths).
    if (this.masterDigest.length !== 32) throw new Error('the master key hash is not a SHA-256 hex digest');
  }

  authenticate(authorization: string | undefined, apiKeyHeader: string | undefined): Principal {
    const secret = extractSecret(authorization, apiKeyHeader);
    if (secret === null) {
      throw invalidApiKey('You did not provide an API key. Send it as "Authorization: Bearer <key>".');
    }
    const { hex: hash, digest } = this.hashOf(secret);
    if (timingSafeEqual(digest, this.masterDigest)) return { kind: 'master' };
    const key = this.keys.findByHash(hash);
    if (key === undefined) throw invalidApiKey('Incorrect API key provided, or the key was revoked.');
    if (key.expiresAt !== null && key.expiresAt.getTime() <= this.now()) throw invalidApiKey('This API key has expired.');
    return { kind: 'key', key };
  }

  private hashOf(secret: string): { hex: string; digest: Buffer } {
    let hash = this.hashes.get(secret);
    if (hash === undefined) {
      const hex = hashKey(secret);
      hash = { hex, digest: Buffer.from(hex, 'hex') };
      // Wrong secrets are hashed too, so a client cycling through garbage cannot grow this without bound.
      if (this.hashes.size >= HASHES_KEPT) this.hashes.clear();
      this.hashes.set(secret, hash);
    }
    return hash;
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
