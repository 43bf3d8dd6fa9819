/** Calls to this gateway's admin and chat APIs with the master key; errors carry the envelope's message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** HTTP status; 0 when the gateway could not be reached at all. */
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** The `error` of an OpenAI envelope, if the value is one. */
export function envelopeError(value: unknown): { message: string; code: string | null } | null {
  if (typeof value !== 'object' || value === null || !('error' in value)) return null;
  const error = value.error;
  if (typeof error !== 'object' || error === null || !('message' in error) || typeof error.message !== 'string') return null;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  return { message: error.message, code };
}

/** An ApiError from a failed response, with the gateway's own message when it sent the envelope. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = envelopeError(body);
  return new ApiError(error?.message ?? `The gateway answered ${response.status} ${response.statusText}.`, response.status, error?.code ?? null);
}

export type Decoder<T> = (value: unknown) => T;

export class ApiClient {
  constructor(
    private readonly key: string,
    /** Called when the gateway stops accepting the key (rotated master key, restarted with another). */
    private readonly onUnauthorized: (message: string) => void,
  ) {}

  get<T>(path: string, decode: Decoder<T>, signal?: AbortSignal): Promise<T> {
    return this.json('GET', path, undefined, decode, signal);
  }

  async json<T>(method: string, path: string, body: unknown, decode: Decoder<T>, signal?: AbortSignal): Promise<T> {
    const init: RequestInit = { method, headers: body === undefined ? {} : { 'content-type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (signal !== undefined) init.signal = signal;
    const response = await this.fetch(path, init);
    return decode(await response.json());
  }

  /** A raw call with the key attached; any non-2xx answer is thrown as an ApiError. */
  async fetch(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.key}`);
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers, cache: 'no-store', credentials: 'omit' });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('Cannot reach the gateway. Is it still running?', 0);
    }
    if (response.ok) return response;
    const error = await errorFromResponse(response);
    if (response.status === 401) this.onUnauthorized(error.message);
    throw error;
  }
}

/** Checks a key against the admin API without keeping it (the sign-in form). */
export async function verifyMasterKey(key: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/admin/keys', { headers: { authorization: `Bearer ${key}` }, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new ApiError('Cannot reach the gateway. Is it still running?', 0);
  }
  if (response.ok) return;
  const error = await errorFromResponse(response);
  if (response.status === 403) throw new ApiError('That is a virtual key. The console needs the master key.', 403, error.code);
  if (response.status === 401) throw new ApiError(`That key was not accepted: ${error.message}`, 401, error.code);
  throw error;
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
