/**
 * The terms of a limit lease between the cluster primary (lease-grantor.ts) and a worker
 * (lease-desk.ts), in the shapes that cross the IPC channel.
 *
 * A lease lets one worker admit calls of one key on its own until `expiresAt`: up to `slots`
 * requests, estimates summing to at most `tokenAllowance` tokens, holds summing to at most the
 * `blockUsd` the primary reserved for it. The primary counted the slots in the key's RPM window at
 * `expiresAt` — the latest moment one can be used — so the window can only over-count. Whatever is
 * left when the lease ends comes back in a LeaseReturn.
 */

/** How long a lease lasts. Short, so that what a worker holds unused is soon back with the primary. */
export const LEASE_MS = 1000;

export interface LeaseGrant {
  leaseId: string;
  expiresAt: number;
  /** Null: the key has no rpm. */
  slots: number | null;
  /** Null: the key has no tpm. */
  tokenAllowance: number | null;
  /** Null: the key has no budget. */
  blockId: string | null;
  blockUsd: number;
  /** The block reservation's own expiry, which the holds drawn from it share. */
  blockExpiresAt: number;
}

export interface LeaseReturn {
  leaseId: string;
  keyId: string;
  unusedSlots: number;
  /** The part of the block no call drew on. */
  releaseUsd: number;
}

/** The least a lease is worth granting: below this many calls' worth, the worker asks per call. */
export const MIN_LEASE_CALLS = 8;

/** What a worker asks for at most, however busy the key. */
export const MAX_LEASE_SLOTS = 4096;
