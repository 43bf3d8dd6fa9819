/** One request: tokens, cost, latency, time to first token, the deployment, retries and fallbacks. */
import { decodeKey, decodeRequest, type RequestRecord } from '../api-types.js';
import { h, type Child } from '../dom.js';
import { formatCount, formatMs, formatTime, formatUsd } from '../format.js';
import { href } from '../router.js';
import { load, pageHeader, statusBadge } from '../ui-parts.js';
import type { View } from '../view-context.js';

export const renderRequestDetail: View = (container, { api, route, signal }) => {
  const id = route.id ?? '';
  const body = h('div', { class: 'section-body' });
  container.append(
    h('p', { class: 'back' }, h('a', { href: href('requests') }, '← Request log')),
    pageHeader('Request details'),
    body,
  );
  void load(body, 'the request', signal, async () => {
    const record = await api.get(`/admin/requests/${encodeURIComponent(id)}`, decodeRequest, signal);
    const keyName = record.keyId === null ? 'master key' : await api.get(`/admin/keys/${encodeURIComponent(record.keyId)}`, decodeKey, signal).then((key) => key.name, () => record.keyId ?? '');
    return { record, keyName };
  }, ({ record, keyName }) => details(record, keyName));
};

const DOOR_NAMES: Record<string, string> = {
  chat: 'Chat Completions (/v1/chat/completions)',
  messages: 'Anthropic Messages (/v1/messages)',
  responses: 'Responses (/v1/responses)',
  embeddings: 'Embeddings (/v1/embeddings)',
};

function details(record: RequestRecord, keyName: string): HTMLElement {
  const deployment = record.provider === null ? h('span', { class: 'muted' }, 'none (refused before any provider was called)') : `${record.provider} / ${record.upstreamModel ?? '?'}`;
  return h(
    'div',
    { class: 'detail-groups' },
    group('Request', [
      ['Request id', h('code', {}, record.id)],
      ['Time', formatTime(record.createdAt)],
      ['Key', keyName],
      ['API', DOOR_NAMES[record.door] ?? record.door],
      ['Model asked for', h('a', { href: href('requests', { model: record.model }) }, record.model)],
      ['Deployment', deployment],
      ['Status', statusLine(record)],
      ['Streamed', record.stream ? 'yes' : 'no'],
    ]),
    group('Tokens', [
      ['Prompt', formatCount(record.promptTokens)],
      ['Completion', formatCount(record.completionTokens)],
      ['Cached prompt', formatCount(record.cachedTokens)],
      ['Cache write', formatCount(record.cacheWriteTokens)],
      ['Reasoning', formatCount(record.reasoningTokens)],
    ]),
    group('Cost and timing', [
      ['Cost', record.costUsd === null ? h('span', { class: 'muted' }, 'unpriced (no known price for this model)') : formatUsd(record.costUsd)],
      ['Latency', formatMs(record.latencyMs)],
      ['Time to first token', record.ttftMs === null ? h('span', { class: 'muted' }, '—') : formatMs(record.ttftMs)],
      ['Retries', formatCount(record.retries)],
      ['Fallbacks', formatCount(record.fallbacks)],
    ]),
  );
}

function group(title: string, rows: Array<[string, Child]>): HTMLElement {
  const id = `detail-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return h(
    'section',
    { class: 'panel detail-group', 'aria-labelledby': id },
    h('h2', { id }, title),
    h('dl', { class: 'detail-list' }, ...rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
  );
}

function statusLine(record: RequestRecord): HTMLElement {
  return h('span', {}, statusBadge(record.status), record.errorCode === null ? null : h('code', { class: 'error-code' }, record.errorCode));
}
