/** What every page receives: the API client, its route, and a signal aborted when the page is left. */
import type { ApiClient } from './api-client.js';
import type { Route } from './router.js';

export interface ViewContext {
  api: ApiClient;
  route: Route;
  /** Aborted when the user navigates away: pending fetches, streams and observers stop. */
  signal: AbortSignal;
}

export type View = (container: HTMLElement, context: ViewContext) => void;
