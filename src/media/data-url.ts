/**
 * `data:` URLs (RFC 2397) as OpenAI clients send media: `data:image/png;base64,iVBOR…`. Gemini wants
 * the media type and the base64 payload apart (`inlineData{mimeType, data}`), and the media inliner
 * produces them from downloaded bytes.
 */
export interface DataUrl {
  mimeType: string;
  /** Base64 payload (percent-encoded data URLs are re-encoded to base64). */
  data: string;
}

const DATA_URL = /^data:([^,]*?),(.*)$/s;

/** Parses a data URL; null when the string is not one. A missing media type defaults to text/plain per RFC 2397. */
export function parseDataUrl(url: string): DataUrl | null {
  const match = DATA_URL.exec(url.trim());
  if (match === null) return null;
  const meta = (match[1] ?? '').split(';').map((piece) => piece.trim());
  const payload = match[2] ?? '';
  const base64 = meta.slice(1).some((piece) => piece.toLowerCase() === 'base64');
  const mimeType = (meta[0] ?? '').toLowerCase() || 'text/plain';
  if (base64) return { mimeType, data: payload.replace(/\s+/g, '') };
  try {
    return { mimeType, data: Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64') };
  } catch {
    return null;
  }
}

export function toDataUrl(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

export const isHttpUrl = (url: string): boolean => /^https?:\/\//i.test(url.trim());
