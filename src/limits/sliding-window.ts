/**
 * The window both backends share (the Lua scripts in rate-limit-scripts.ts mirror this file).
 *
 * Requests: an exact sliding log. A request at time t counts while now - 60 s < t, so no 60-second
 * span ever holds more than `rpm` admitted requests.
 *
 * Tokens: one-second buckets (a sum does not need one entry per call). A bucket counts while any part
 * of it is inside the window, so tokens count for between 60 and 61 s: the error bound is at most
 * one bucket's worth of tokens counted up to 1 s too long — it can only refuse early, never admit
 * over the limit. It keeps at most 61 buckets per key.
 */
export const WINDOW_MS = 60_000;
export const TOKEN_BUCKET_MS = 1_000;

export const tokenBucketOf = (time: number): number => Math.floor(time / TOKEN_BUCKET_MS);

/** The oldest bucket that still counts at `now`. */
export const firstLiveBucket = (now: number): number => Math.floor((now - WINDOW_MS) / TOKEN_BUCKET_MS);

/** The instant a bucket stops counting. */
export const bucketExpiry = (bucket: number): number => (bucket + 1) * TOKEN_BUCKET_MS + WINDOW_MS;

/** Raw outcome of checking one window, before it becomes a decision. */
export interface WindowCheck {
  limit: number;
  used: number;
  full: boolean;
  resetMs: number;
  /** Only meaningful when full; null when waiting cannot help. */
  retryAfterMs: number | null;
}
