/**
 * Opaque paging cursor for the request log: the (created_at, id) of the last record on a page,
 * base64url-encoded so clients treat it as a token rather than a date to edit.
 */
import { StoreError } from './store-error.js';

export interface RequestCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: RequestCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}\n${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(token: string): RequestCursor {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const separator = text.indexOf('\n');
  const createdAt = new Date(separator === -1 ? Number.NaN : text.slice(0, separator));
  const id = text.slice(separator + 1);
  if (separator === -1 || Number.isNaN(createdAt.getTime()) || id === '') {
    throw new StoreError('invalid_cursor', 'The paging cursor is not one this server produced.');
  }
  return { createdAt, id };
}
