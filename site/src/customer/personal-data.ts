// « Mes données personnelles » on the account page: the customer downloads everything we hold about them (the
// server names the file), or closes their account after typing their password again. What the erasure removes and
// what accounting keeps is said before they confirm; the server's refusals (wrong password, an order in progress)
// are shown next to the form and announced.
import { api, apiFile, type ApiError } from '../shared/api';
import { h, mount, notice } from '../shared/dom';
import { go } from './main';
import { forgetSession, persist, state } from './state';

const ERASED = [
  'votre compte : nom, prénom, e-mail, téléphone et mot de passe ;',
  'vos adresses enregistrées et vos préférences d’e-mails ;',
  'sur vos commandes passées : votre nom, votre téléphone, l’adresse et les instructions de livraison ;',
  'les copies des e-mails que nous vous avons envoyés ou allions vous envoyer.',
];

const KEPT =
  'Restent, sans votre nom ni vos coordonnées, ce que la loi nous oblige à garder pour la comptabilité : ' +
  'les montants, la TVA et les paiements de vos commandes (10 ans).';

/** Nothing of the closed account stays in this browser: session, delivery address, cart, order being changed. */
function forgetEverything(): void {
  forgetSession();
  state.context = null;
  state.cart = [];
  state.editingOrderId = null;
  state.pendingKey = null;
  persist();
}

function downloadButton(token: string, message: HTMLElement): HTMLElement {
  const button = h('button', { type: 'button' }, 'Télécharger mes données') as HTMLButtonElement;
  button.addEventListener('click', async () => {
    button.disabled = true;
    mount(message, notice('info', 'Préparation du fichier…'));
    try {
      const { blob, filename } = await apiFile('/me/export', { token, fallback: 'ocpizza-mes-donnees.json' });
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: filename, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click's task is over; the URL would only hold memory after.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      mount(message, notice('success', `Vos données ont été téléchargées (fichier ${filename}).`));
    } catch (error) {
      mount(message, notice('error', (error as ApiError).message));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function erasureForm(token: string, onErased: () => void, onCancel: () => void): HTMLFormElement {
  const password = h('input', {
    id: 'acc-erase-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'aria-describedby': 'acc-erase-warning',
  }) as HTMLInputElement;
  const message = h('div', { id: 'acc-erase-message' });
  const submit = h('button', { type: 'submit' }, 'Supprimer définitivement mon compte') as HTMLButtonElement;
  const form = h(
    'form',
    { id: 'acc-erase', 'aria-labelledby': 'acc-erase-title', hidden: true },
    h('h3', { id: 'acc-erase-title' }, 'Supprimer mon compte'),
    h(
      'div.notice.notice-info',
      { id: 'acc-erase-warning' },
      h('p', h('strong', 'La suppression est immédiate et définitive.'), ' Seront effacés :'),
      h(
        'ul',
        ERASED.map((item) => h('li', item)),
      ),
      h('p', KEPT),
      h('p', 'Une commande en cours doit d’abord être livrée, retirée ou annulée.'),
    ),
    h('label', { for: 'acc-erase-password' }, 'Mot de passe (pour confirmer)'),
    password,
    message,
    h('div.actions', submit, h('button.secondary', { type: 'button', on: { click: onCancel } }, 'Annuler')),
  ) as HTMLFormElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    password.removeAttribute('aria-invalid');
    password.setAttribute('aria-describedby', 'acc-erase-warning');
    mount(message);
    try {
      await api('/me', { method: 'DELETE', token, body: { password: password.value } });
      forgetEverything();
      onErased();
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 401) {
        forgetSession();
        go('/connexion');
        return;
      }
      mount(message, h('p.notice.notice-error', { id: 'acc-erase-error', role: 'alert' }, e.message));
      if (e.code === 'password_incorrect' || e.code === 'validation_failed') {
        password.setAttribute('aria-invalid', 'true');
        password.setAttribute('aria-describedby', 'acc-erase-error acc-erase-warning');
        password.select();
      }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The block of the account page; `onErased` shows the confirmation once the account is gone. */
export function personalData(token: string, onErased: () => void): HTMLElement {
  const downloadMessage = h('div', { 'aria-live': 'polite' });
  const toggle = h(
    'button.secondary',
    { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'acc-erase' },
    'Supprimer mon compte',
  ) as HTMLButtonElement;
  const open = (shown: boolean) => {
    form.hidden = !shown;
    toggle.setAttribute('aria-expanded', String(shown));
    if (shown) form.querySelector<HTMLInputElement>('#acc-erase-password')!.focus();
    else toggle.focus();
  };
  const form = erasureForm(token, onErased, () => open(false));
  toggle.addEventListener('click', () => open(form.hidden));
  return h(
    'section.card',
    { 'aria-labelledby': 'acc-data-title' },
    h('h2', { id: 'acc-data-title' }, 'Mes données personnelles'),
    h(
      'p',
      'Téléchargez tout ce que nous conservons sur vous (compte, adresses, commandes, paiements, préférences, ' +
        'connexions) dans un fichier JSON, ou supprimez votre compte. ',
      h('a', { href: '/confidentialite' }, 'Notre politique de confidentialité'),
      ' explique ce que nous gardons, pourquoi et combien de temps.',
    ),
    h('div.actions', downloadButton(token, downloadMessage), toggle),
    downloadMessage,
    form,
  );
}
