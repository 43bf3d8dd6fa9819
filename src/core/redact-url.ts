/**
 * A request URL as it may be logged: values of query parameters that carry credentials (`?key=`,
 * `?api_key=`, `?access_token=` — Gemini's SDKs and many scripts send keys this way) are replaced,
 * and anything key-shaped left in the path or another value is caught by redactSecrets.
 */
import { redactSecrets } from './redact.js';

const SECRET_NAME = /key|token|secret|passw|auth|signature|^sig$|credential|session/i;

export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return redactSecrets(url);
  const path = redactSecrets(url.slice(0, queryAt));
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1) return redactSecrets(pair);
      const name = pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed escape: judge the raw name
      }
      return SECRET_NAME.test(decoded) ? `${name}=[redacted]` : `${name}=${redactSecrets(pair.slice(equals + 1))}`;
    })
    .join('&');
  return `${path}?${query}`;
}
