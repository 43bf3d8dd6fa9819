/** The create / edit key form in a modal dialog. Resolves with the server's answer, or null when cancelled. */
import type { ApiClient } from '../api-client.js';
import { h, uniqueId } from '../dom.js';
import { messageOf } from '../ui-parts.js';
import { keyBody, type KeyFormValues, type PeriodChoice } from './key-form-values.js';

export interface KeyFormOptions<T> {
  title: string;
  submitLabel: string;
  initial: KeyFormValues;
  /** null when creating: everything filled in is sent. */
  compareWith: KeyFormValues | null;
  /** Model names for the suggestions list. */
  models: string[];
  save: (api: ApiClient, body: Record<string, unknown>) => Promise<T>;
}

export function openKeyForm<T>(api: ApiClient, options: KeyFormOptions<T>): Promise<T | null> {
  return new Promise((resolve) => {
    let result: T | null = null;
    const inputs = new Map<keyof KeyFormValues, HTMLInputElement | HTMLSelectElement>();
    const listId = uniqueId('model-suggestions');
    const field = (name: keyof KeyFormValues, label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string) => {
      const id = uniqueId(`key-${name}`);
      control.id = id;
      control.name = name;
      inputs.set(name, control);
      const hintId = `${id}-hint`;
      if (hint !== undefined) control.setAttribute('aria-describedby', hintId);
      return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint === undefined ? null : h('p', { class: 'hint', id: hintId }, hint));
    };
    const number = (value: string, step: string, placeholder: string) => h('input', { type: 'number', min: 0, step, inputmode: step === '1' ? 'numeric' : 'decimal', placeholder, value });
    const period = h(
      'select',
      {},
      ...([['', 'Lifetime (never resets)'], ['day', 'Per day'], ['week', 'Per week'], ['month', 'Per month']] as Array<[PeriodChoice, string]>).map(([value, label]) =>
        h('option', { value, selected: options.initial.budgetPeriod === value }, label),
      ),
    );
    const error = h('p', { class: 'form-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, options.submitLabel);
    const titleId = uniqueId('key-form-title');
    const form = h(
      'form',
      { class: 'key-form', novalidate: true },
      h('h2', { id: titleId }, options.title),
      field('name', 'Name', h('input', { type: 'text', required: true, maxlength: 200, autocomplete: 'off', value: options.initial.name, placeholder: 'e.g. search-service' })),
      field('models', 'Allowed models', h('input', { type: 'text', list: listId, autocomplete: 'off', value: options.initial.models, placeholder: 'every model' }), 'Comma-separated model names or provider patterns such as anthropic/*. Empty = every model.'),
      h('datalist', { id: listId }, ...options.models.map((model) => h('option', { value: model }))),
      h(
        'div',
        { class: 'field-row' },
        field('budgetUsd', 'Budget (USD)', number(options.initial.budgetUsd, '0.01', 'no budget')),
        field('budgetPeriod', 'Budget period', period),
      ),
      h(
        'div',
        { class: 'field-row' },
        field('rpm', 'Requests per minute', number(options.initial.rpm, '1', 'unlimited')),
        field('tpm', 'Tokens per minute', number(options.initial.tpm, '1', 'unlimited')),
      ),
      field('expires', 'Expires after (UTC day)', h('input', { type: 'date', value: options.initial.expires }), 'Empty = never expires.'),
      error,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'), submit),
    );
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);

    const values = (): KeyFormValues => {
      const read = (name: keyof KeyFormValues) => inputs.get(name)?.value ?? '';
      const choice = read('budgetPeriod');
      return {
        name: read('name'),
        models: read('models'),
        budgetUsd: read('budgetUsd'),
        budgetPeriod: choice === 'day' || choice === 'week' || choice === 'month' ? choice : '',
        rpm: read('rpm'),
        tpm: read('tpm'),
        expires: read('expires'),
      };
    };
    const showError = (message: string, name: keyof KeyFormValues | null) => {
      error.textContent = message;
      for (const [fieldName, input] of inputs) {
        if (fieldName === name) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
      (name === null ? submit : inputs.get(name))?.focus();
    };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const outcome = keyBody(values(), options.compareWith);
      if (!outcome.ok) return showError(outcome.message, outcome.field);
      if (options.compareWith !== null && Object.keys(outcome.body).length === 0) return dialog.close();
      submit.disabled = true;
      options
        .save(api, outcome.body)
        .then((saved) => {
          result = saved;
          dialog.close();
        })
        .catch((failure: unknown) => showError(messageOf(failure), null))
        .finally(() => {
          submit.disabled = false;
        });
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
