/**
 * Playground: chat with any model this gateway serves, streamed; add more models to send the same
 * message to all of them at once and watch them answer side by side. Tokens come from the stream's
 * usage chunk, the cost from the request's usage record — exactly what the gateway metered.
 */
import { isAbort, type ApiClient } from '../api-client.js';
import { decodeModels, type ModelInfo } from '../api-types.js';
import { h } from '../dom.js';
import { chatPane, type PaneView } from '../playground/chat-pane.js';
import { fetchUsageRecord } from '../playground/fetch-usage-record.js';
import { addPane, historyOf, MAX_PANES, state, type Pane, type Turn } from '../playground/playground-state.js';
import { streamCompletion } from '../playground/stream-completion.js';
import { emptyState, load, messageOf, pageHeader } from '../ui-parts.js';
import type { View } from '../view-context.js';
import { settingsPanel, numberSetting } from './playground-settings.js';

export const renderPlayground: View = (container, { api, signal }) => {
  const area = h('div', { class: 'section-body' });
  container.append(pageHeader('Playground'), area);
  void load(area, 'models', signal, () => api.get('/v1/models', decodeModels, signal), (models) =>
    models.length === 0
      ? emptyState('No models to try.', 'No provider is configured. Set a provider key such as OPENAI_API_KEY (or add providers to the config file) and restart; `switchyard check` tells what is missing.')
      : playground(api, models, signal),
  );
};

function playground(api: ApiClient, models: ModelInfo[], signal: AbortSignal): HTMLElement {
  if (state.panes.length === 0) addPane(models[0]?.id ?? '');
  const panesArea = h('div', { class: 'panes' });
  const views = new Map<Pane, PaneView>();
  let running: AbortController | null = null;

  const renderPanes = () => {
    views.clear();
    panesArea.replaceChildren(
      ...state.panes.map((pane, index) => {
        const view = chatPane({ pane, position: index + 1, models, removable: state.panes.length > 1, onRemove: () => removePane(pane) });
        views.set(pane, view);
        return view.element;
      }),
    );
    panesArea.dataset.count = String(state.panes.length);
    addButton.hidden = state.panes.length >= MAX_PANES;
  };
  const removePane = (pane: Pane) => {
    state.panes = state.panes.filter((entry) => entry !== pane);
    renderPanes();
    addButton.focus();
  };
  const addButton = h('button', { type: 'button', class: 'secondary', onclick: () => {
    // Start the new column on a model not on screen yet: comparing a model with itself is rarely the point.
    const used = new Set(state.panes.map((pane) => pane.model));
    addPane(models.find((model) => !used.has(model.id))?.id ?? models[0]?.id ?? '');
    renderPanes();
    panesArea.querySelector<HTMLSelectElement>('.pane:last-child select')?.focus();
  } }, '+ Compare with another model');

  const message = h('textarea', { id: 'playground-message', rows: 3, placeholder: 'Ask something…', 'aria-describedby': 'playground-message-hint' });
  message.value = state.draft;
  message.addEventListener('input', () => (state.draft = message.value));
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send');
  const stop = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => running?.abort() }, 'Stop');
  const clear = h('button', { type: 'button', class: 'ghost', onclick: () => {
    for (const pane of state.panes) pane.turns = [];
    renderPanes();
    message.focus();
  } }, 'New chat');
  const composer = h(
    'form',
    { class: 'composer' },
    h('label', { for: 'playground-message' }, 'Message'),
    message,
    h('p', { id: 'playground-message-hint', class: 'hint' }, 'Ctrl+Enter (⌘+Enter) sends to every model above; Escape stops.'),
    h('div', { class: 'composer-actions' }, clear, stop, send),
  );
  message.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      composer.requestSubmit();
    } else if (event.key === 'Escape' && running !== null) {
      running.abort();
    }
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = message.value.trim();
    if (text === '' || running !== null) return;
    const controller = new AbortController();
    running = controller;
    const leave = () => controller.abort();
    signal.addEventListener('abort', leave, { once: true });
    message.value = '';
    state.draft = '';
    setRunning(true);
    const options = { temperature: numberSetting(state.temperature), maxTokens: numberSetting(state.maxTokens) };
    void Promise.all(state.panes.map((pane) => ask(api, pane, views.get(pane), text, options, controller.signal))).finally(() => {
      signal.removeEventListener('abort', leave);
      running = null;
      setRunning(false);
    });
  });
  const setRunning = (busy: boolean) => {
    send.disabled = busy;
    stop.hidden = !busy;
    addButton.disabled = busy;
    for (const view of views.values()) view.setBusy(busy);
  };

  renderPanes();
  return h('div', { class: 'playground' }, settingsPanel(), panesArea, h('div', { class: 'compare-row' }, addButton), composer);
}

interface AskOptions {
  temperature: number | null;
  maxTokens: number | null;
}

/** One model's answer to the message: stream it, then fetch what was metered. */
async function ask(api: ApiClient, pane: Pane, view: PaneView | undefined, text: string, options: AskOptions, signal: AbortSignal): Promise<void> {
  const messages = [...historyOf(pane), { role: 'user' as const, content: text }];
  const question: Turn = { role: 'user', content: text, reasoning: '', error: null, facts: null };
  const answer: Turn = { role: 'assistant', content: '', reasoning: '', error: null, facts: null };
  pane.turns.push(question, answer);
  const answerView = view?.startExchange(question, answer);
  try {
    const outcome = await streamCompletion(api, { model: pane.model, messages, ...options }, signal, (delta) => {
      answer.content += delta.content;
      answer.reasoning += delta.reasoning;
      answerView?.append(delta);
    });
    answer.facts = {
      provider: outcome.provider,
      upstreamModel: outcome.upstreamModel,
      promptTokens: outcome.promptTokens,
      completionTokens: outcome.completionTokens,
      costUsd: null,
      metered: false,
      latencyMs: outcome.totalMs,
      firstTokenMs: outcome.firstTokenMs,
      requestId: outcome.requestId,
    };
    answerView?.update();
    if (outcome.requestId === null) return;
    const record = await fetchUsageRecord(api, outcome.requestId, signal).catch(() => null);
    if (record === null) return;
    answer.facts = {
      ...answer.facts,
      promptTokens: record.promptTokens,
      completionTokens: record.completionTokens,
      costUsd: record.costUsd,
      metered: true,
      latencyMs: record.latencyMs,
      firstTokenMs: record.ttftMs,
    };
  } catch (error) {
    // A stopped answer stays on screen but is left out of the history sent next time (see historyOf).
    answer.error = isAbort(error) ? 'Stopped.' : messageOf(error);
  } finally {
    answerView?.update();
  }
}
