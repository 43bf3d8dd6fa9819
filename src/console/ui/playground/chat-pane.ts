/**
 * One column of the playground: a model picker and that model's conversation. Streaming text is
 * appended to a text node as it arrives; the transcript is an aria-live region marked busy while
 * an answer streams, so screen readers read the finished answer instead of every fragment.
 */
import type { ModelInfo } from '../api-types.js';
import { h } from '../dom.js';
import { answerFacts } from './answer-facts.js';
import type { Pane, Turn } from './playground-state.js';
import type { StreamDelta } from './stream-completion.js';

export interface AnswerView {
  append(delta: StreamDelta): void;
  update(): void;
}

export interface PaneView {
  element: HTMLElement;
  /** Shows a new exchange; the answer turn is filled in through the returned view. */
  startExchange(question: Turn, answer: Turn): AnswerView;
  setBusy(busy: boolean): void;
}

export interface PaneOptions {
  pane: Pane;
  position: number;
  models: ModelInfo[];
  removable: boolean;
  onRemove: () => void;
}

export function chatPane(options: PaneOptions): PaneView {
  const { pane, position } = options;
  const selectId = `pane-${pane.id}-model`;
  const select = modelSelect(options.models, pane.model);
  select.id = selectId;
  select.addEventListener('change', () => {
    pane.model = select.value;
    transcript.setAttribute('aria-label', `Conversation with ${pane.model}`);
  });
  const remove = options.removable ? h('button', { type: 'button', class: 'ghost small', 'aria-label': `Remove model ${position} from the comparison`, onclick: options.onRemove }, 'Remove') : null;
  const transcript = h('ol', { class: 'transcript', 'aria-live': 'polite', 'aria-label': `Conversation with ${pane.model}` });
  const empty = h('p', { class: 'pane-empty muted' }, 'Send a message to start.');
  const element = h(
    'section',
    { class: 'pane', 'aria-label': `Chat ${position}` },
    h(
      'div',
      { class: 'pane-header' },
      h('label', { for: selectId }, `Model ${position}`),
      select,
      remove,
    ),
    transcript,
    empty,
  );

  let following = true;
  transcript.addEventListener('scroll', () => {
    following = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 24;
  });

  // Follow the stream only while the reader is at the bottom; never scroll the page itself.
  const follow = () => {
    if (following) transcript.scrollTop = transcript.scrollHeight;
  };

  const addTurn = (turn: Turn): AnswerView => {
    empty.hidden = true;
    const text = document.createTextNode(turn.content);
    const reasoningText = document.createTextNode(turn.reasoning);
    const reasoning = h('details', { class: 'reasoning', hidden: turn.reasoning === '' }, h('summary', {}, 'Reasoning'), h('div', { class: 'reasoning-text' }, reasoningText));
    const status = h('div', { class: 'turn-status' });
    const item = h('li', { class: `turn turn-${turn.role}` }, h('p', { class: 'turn-role' }, turn.role === 'user' ? 'You' : pane.model), reasoning, h('div', { class: 'turn-text' }, text), status);
    transcript.append(item);
    const update = () => {
      reasoning.hidden = turn.reasoning === '';
      status.replaceChildren(
        turn.error === null ? '' : h('p', { class: 'form-error', role: 'alert' }, turn.error),
        turn.facts === null ? '' : answerFacts(turn.facts),
      );
      follow();
    };
    update();
    return {
      append(delta) {
        text.appendData(delta.content);
        reasoningText.appendData(delta.reasoning);
        if (delta.reasoning !== '') reasoning.hidden = false;
        follow();
      },
      update,
    };
  };
  for (const turn of pane.turns) addTurn(turn);

  return {
    element,
    startExchange(question, answer) {
      following = true; // a new question always brings the newest answer into view
      addTurn(question);
      return addTurn(answer);
    },
    setBusy(busy) {
      transcript.setAttribute('aria-busy', String(busy));
      select.disabled = busy;
      if (remove !== null) remove.disabled = busy;
    },
  };
}

/** Models grouped by the provider that serves them. */
function modelSelect(models: ModelInfo[], selected: string): HTMLSelectElement {
  const groups = new Map<string, ModelInfo[]>();
  for (const model of models) groups.set(model.ownedBy, [...(groups.get(model.ownedBy) ?? []), model]);
  return h(
    'select',
    {},
    ...[...groups].map(([provider, entries]) => h('optgroup', { label: provider }, ...entries.map((model) => h('option', { value: model.id, selected: model.id === selected }, model.id)))),
  );
}
