/** The sign-in form: checks the master key against the admin API before keeping it for this tab. */
import { verifyMasterKey } from '../api-client.js';
import { h, replaceChildren } from '../dom.js';
import { messageOf } from '../ui-parts.js';

export function renderSignIn(root: HTMLElement, notice: string | null, onSignedIn: (key: string) => void): void {
  document.title = 'Sign in · Switchyard';
  const input = h('input', {
    id: 'master-key',
    name: 'master-key',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
    spellcheck: 'false',
    'aria-describedby': 'master-key-hint',
  });
  const error = h('p', { id: 'sign-in-error', class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in card', novalidate: true },
    h('h1', {}, h('img', { src: '/ui/favicon.svg', alt: '', width: 32, height: 32 }), 'Switchyard console'),
    notice === null ? null : h('p', { class: 'notice', role: 'status' }, notice),
    h('label', { for: 'master-key' }, 'Master key'),
    input,
    h(
      'p',
      { id: 'master-key-hint', class: 'hint' },
      'The master key was printed when the gateway started (or it is the value of SWITCHYARD_MASTER_KEY). ',
      'It stays in this tab only and is sent only to this gateway.',
    ),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') {
      error.textContent = 'Enter the master key.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    verifyMasterKey(key)
      .then(() => onSignedIn(key))
      .catch((failure: unknown) => {
        error.textContent = messageOf(failure);
        input.setAttribute('aria-invalid', 'true');
        input.select();
        input.focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  replaceChildren(root, h('main', { class: 'sign-in-page', id: 'main' }, form));
  input.focus();
}
