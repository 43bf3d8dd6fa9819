/**
 * Hash routes (`#/overview`, `#/requests/req_…`, `#/requests?model=gpt-4o`): the server serves one
 * page, reloads and the back button just work, and filters are shareable without the key.
 */
export type Page = 'overview' | 'keys' | 'requests' | 'request' | 'playground';

export interface Route {
  page: Page;
  /** The request id on the detail page. */
  id: string | null;
  query: URLSearchParams;
}

export const PAGES: ReadonlyArray<{ page: Page; label: string }> = [
  { page: 'overview', label: 'Overview' },
  { page: 'keys', label: 'Keys' },
  { page: 'requests', label: 'Requests' },
  { page: 'playground', label: 'Playground' },
];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const questionMark = path.indexOf('?');
  const query = new URLSearchParams(questionMark === -1 ? '' : path.slice(questionMark + 1));
  const segments = (questionMark === -1 ? path : path.slice(0, questionMark)).split('/').filter((segment) => segment !== '');
  const [first, second] = segments;
  if (first === 'requests' && second !== undefined) return { page: 'request', id: decodeURIComponent(second), query };
  if (first === 'keys' || first === 'requests' || first === 'playground') return { page: first, id: null, query };
  return { page: 'overview', id: null, query };
}

/** The hash for a page with optional query parameters (empty values left out). */
export function href(path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''));
  const text = search.toString();
  return `#/${path}${text === '' ? '' : `?${text}`}`;
}
