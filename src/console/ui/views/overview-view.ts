/** Overview: requests, tokens and spend for today / 7 / 30 days, spend per day by model, provider health. */
import { decodeDailySpend, decodeOverview, decodeProviderHealth, type Overview, type ProviderHealth, type Totals } from '../api-types.js';
import { h } from '../dom.js';
import { formatCompact, formatCount, formatMs, formatPercent, formatUsd, lastUtcDays } from '../format.js';
import { href } from '../router.js';
import { emptyState, load, pageHeader } from '../ui-parts.js';
import type { View } from '../view-context.js';
import { spendChart } from './spend-chart.js';

const RANGES = [7, 14, 30, 90] as const;

export const renderOverview: View = (container, { api, route, signal }) => {
  const requested = Number(route.query.get('days'));
  const days = RANGES.find((range) => range === requested) ?? 30;
  const dayList = lastUtcDays(new Date(), days);
  const since = dayList[0] ?? '';

  const totals = h('div', { class: 'section-body' });
  const chart = h('div', { class: 'section-body' });
  const providers = h('div', { class: 'section-body' });
  const range = h('select', { id: 'overview-range', onchange: () => (location.hash = href('overview', { days: range.value })) }, ...RANGES.map((value) => h('option', { value, selected: value === days }, `Last ${value} days`)));
  const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => void loadAll() }, 'Refresh');

  container.append(
    pageHeader('Overview', refresh),
    h('section', { 'aria-labelledby': 'totals-heading' }, h('h2', { id: 'totals-heading', class: 'visually-hidden' }, 'Totals'), totals),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'spend-heading' },
      h('div', { class: 'panel-header' }, h('h2', { id: 'spend-heading' }, 'Spend per day'), h('div', { class: 'inline-field' }, h('label', { for: 'overview-range' }, 'Range'), range)),
      chart,
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'providers-heading' }, h('h2', { id: 'providers-heading' }, `Providers, last ${days} days`), providers),
  );

  const loadAll = () =>
    Promise.all([
      load(totals, 'totals', signal, () => api.get('/admin/overview', decodeOverview, signal), renderTotals),
      load(chart, 'daily spend', signal, () => api.get(`/admin/overview/daily-spend?since=${since}`, decodeDailySpend, signal), (rows) =>
        rows.length === 0 ? emptyState('No spend in this range.', 'Requests appear here a moment after they finish.') : spendChart(rows, dayList, signal),
      ),
      load(providers, 'provider health', signal, () => api.get(`/admin/overview/providers?since=${since}`, decodeProviderHealth, signal), renderProviders),
    ]);
  void loadAll();
};

function renderTotals(overview: Overview): HTMLElement {
  const cards = h(
    'div',
    { class: 'stat-grid' },
    statCard('Today', overview.today),
    statCard('Last 7 days', overview.last7Days),
    statCard('Last 30 days', overview.last30Days),
  );
  if (overview.last30Days.requests > 0) return cards;
  return h(
    'div',
    {},
    cards,
    emptyState(
      'No requests yet.',
      ['Send one from the ', h('a', { href: href('playground') }, 'Playground'), ', or point any OpenAI client at ', h('code', {}, `${location.origin}/v1`), ' with a key from ', h('a', { href: href('keys') }, 'Keys'), '.'],
    ),
  );
}

function statCard(title: string, totals: Totals): HTMLElement {
  const tokens = totals.promptTokens + totals.completionTokens;
  const errorRate = totals.requests === 0 ? 0 : totals.errors / totals.requests;
  return h(
    'article',
    { class: 'stat-card' },
    h('h3', {}, title),
    h('p', { class: 'stat-value', title: `${formatUsd(totals.costUsd)} over priced requests` }, formatUsd(totals.costUsd)),
    h(
      'dl',
      { class: 'stat-details' },
      h('div', {}, h('dt', {}, 'Requests'), h('dd', {}, formatCount(totals.requests))),
      h('div', {}, h('dt', {}, 'Tokens'), h('dd', { title: `${formatCount(totals.promptTokens)} in, ${formatCount(totals.completionTokens)} out` }, formatCompact(tokens))),
      h('div', {}, h('dt', {}, 'Errors'), h('dd', { class: errorRate > 0.05 ? 'text-bad' : '' }, formatPercent(errorRate))),
    ),
    totals.unpricedRequests > 0 ? h('p', { class: 'hint' }, `${formatCount(totals.unpricedRequests)} unpriced requests not in spend`) : null,
  );
}

function renderProviders(rows: ProviderHealth[]): HTMLElement {
  if (rows.length === 0) return emptyState('No provider traffic in this range.', 'Error rates and latencies appear once requests have been served.');
  return h(
    'table',
    { class: 'data-table' },
    h('thead', {}, h('tr', {}, ...['Provider', 'Requests', 'Error rate', 'p50 latency', 'p95 latency'].map((label, index) => h('th', { scope: 'col', class: index === 0 ? '' : 'number' }, label)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': 'Provider' }, row.provider ?? h('span', { class: 'muted', title: 'Refused before any provider was called (unknown model, limits, bad request)' }, 'not routed')),
          h('td', { class: 'number', 'data-label': 'Requests' }, formatCount(row.requests)),
          h('td', { class: `number ${row.errorRate > 0.05 ? 'text-bad' : ''}`, 'data-label': 'Error rate' }, formatPercent(row.errorRate)),
          h('td', { class: 'number', 'data-label': 'p50 latency' }, formatMs(row.p50LatencyMs)),
          h('td', { class: 'number', 'data-label': 'p95 latency' }, formatMs(row.p95LatencyMs)),
        ),
      ),
    ),
  );
}
