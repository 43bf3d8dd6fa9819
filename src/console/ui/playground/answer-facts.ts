/** The line under each answer: deployment, tokens, cost (as metered), latency, link to the log entry. */
import { h } from '../dom.js';
import { formatCount, formatMs, formatUsd } from '../format.js';
import type { AnswerFacts } from './playground-state.js';

export function answerFacts(facts: AnswerFacts): HTMLElement {
  const parts: Array<HTMLElement | string> = [];
  if (facts.provider !== null) parts.push(h('span', { title: 'The deployment that answered' }, `${facts.provider}${facts.upstreamModel === null ? '' : ` / ${facts.upstreamModel}`}`));
  if (facts.promptTokens !== null || facts.completionTokens !== null) {
    parts.push(h('span', { class: 'answer-tokens' }, `${formatCount(facts.promptTokens ?? 0)} in · ${formatCount(facts.completionTokens ?? 0)} out tokens`));
  }
  if (facts.metered) parts.push(h('span', { class: 'answer-cost', title: 'As metered in the usage log' }, facts.costUsd === null ? 'unpriced' : formatUsd(facts.costUsd)));
  else parts.push(h('span', { class: 'muted' }, facts.requestId === null ? 'cost unknown' : 'cost pending…'));
  if (facts.latencyMs !== null) parts.push(h('span', {}, formatMs(facts.latencyMs)));
  if (facts.firstTokenMs !== null) parts.push(h('span', {}, `first token ${formatMs(facts.firstTokenMs)}`));
  if (facts.requestId !== null && facts.metered) parts.push(h('a', { href: `#/requests/${encodeURIComponent(facts.requestId)}` }, 'details'));
  const line = h('p', { class: 'answer-facts' });
  parts.forEach((part, index) => {
    if (index > 0) line.append(h('span', { class: 'separator', 'aria-hidden': 'true' }, ' · '));
    line.append(part);
  });
  return line;
}
