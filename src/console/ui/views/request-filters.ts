/**
 * The request log's filter form. Filters live in the hash (`#/requests?model=gpt-4o&range=24h`),
 * so a filtered view survives a reload and the back button walks through earlier filters.
 */
import type { KeyView, ModelInfo } from '../api-types.js';
import { h, uniqueId } from '../dom.js';
import { href } from '../router.js';
import { isNarrow } from '../ui-parts.js';

export const FILTER_NAMES = ['key', 'model', 'provider', 'status', 'range', 'from', 'to'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Record<FilterName, string>;

const RANGES: Array<[string, string]> = [['', 'Any time'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['custom', 'Custom…']];
const STATUSES: Array<[string, string]> = [['', 'Any status'], ['200', '200 OK'], ['400', '400 Bad request'], ['401', '401 Bad key'], ['403', '403 Forbidden'], ['404', '404 Not found'], ['429', '429 Limited'], ['499', '499 Client gone'], ['500', '500 Internal'], ['502', '502 Upstream'], ['503', '503 Unavailable'], ['504', '504 Timeout']];

export const filtersOf = (query: URLSearchParams): Filters =>
  Object.fromEntries(FILTER_NAMES.map((name) => [name, query.get(name) ?? ''])) as Filters;

export const hasFilters = (filters: Filters): boolean => FILTER_NAMES.some((name) => filters[name] !== '');

/** The /admin/requests query for these filters. */
export function apiQuery(filters: Filters): URLSearchParams {
  const query = new URLSearchParams({ limit: '50' });
  if (filters.key !== '') query.set('key_id', filters.key);
  if (filters.model !== '') query.set('model', filters.model);
  if (filters.provider !== '') query.set('provider', filters.provider);
  if (filters.status !== '') query.set('status', filters.status);
  if (filters.range === 'custom') {
    // datetime-local values are local times; the API wants instants.
    if (filters.from !== '') query.set('since', new Date(filters.from).toISOString());
    if (filters.to !== '') query.set('until', new Date(filters.to).toISOString());
  } else if (filters.range !== '') {
    query.set('since', filters.range);
  }
  return query;
}

/** The form in a disclosure: open on wide screens, and on phones only while filters are set. */
export function filterPanel(filters: Filters, keys: KeyView[], models: ModelInfo[]): HTMLElement {
  const active = FILTER_NAMES.filter((name) => name !== 'from' && name !== 'to' && filters[name] !== '').length;
  return h(
    'details',
    { class: 'filters-toggle', open: active > 0 || !isNarrow() },
    h('summary', {}, active === 0 ? 'Filters' : `Filters (${active} active)`),
    filterForm(filters, keys, models),
  );
}

function filterForm(filters: Filters, keys: KeyView[], models: ModelInfo[]): HTMLFormElement {
  const controls = new Map<FilterName, HTMLInputElement | HTMLSelectElement>();
  const field = (name: FilterName, label: string, control: HTMLInputElement | HTMLSelectElement) => {
    const id = uniqueId(`filter-${name}`);
    control.id = id;
    control.name = name;
    controls.set(name, control);
    return h('div', { class: `field field-${name}` }, h('label', { for: id }, label), control);
  };
  const select = (value: string, options: Array<[string, string]>) => h('select', {}, ...options.map(([optionValue, label]) => h('option', { value: optionValue, selected: optionValue === value }, label)));
  const modelList = uniqueId('filter-models');
  const providerList = uniqueId('filter-providers');
  const providers = [...new Set(models.map((model) => model.ownedBy))].sort();
  const keyOptions: Array<[string, string]> = [['', 'Any key'], ['master', 'Master key'], ...keys.map((key): [string, string] => [key.id, key.revokedAt === null ? key.name : `${key.name} (revoked)`])];

  const custom = h(
    'div',
    { class: 'field-row custom-range', hidden: filters.range !== 'custom' },
    field('from', 'From', h('input', { type: 'datetime-local', value: filters.from })),
    field('to', 'To', h('input', { type: 'datetime-local', value: filters.to })),
  );
  const range = select(filters.range, RANGES);
  range.addEventListener('change', () => {
    custom.hidden = range.value !== 'custom';
  });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter requests' },
    h(
      'div',
      { class: 'filter-grid' },
      field('key', 'Key', select(filters.key, keyOptions)),
      field('model', 'Model', h('input', { type: 'text', list: modelList, value: filters.model, autocomplete: 'off', placeholder: 'any' })),
      field('provider', 'Provider', h('input', { type: 'text', list: providerList, value: filters.provider, autocomplete: 'off', placeholder: 'any' })),
      field('status', 'Status', select(filters.status, STATUSES)),
      field('range', 'Time', range),
    ),
    custom,
    h('datalist', { id: modelList }, ...models.map((model) => h('option', { value: model.id }))),
    h('datalist', { id: providerList }, ...providers.map((provider) => h('option', { value: provider }))),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply filters'), h('a', { class: 'button secondary', href: href('requests') }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen: Record<string, string> = {};
    for (const [name, control] of controls) chosen[name] = control.value.trim();
    if (chosen.range !== 'custom') {
      chosen.from = '';
      chosen.to = '';
    }
    location.hash = href('requests', chosen);
  });
  return form;
}
