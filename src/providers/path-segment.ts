/**
 * A model id that becomes part of an upstream URL path (Gemini's `/models/{id}:{method}`, Azure's
 * `/openai/deployments/{id}/…`) must stay one segment: `..` would climb out of it once the URL is
 * normalised, `/` would add segments, `?`/`#` would end the path, and `%` would let an encoded form of
 * any of those through a proxy that decodes. Such ids are refused rather than escaped into something
 * the provider would not recognise anyway.
 */
import { invalidRequest } from '../core/errors.js';

const FORBIDDEN = /[/\\?#%\s\x00-\x1f\x7f]/;

/** The id, percent-encoded for the path; a 400 (`param: "model"`) when it cannot be one segment. */
export function modelPathSegment(id: string, extraForbidden?: RegExp): string {
  if (id === '' || id === '.' || id === '..' || FORBIDDEN.test(id) || extraForbidden?.test(id) === true) {
    throw invalidRequest(`The model id \`${id}\` cannot be used in this provider's URL: it must be a single path segment without / \\ ? # % or "..".`, 'model');
  }
  return encodeURIComponent(id);
}
