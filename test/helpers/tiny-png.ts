/** A valid 1×1 PNG, for vision tests. */
export const TINY_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export const TINY_PNG_DATA_URL = `data:image/png;base64,${TINY_PNG_BASE64}`;
