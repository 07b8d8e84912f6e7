// Sign in or create an account (then on to the checkout when the cart is waiting), or sign out.
import { api, ApiError } from '../shared/api';
import { h, mount, notice } from '../shared/dom';
import { clearFieldErrors, showFieldErrors } from '../shared/field-errors';
import { go, renderNav } from './main';
import { notificationPreferences } from './notification-prefs';
import { personalData } from './personal-data';
import { persist, state, type Session } from './state';

// Both forms share the page: the sign-up's ids differ, or its labels would point at the sign-in's fields.
function field(kind: 'login' | 'register', name: string, label: string, attrs: Record<string, unknown> = {}) {
  const id = kind === 'login' ? `acc-${name}` : `acc-new-${name}`;
  return h('div', h('label', { for: id }, label), h('input', { id, name, required: true, ...attrs }));
}

function form(kind: 'login' | 'register'): HTMLElement {
  const message = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, kind === 'login' ? 'Se connecter' : 'Créer mon compte');
  const el = h(
    'form.card',
    { 'aria-label': kind === 'login' ? 'Connexion' : 'Inscription' },
    h('h2', kind === 'login' ? 'J’ai un compte' : 'Je crée mon compte'),
    kind === 'register'
      ? h(
          'div.row',
          field(kind, 'firstName', 'Prénom', { autocomplete: 'given-name' }),
          field(kind, 'lastName', 'Nom', { autocomplete: 'family-name' }),
        )
      : null,
    field(kind, 'email', 'E-mail', { type: 'email', autocomplete: 'email' }),
    field(kind, 'password', 'Mot de passe', {
      type: 'password',
      autocomplete: kind === 'login' ? 'current-password' : 'new-password',
    }),
    kind === 'login' ? h('p', h('a', { href: '#/mot-de-passe/oublie' }, 'Mot de passe oublié ?')) : null,
    kind === 'register'
      ? field(kind, 'phone', 'Téléphone (pour le livreur)', {
          type: 'tel',
          autocomplete: 'tel',
          required: false,
        })
      : null,
    message,
    h('div.actions', submit),
  );
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(el as HTMLFormElement)) as Record<string, string>;
    (submit as HTMLButtonElement).disabled = true;
    clearFieldErrors(el);
    try {
      const session = await api<Session>(kind === 'login' ? '/auth/login' : '/customers', { body: data });
      state.session = { token: session.token, customer: session.customer };
      persist();
      go(state.cart.length > 0 && !state.editingOrderId ? '/commander' : '/commandes');
    } catch (error) {
      mount(message, notice('error', (error as ApiError).message));
      showFieldErrors(el, error as ApiError);
    } finally {
      (submit as HTMLButtonElement).disabled = false;
    }
  });
  return el;
}

/**
 * The account is gone (and forgotten by this browser): its own page says so, so that the menu's « Se connecter »
 * leads somewhere and a reload does not bring back a form of an account that no longer exists.
 */
export function accountErasedView(main: HTMLElement): void {
  mount(
    main,
    h('h1', 'Compte supprimé'),
    notice(
      'success',
      'Votre compte est supprimé et vos données personnelles sont effacées. Merci d’avoir commandé chez OC Pizza.',
    ),
    h('p', h('a', { href: '#/' }, 'Retour à l’accueil')),
  );
}

export function accountView(main: HTMLElement): void {
  if (state.session) {
    const { customer, token } = state.session;
    return mount(
      main,
      h('h1', `Bonjour ${customer.firstName}`),
      h('p', customer.email),
      h(
        'div.actions',
        h('a.button', { href: '#/commandes' }, 'Mes commandes'),
        h(
          'button.secondary',
          {
            type: 'button',
            on: {
              click: async () => {
                await api('/auth/logout', { method: 'POST', token }).catch(() => undefined);
                state.session = null;
                persist();
                renderNav();
                go('/');
              },
            },
          },
          'Se déconnecter',
        ),
      ),
      notificationPreferences(token),
      personalData(token, () => go('/compte-supprime')),
    );
  }
  mount(main, h('h1', 'Connexion'), h('div.grid', form('login'), form('register')));
}
