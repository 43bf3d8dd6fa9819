/**
 * The console's built files, read once into memory (they are a few tens of kilobytes). Requests are
 * answered only from this table, keyed by the exact relative path, so no request path ever reaches
 * the file system: traversal (`..`, encoded or not), symlinks and stray files are impossible by
 * construction.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentTypeFor } from './content-types.js';

export interface ConsoleAsset {
  body: Buffer;
  /** Present when compression saves something. */
  gzipped: Buffer | null;
  contentType: string;
  etag: string;
}

/** Relative path with `/` separators (`main.js`, `views/keys-view.js`) → asset. */
export type ConsoleAssets = ReadonlyMap<string, ConsoleAsset>;

/** Files below this size are sent as they are: gzip's header would eat most of the gain. */
const MIN_GZIP_BYTES = 1024;

/** Reads every servable file under `directory`; an empty map when it does not exist (console not built). */
export function loadConsoleAssets(directory: string): ConsoleAssets {
  const assets = new Map<string, ConsoleAsset>();
  collect(directory, '', assets);
  return assets;
}

function collect(directory: string, prefix: string, assets: Map<string, ConsoleAsset>): void {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(directory, name);
    const stats = statSync(path);
    const relative = `${prefix}${name}`;
    if (stats.isDirectory()) {
      collect(path, `${relative}/`, assets);
      continue;
    }
    const contentType = contentTypeFor(name);
    if (!stats.isFile() || contentType === null) continue;
    const body = readFileSync(path);
    const gzipped = body.length >= MIN_GZIP_BYTES && contentType !== 'image/png' ? gzipSync(body) : null;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(relative, { body, gzipped: gzipped !== null && gzipped.length < body.length ? gzipped : null, contentType, etag });
  }
}
