/** A modal yes/no question on a native <dialog> (focus trap, Escape to cancel, focus restored). */
import { h } from './dom.js';

export interface Confirmation {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

export function confirmAction(question: Confirmation): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = `confirm-title-${Date.now()}`;
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, question.title),
      h('p', {}, question.message),
      h(
        'form',
        { method: 'dialog', class: 'dialog-actions' },
        // Cancel first and focused: Enter on a stray keypress never confirms something destructive.
        h('button', { value: 'cancel', class: 'secondary', autofocus: true }, 'Cancel'),
        h('button', { value: 'confirm', class: question.danger === true ? 'danger' : 'primary' }, question.confirmLabel),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
