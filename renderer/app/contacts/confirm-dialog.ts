import { byId } from '../common/dom';

/**
 * Asks a yes/no question in the page's modal `<dialog id="confirm">` (focus stays inside it; Escape
 * cancels). Cancel has the focus first: a destructive choice needs a deliberate move.
 */
export function confirmAction(question: string, note: string): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('confirm');
  byId('confirm-text').textContent = question;
  byId('confirm-note').textContent = note;
  const ok = byId<HTMLButtonElement>('confirm-ok');
  const cancel = byId<HTMLButtonElement>('confirm-cancel');
  return new Promise((resolve) => {
    const settle = (answer: boolean): void => {
      ok.removeEventListener('click', yes);
      cancel.removeEventListener('click', no);
      dialog.removeEventListener('close', no);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const yes = (): void => settle(true);
    const no = (): void => settle(false);
    ok.addEventListener('click', yes);
    cancel.addEventListener('click', no);
    dialog.addEventListener('close', no);
    dialog.showModal();
    cancel.focus();
  });
}
