import { createHash, randomBytes } from 'node:crypto';

/** Keys are stored and looked up by their SHA-256 (hex); the secret itself is never stored (the authenticator keeps recent secret→hash pairs in memory only). */
export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new secret: a recognisable prefix and 192 bits of randomness (base62-ish, URL-safe). */
export function generateSecret(prefix: string): string {
  return `${prefix}-${randomBytes(24).toString('base64url')}`;
}
