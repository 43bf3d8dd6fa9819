/** Requests: the usage log, filtered and paged (newest first), each row linking to its detail. */
import { decodeKeyList, decodeModels, decodeRequestPage, type KeyView, type ModelInfo, type RequestPage } from '../api-types.js';
import { h } from '../dom.js';
import { formatCount, formatMs, formatTime, formatUsd } from '../format.js';
import { href } from '../router.js';
import { emptyState, load, pageHeader, statusBadge } from '../ui-parts.js';
import type { View } from '../view-context.js';
import { apiQuery, filterPanel, filtersOf, hasFilters, type Filters } from './request-filters.js';

export const renderRequests: View = (container, { api, route, signal }) => {
  const filters = filtersOf(route.query);
  const before = route.query.get('before') ?? '';
  const filterArea = h('div', { class: 'section-body' });
  const results = h('div', { class: 'section-body', 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => void loadPage() }, 'Refresh');
  container.append(pageHeader('Requests', refresh), h('section', { class: 'panel' }, filterArea), h('section', { class: 'panel', 'aria-label': 'Results' }, results));

  let keys: KeyView[] = [];
  const lookups = Promise.all([
    api.get('/admin/keys', decodeKeyList, signal).catch(() => [] as KeyView[]),
    api.get('/v1/models', decodeModels, signal).catch(() => [] as ModelInfo[]),
  ]);
  void load(filterArea, 'filters', signal, () => lookups, ([foundKeys, models]) => {
    keys = foundKeys;
    return filterPanel(filters, foundKeys, models);
  });

  const query = apiQuery(filters);
  if (before !== '') query.set('before', before);
  const loadPage = () =>
    load(results, 'requests', signal, async () => {
      const page = await api.get(`/admin/requests?${query.toString()}`, decodeRequestPage, signal);
      await lookups; // key names for the table
      return page;
    }, (page) => renderPage(page, filters, before, keys));
  void loadPage();
};

function renderPage(page: RequestPage, filters: Filters, before: string, keys: KeyView[]): HTMLElement {
  if (page.records.length === 0) {
    if (hasFilters(filters) || before !== '') return emptyState('No requests match these filters.', 'Widen the time range or clear a filter.');
    return emptyState('No requests yet.', ['Send one from the ', h('a', { href: href('playground') }, 'Playground'), '; it shows up here a moment after it finishes.']);
  }
  const names = new Map(keys.map((key) => [key.id, key.name]));
  const current = Object.fromEntries(Object.entries(filters));
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'data-table requests-table' },
      h('caption', { class: 'visually-hidden' }, 'Requests, newest first'),
      h('thead', {}, h('tr', {}, ...['Time', 'Model', 'Provider', 'Key', 'Status', 'Tokens in / out', 'Cost', 'Latency'].map((label, index) => h('th', { scope: 'col', class: index >= 5 ? 'number' : '' }, label)))),
      h(
        'tbody',
        {},
        ...page.records.map((record) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row', 'data-label': 'Time' }, h('a', { href: `#/requests/${encodeURIComponent(record.id)}`, title: `Details of ${record.id}` }, formatTime(record.createdAt))),
            h('td', { 'data-label': 'Model' }, record.model),
            h('td', { 'data-label': 'Provider' }, record.provider ?? h('span', { class: 'muted' }, 'not routed')),
            h('td', { 'data-label': 'Key' }, record.keyId === null ? h('span', { class: 'muted' }, 'master') : (names.get(record.keyId) ?? record.keyId)),
            h('td', { 'data-label': 'Status' }, statusBadge(record.status), record.errorCode === null ? null : h('span', { class: 'muted error-code' }, ` ${record.errorCode}`)),
            h('td', { class: 'number', 'data-label': 'Tokens in / out' }, `${formatCount(record.promptTokens)} / ${formatCount(record.completionTokens)}`),
            h('td', { class: 'number', 'data-label': 'Cost' }, formatUsd(record.costUsd)),
            h('td', { class: 'number', 'data-label': 'Latency' }, formatMs(record.latencyMs)),
          ),
        ),
      ),
    ),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      before === '' ? null : h('a', { class: 'button secondary', href: href('requests', current) }, '← Newest'),
      page.nextCursor === null ? h('span', { class: 'muted' }, 'End of the log') : h('a', { class: 'button secondary', href: href('requests', { ...current, before: page.nextCursor }) }, 'Older →'),
    ),
  );
}
