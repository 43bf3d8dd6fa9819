/** Boots the console: sign-in, then the shell and a page per hash route. */
import { ApiClient } from './api-client.js';
import { renderShell } from './app-shell.js';
import { required } from './dom.js';
import { PAGES, parseRoute, type Page } from './router.js';
import { forgetKey, storedKey, storeKey } from './session.js';
import type { View } from './view-context.js';
import { renderKeys } from './views/keys-view.js';
import { renderOverview } from './views/overview-view.js';
import { renderPlayground } from './views/playground-view.js';
import { renderRequestDetail } from './views/request-detail-view.js';
import { renderRequests } from './views/requests-view.js';
import { renderSignIn } from './views/sign-in-view.js';

const VIEWS: Record<Page, View> = {
  overview: renderOverview,
  keys: renderKeys,
  requests: renderRequests,
  request: renderRequestDetail,
  playground: renderPlayground,
};

const root = required(document, '#app', HTMLDivElement);
let session: AbortController | null = null;

function showSignIn(notice: string | null): void {
  session?.abort();
  session = null;
  renderSignIn(root, notice, (key) => {
    storeKey(key);
    showConsole(key);
  });
}

function showConsole(key: string): void {
  session?.abort();
  const current = new AbortController();
  session = current;
  const signOut = (notice: string | null) => {
    forgetKey();
    showSignIn(notice);
  };
  const api = new ApiClient(key, (message) => {
    if (session === current) signOut(`You were signed out because the gateway refused the key: ${message}`);
  });
  const shell = renderShell(root, () => signOut('Signed out.'));
  let page: AbortController | null = null;

  const show = (moveFocus: boolean) => {
    page?.abort();
    page = new AbortController();
    const route = parseRoute(location.hash);
    shell.select(route.page);
    const label = PAGES.find((entry) => entry.page === (route.page === 'request' ? 'requests' : route.page))?.label ?? 'Console';
    document.title = `${label} · Switchyard`;
    shell.main.replaceChildren();
    VIEWS[route.page](shell.main, { api, route, signal: page.signal });
    if (moveFocus) shell.main.querySelector('h1')?.focus();
  };
  window.addEventListener('hashchange', () => show(true), { signal: current.signal });
  current.signal.addEventListener('abort', () => page?.abort());
  show(false);
}

const key = storedKey();
if (key === null) showSignIn(null);
else showConsole(key);
