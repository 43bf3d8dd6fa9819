/** The playground's shared settings: system prompt, temperature and max tokens (empty = the model's default). */
import { h } from '../dom.js';
import { state } from '../playground/playground-state.js';
import { isNarrow } from '../ui-parts.js';

export function settingsPanel(): HTMLElement {
  const system = h('textarea', { id: 'playground-system', rows: 2, placeholder: 'You are a helpful assistant.' });
  system.value = state.system;
  system.addEventListener('input', () => (state.system = system.value));
  const temperature = h('input', { id: 'playground-temperature', type: 'number', min: 0, max: 2, step: 0.1, inputmode: 'decimal', placeholder: 'default', value: state.temperature });
  temperature.addEventListener('input', () => (state.temperature = temperature.value));
  const maxTokens = h('input', { id: 'playground-max-tokens', type: 'number', min: 1, step: 1, inputmode: 'numeric', placeholder: 'default', value: state.maxTokens });
  maxTokens.addEventListener('input', () => (state.maxTokens = maxTokens.value));
  return h(
    'details',
    // Collapsed on phones unless something is set: the conversation matters more on a small screen.
    { class: 'panel settings', open: !isNarrow() || state.system !== '' || state.temperature !== '' || state.maxTokens !== '' },
    h('summary', {}, 'System prompt and parameters'),
    h(
      'div',
      { class: 'settings-grid' },
      h('div', { class: 'field field-wide' }, h('label', { for: 'playground-system' }, 'System prompt'), system),
      h('div', { class: 'field' }, h('label', { for: 'playground-temperature' }, 'Temperature'), temperature),
      h('div', { class: 'field' }, h('label', { for: 'playground-max-tokens' }, 'Max tokens'), maxTokens),
    ),
  );
}

/** A numeric setting as sent to the API; empty or invalid = leave it to the model. */
export function numberSetting(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
