// The account page's choice of e-mails: order status e-mails on or off, saved at once; the note lists what is
// always sent, as the server states it.
import { api, type ApiError } from '../shared/api';
import { h, mount, notice } from '../shared/dom';

interface Preferences {
  statusEmails: boolean;
  alwaysSent: string[];
}

const ALWAYS =
  'La confirmation de commande, l’annulation, le remboursement et la réinitialisation du mot de passe sont toujours envoyés.';

export function notificationPreferences(token: string): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const note = h('p.muted', { id: 'acc-status-emails-note' }, ALWAYS);
  const box = h('input', {
    type: 'checkbox',
    id: 'acc-status-emails',
    name: 'statusEmails',
    disabled: true,
    'aria-describedby': 'acc-status-emails-note',
  }) as HTMLInputElement;
  const show = (p: Preferences) => {
    box.checked = p.statusEmails;
    box.disabled = false;
    note.textContent = `Toujours envoyés, quel que soit ce choix : ${p.alwaysSent.join(', ').toLowerCase()}.`;
  };
  box.addEventListener('change', async () => {
    const wanted = box.checked;
    box.disabled = true;
    try {
      show(
        await api<Preferences>('/me/notifications', {
          method: 'PATCH',
          token,
          body: { statusEmails: wanted },
        }),
      );
      mount(
        message,
        notice(
          'success',
          wanted ? 'Vous recevrez les e-mails de suivi de commande.' : 'E-mails de suivi de commande coupés.',
        ),
      );
    } catch (error) {
      box.checked = !wanted;
      box.disabled = false;
      mount(message, notice('error', (error as ApiError).message));
    }
  });
  api<Preferences>('/me/notifications', { token })
    .then(show)
    .catch((error: ApiError) => mount(message, notice('error', error.message)));
  return h(
    'section.card',
    { 'aria-labelledby': 'acc-emails-title' },
    h('h2', { id: 'acc-emails-title' }, 'E-mails'),
    h('label.choice', box, 'Recevoir les e-mails de suivi de commande (préparation, livraison)'),
    note,
    message,
  );
}
