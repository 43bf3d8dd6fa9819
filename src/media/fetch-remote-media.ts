/**
 * Downloads one client-supplied media URL for inlining: http(s) only, redirects followed by hand (at
 * most 3, each hop re-checked), a byte limit (declared content-length and bytes actually read), one
 * timeout for the whole download, and connections only to public addresses (guarded-lookup.ts).
 */
import { Agent, request, type Dispatcher } from 'undici';
import { classifyAddress } from './classify-address.js';
import { BlockedAddressError, createGuardedLookup, type ResolveAll } from './guarded-lookup.js';
import { sniffMediaType } from './sniff-media-type.js';

export type MediaKind = 'image' | 'file';

export interface MediaLimits {
  allowPrivateAddresses: boolean;
  maxBytes: number;
  timeoutMs: number;
}

export interface FetchedMedia {
  mimeType: string;
  bytes: Uint8Array;
}

/** Fetches one URL; `signal` aborts it (a sibling download failed). Throws MediaFetchError. */
export type MediaFetcher = (url: string, kind: MediaKind, signal: AbortSignal) => Promise<FetchedMedia>;

/** A reason the client can act on, phrased to follow "the image at … " (e.g. "answered HTTP 404"). */
export class MediaFetchError extends Error {
  override readonly name = 'MediaFetchError';
}

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

export interface OwnedMediaFetcher {
  fetch: MediaFetcher;
  close(): Promise<void>;
}

/** A fetcher with its own connection pool (closed by the caller); `resolveAll` is replaceable for tests. */
export function createMediaFetcher(limits: MediaLimits, resolveAll?: ResolveAll): OwnedMediaFetcher {
  const agent = new Agent({
    connect: { lookup: createGuardedLookup(limits.allowPrivateAddresses, resolveAll), timeout: limits.timeoutMs },
    keepAliveTimeout: 1_000,
  });
  return {
    fetch: (url, kind, signal) => fetchRemoteMedia(url, kind, limits, agent, signal),
    close: () => agent.destroy(),
  };
}

export async function fetchRemoteMedia(
  url: string,
  kind: MediaKind,
  limits: MediaLimits,
  dispatcher: Dispatcher,
  signal: AbortSignal,
): Promise<FetchedMedia> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const combined = AbortSignal.any([signal, timeout]);
  let current = parseHttpUrl(url);
  for (let hop = 0; ; hop++) {
    checkLiteralAddress(current, limits.allowPrivateAddresses);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        dispatcher,
        method: 'GET',
        signal: combined,
        headers: { accept: kind === 'image' ? 'image/*' : '*/*', 'user-agent': 'Switchyard-media-inliner' },
        headersTimeout: limits.timeoutMs,
        bodyTimeout: limits.timeoutMs,
      });
    } catch (error) {
      throw describeFailure(error, timeout.aborted, limits.timeoutMs);
    }
    if (REDIRECT_STATUSES.has(response.statusCode)) {
      discard(response.body);
      const location = firstHeader(response.headers.location);
      if (location === undefined) throw new MediaFetchError(`answered HTTP ${response.statusCode} without a Location header`);
      if (hop >= MAX_REDIRECTS) throw new MediaFetchError(`redirected more than ${MAX_REDIRECTS} times`);
      current = parseHttpUrl(new URL(location, current).toString());
      continue;
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      discard(response.body);
      throw new MediaFetchError(`answered HTTP ${response.statusCode}`);
    }
    const declared = Number(firstHeader(response.headers['content-length']) ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      discard(response.body);
      throw new MediaFetchError(`is larger than the limit of ${limits.maxBytes} bytes (content-length ${declared})`);
    }
    const bytes = await readLimited(response.body, limits, timeout);
    return { mimeType: mediaTypeOf(firstHeader(response.headers['content-type']), bytes, kind), bytes };
  }
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MediaFetchError('is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MediaFetchError(`uses ${parsed.protocol.replace(/:$/, '')}; only http and https URLs can be fetched`);
  }
  return parsed;
}

/** net.connect skips `lookup` for IP literals, so those are checked here (the URL parser already normalised 0x7f.1 and friends). */
function checkLiteralAddress(url: URL, allowPrivateAddresses: boolean): void {
  if (allowPrivateAddresses) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const reason = classifyAddress(host);
  if (reason !== null && reason !== 'not an IP address') throw blocked(new BlockedAddressError(host, host, reason));
}

async function readLimited(body: Dispatcher.ResponseData['body'], limits: MediaLimits, timeout: AbortSignal): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.byteLength;
      if (size > limits.maxBytes) {
        discard(body);
        throw new MediaFetchError(`is larger than the limit of ${limits.maxBytes} bytes`);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof MediaFetchError) throw error;
    throw describeFailure(error, timeout.aborted, limits.timeoutMs);
  }
  return Buffer.concat(chunks, size);
}

function mediaTypeOf(header: string | undefined, bytes: Uint8Array, kind: MediaKind): string {
  const declared = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const type = GENERIC_TYPES.has(declared) ? (sniffMediaType(bytes) ?? declared) : declared;
  if (kind === 'image' && !type.startsWith('image/')) {
    throw new MediaFetchError(`is not an image (content type ${type === '' ? 'missing' : type})`);
  }
  if (GENERIC_TYPES.has(type)) throw new MediaFetchError('has no recognisable content type');
  return type;
}

function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number): MediaFetchError {
  if (timedOut) return new MediaFetchError(`did not download within ${timeoutMs} ms`);
  const blockedError = findBlocked(error);
  if (blockedError !== null) return blocked(blockedError);
  if (error instanceof MediaFetchError) return error;
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new MediaFetchError('has a host name that does not resolve');
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new MediaFetchError(`did not download within ${timeoutMs} ms`);
  }
  if (error instanceof Error && error.name === 'AbortError') return new MediaFetchError('was not downloaded (request cancelled)');
  return new MediaFetchError(`could not be downloaded (${code ?? 'network error'})`);
}

function blocked(error: BlockedAddressError): MediaFetchError {
  return new MediaFetchError(`points to ${error.reason} (${error.address}); the gateway only fetches media from public addresses`);
}

function findBlocked(error: unknown): BlockedAddressError | null {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof BlockedAddressError) return current;
  }
  return null;
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Drops a body we will not read; destroying an undici body emits an abort error that must not go unhandled. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
