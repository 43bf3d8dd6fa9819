/** Keys: list, create (secret shown once), edit limits, revoke with confirmation. */
import type { ApiClient } from '../api-client.js';
import { decodeCreatedKey, decodeKey, decodeKeyList, decodeModels, type KeyView } from '../api-types.js';
import { confirmAction } from '../confirm-dialog.js';
import { h } from '../dom.js';
import { formatCount, formatTime, formatUsd } from '../format.js';
import { badge, emptyState, errorBox, load, pageHeader } from '../ui-parts.js';
import type { View } from '../view-context.js';
import { EMPTY_FORM, formValuesOf } from './key-form-values.js';
import { openKeyForm } from './key-form-dialog.js';
import { showKeySecret } from './key-secret-dialog.js';

export const renderKeys: View = (container, { api, signal }) => {
  const list = h('div', { class: 'section-body' });
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  let models: string[] = [];
  void api.get('/v1/models', decodeModels, signal).then((found) => (models = found.map((model) => model.id)), () => undefined);

  const refresh = () => load(list, 'keys', signal, () => api.get('/admin/keys', decodeKeyList, signal), (keys) => renderTable(keys));
  const create = async () => {
    const created = await openKeyForm(api, {
      title: 'Create a key',
      submitLabel: 'Create key',
      initial: EMPTY_FORM,
      compareWith: null,
      models,
      save: (client, body) => client.json('POST', '/admin/keys', body, decodeCreatedKey),
    });
    if (created === null) return;
    await refresh();
    await showKeySecret(created.key.name, created.secret);
  };
  const edit = async (key: KeyView) => {
    const initial = formValuesOf(key);
    const saved = await openKeyForm(api, {
      title: `Edit “${key.name}”`,
      submitLabel: 'Save changes',
      initial,
      compareWith: initial,
      models,
      save: (client, body) => client.json('PATCH', `/admin/keys/${encodeURIComponent(key.id)}`, body, decodeKey),
    });
    if (saved !== null) await refresh();
  };
  const revoke = async (key: KeyView) => {
    const confirmed = await confirmAction({
      title: `Revoke “${key.name}”?`,
      message: 'Every request with this key will be refused (401) from now on. This cannot be undone.',
      confirmLabel: 'Revoke key',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await revokeKey(api, key.id);
      notice.replaceChildren(h('p', { class: 'notice' }, `Key “${key.name}” revoked.`));
    } catch (error) {
      notice.replaceChildren(errorBox(`revoke “${key.name}”`, error));
    }
    await refresh();
  };

  const renderTable = (keys: KeyView[]) => {
    if (keys.length === 0) {
      return emptyState('No keys yet — create one.', 'Give each app or person its own key, with its own budget, rate limits and allowed models.', h('button', { type: 'button', class: 'primary', onclick: () => void create() }, 'Create key'));
    }
    return h(
      'table',
      { class: 'data-table keys-table' },
      h('caption', { class: 'visually-hidden' }, 'Virtual keys, newest first'),
      h('thead', {}, h('tr', {}, ...['Name', 'Models', 'Limits', 'Budget', 'Expires', 'Status', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...keys.map((key) => keyRow(key, edit, revoke))),
    );
  };

  container.append(pageHeader('Keys', h('button', { type: 'button', class: 'primary', onclick: () => void create() }, 'Create key')), notice, h('section', { class: 'panel' }, list));
  void refresh();
};

async function revokeKey(api: ApiClient, id: string): Promise<void> {
  await api.json('DELETE', `/admin/keys/${encodeURIComponent(id)}`, undefined, decodeKey);
}

function keyRow(key: KeyView, edit: (key: KeyView) => Promise<void>, revoke: (key: KeyView) => Promise<void>): HTMLTableRowElement {
  const expired = key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now();
  const status = key.revokedAt !== null ? badge('Revoked', 'bad') : expired ? badge('Expired', 'warn') : badge('Active', 'good');
  const limits = [key.rpm === null ? null : `${formatCount(key.rpm)} RPM`, key.tpm === null ? null : `${formatCount(key.tpm)} TPM`].filter((part) => part !== null);
  const budget = key.budgetUsd === null ? `${formatUsd(key.spendUsd)} spent` : `${formatUsd(key.spendUsd)} of ${formatUsd(key.budgetUsd)}${key.budgetPeriod === null ? '' : ` per ${key.budgetPeriod}`}`;
  const active = key.revokedAt === null;
  return h(
    'tr',
    { class: active ? '' : 'row-muted', 'data-key-id': key.id },
    h('th', { scope: 'row', 'data-label': 'Name' }, h('div', {}, h('span', { class: 'key-name' }, key.name), h('code', { class: 'key-prefix', title: 'The first characters of the secret' }, `${key.keyPrefix}…`))),
    h('td', { 'data-label': 'Models' }, key.models === null ? h('span', { class: 'muted' }, 'all') : key.models.join(', ')),
    h('td', { 'data-label': 'Limits' }, limits.length === 0 ? h('span', { class: 'muted' }, 'none') : limits.join(' · ')),
    h('td', { 'data-label': 'Budget' }, budget),
    // The form picks a UTC day, so the table shows that day (the exact instant is in the tooltip).
    h('td', { 'data-label': 'Expires' }, key.expiresAt === null ? h('span', { class: 'muted' }, 'never') : h('span', { title: formatTime(key.expiresAt) }, `after ${key.expiresAt.slice(0, 10)}`)),
    h('td', { 'data-label': 'Status' }, status),
    h(
      'td',
      { class: 'row-actions', 'data-label': 'Actions' },
      active ? h('button', { type: 'button', class: 'secondary small', 'aria-label': `Edit ${key.name}`, onclick: () => void edit(key) }, 'Edit') : null,
      active ? h('button', { type: 'button', class: 'danger-outline small', 'aria-label': `Revoke ${key.name}`, onclick: () => void revoke(key) }, 'Revoke') : null,
    ),
  );
}
