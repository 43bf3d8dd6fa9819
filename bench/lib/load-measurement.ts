/** What one measured load run yields, whichever generator ran it. */
export interface LoadMeasurement {
  durationSeconds: number;
  ok: number;
  /** Answers that were not 2xx (wrk: status >= 400). */
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Failed share of all answered or failed requests, 0..1. */
  errorRate: number;
  /** Status code counts (autocannon), or {} (wrk reports only failures). */
  statusCodes: Record<string, number>;
  /** Set when the generator could not run at all (wrk: cannot connect), with why. */
  failure?: string;
}
