/** Shows a new key's secret exactly once, with a copy button; the store keeps only its hash. */
import { h, uniqueId } from '../dom.js';

export function showKeySecret(name: string, secret: string): Promise<void> {
  return new Promise((resolve) => {
    const inputId = uniqueId('secret');
    const titleId = uniqueId('secret-title');
    const input = h('input', { id: inputId, class: 'secret', type: 'text', readonly: true, value: secret, spellcheck: 'false', autocomplete: 'off' });
    const status = h('p', { class: 'hint', role: 'status' });
    const copy = h('button', { type: 'button', class: 'primary', onclick: () => void copySecret(input, status) }, 'Copy');
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, 'Key created'),
      h('p', {}, 'Copy this key now. It is shown only once: Switchyard keeps only a hash of it.'),
      h('label', { for: inputId }, `Secret key for “${name}”`),
      h('div', { class: 'copy-row' }, input, copy),
      status,
      h('form', { method: 'dialog', class: 'dialog-actions' }, h('button', { class: 'secondary' }, 'Done')),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve();
    });
    document.body.append(dialog);
    dialog.showModal();
    input.select();
    copy.focus();
  });
}

async function copySecret(input: HTMLInputElement, status: HTMLElement): Promise<void> {
  input.select();
  try {
    // Needs a secure context (https, localhost or 127.0.0.1); elsewhere the old command still works.
    if (navigator.clipboard === undefined) throw new Error('no async clipboard');
    await navigator.clipboard.writeText(input.value);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    status.textContent = document.execCommand('copy') ? 'Copied to the clipboard.' : 'Select the key and copy it with Ctrl+C (⌘C on a Mac).';
  }
}
