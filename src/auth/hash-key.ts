import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Keys are stored and looked up by their SHA-256 (hex); the secret itself is never kept. */
export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A new secret: a recognisable prefix and 192 bits of randomness (base62-ish, URL-safe). */
export function generateSecret(prefix: string): string {
  return `${prefix}-${randomBytes(24).toString('base64url')}`;
}
