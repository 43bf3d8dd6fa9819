/** One metered request, as the usage log stores it (design.md §2 `/admin/requests`). */
export interface UsageRecord {
  /** The request id (x-request-id); unique, so a retried batch never counts twice. */
  id: string;
  /** null for the master key. */
  keyId: string | null;
  /** The public model name the client asked for. */
  model: string;
  /** The deployment that answered (or last failed); null when no upstream was reached. */
  provider: string | null;
  upstreamModel: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** null when the model has no known price. */
  costUsd: number | null;
  latencyMs: number;
  ttftMs: number | null;
  status: number;
  errorCode: string | null;
  stream: boolean;
  retries: number;
  fallbacks: number;
  createdAt: Date;
}

export interface UsageRecorder {
  /** Never blocks the request path and never throws. */
  record(record: UsageRecord): void;
  /** Writes everything buffered (shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
