/**
 * Typed store failures. The store knows nothing about HTTP: the admin API and /ready map these codes
 * to answers (conflict → 409, invalid_cursor → 400, unavailable → 503).
 */
export type StoreErrorCode =
  /** The database cannot be reached or refused the connection; worth retrying later. */
  | 'unavailable'
  /** A unique value (a key hash) is already taken. */
  | 'conflict'
  /** A `before` cursor that this store did not produce. */
  | 'invalid_cursor'
  /** A value the schema cannot hold (such as an unknown budget period read back from the database). */
  | 'invalid_data'
  | 'migration_failed'
  /** SWITCHYARD_DATABASE_URL is not a form this store understands. */
  | 'invalid_url';

export class StoreError extends Error {
  override name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  get retryable(): boolean {
    return this.code === 'unavailable';
  }
}

export const isStoreError = (error: unknown, code?: StoreErrorCode): error is StoreError =>
  error instanceof StoreError && (code === undefined || error.code === code);

/**
 * A readable reason from a driver error. Node's happy-eyeballs connect raises an AggregateError
 * whose own message is empty, so the inner errors are spelled out.
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describeError).join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
