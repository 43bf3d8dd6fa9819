import type { UsageRecord } from '../store/store.js';

/** One metered request: the usage log's row type, defined with the store that keeps it. */
export type { UsageRecord };

export interface UsageRecorder {
  /** Never blocks the request path and never throws. */
  record(record: UsageRecord): void;
  /** Writes everything buffered (shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
