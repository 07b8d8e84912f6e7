// The signed-in employee: the token and employee kept under the 'staff' key, the login form, the logout, and
// the API call of every screen, which sends the token and brings the login form back on any 401.
import { api, ApiError, type RequestOptions } from '../shared/api';
import { h, mount, notice } from '../shared/dom';
import { load, save } from '../shared/store';
import type { Session } from './types';

const EXPIRED = 'Votre session a expiré : reconnectez-vous.';

export function currentSession(): Session | null {
  const session = load<Session | null>('staff', null);
  if (!session?.token || !session.employee) return null;
  // An expired token would only earn 401s: ask for the password straight away.
  if (new Date(session.expiresAt).getTime() <= Date.now()) return null;
  return session;
}

let signedOutHandler: (message: string) => void = () => {};

/** What the page does when the session ends (logout, expiry, revoked token). */
export function onSignedOut(handler: (message: string) => void): void {
  signedOutHandler = handler;
}

function signedOut(message: string): void {
  save('staff', null);
  signedOutHandler(message);
}

export async function staffApi<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
  const session = currentSession();
  if (!session) {
    signedOut(EXPIRED);
    throw new ApiError(401, 'unauthenticated', EXPIRED);
  }
  try {
    return await api<T>(path, { ...options, token: session.token });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut(EXPIRED);
    throw error;
  }
}

export async function logout(): Promise<void> {
  const session = currentSession();
  // The token is revoked on the server; signing out locally must work even when the network does not.
  if (session) await api('/staff/logout', { method: 'POST', token: session.token }).catch(() => undefined);
  signedOut('Vous êtes déconnecté.');
}

/** The login form; keeps what was typed when the server refuses. */
export function loginForm(root: HTMLElement, onSignedIn: (session: Session) => void, message?: string): void {
  const email = h('input', {
    id: 'staff-email',
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    id: 'staff-password',
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  }) as HTMLInputElement;
  const submit = h('button', { type: 'submit' }, 'Se connecter') as HTMLButtonElement;
  const feedback = h('div.feedback', message ? notice('info', message) : null);
  const form = h(
    'form.card.login',
    {
      on: {
        submit: async (event: SubmitEvent) => {
          event.preventDefault();
          submit.disabled = true;
          submit.textContent = 'Connexion…';
          mount(feedback);
          try {
            const session = await api<Session>('/staff/login', {
              body: { email: (email as HTMLInputElement).value, password: password.value },
            });
            save('staff', session);
            onSignedIn(session);
          } catch (error) {
            mount(feedback, notice('error', (error as Error).message));
            submit.disabled = false;
            submit.textContent = 'Se connecter';
            password.focus();
          }
        },
      },
    },
    h('h1', 'Connexion du personnel'),
    feedback,
    h('label', { for: 'staff-email' }, 'Adresse e-mail'),
    email,
    h('label', { for: 'staff-password' }, 'Mot de passe'),
    password,
    h('p', h('a', { href: '#/mot-de-passe/oublie' }, 'Mot de passe oublié ?')),
    h('div.actions', submit),
  );
  mount(root, form);
  email.focus();
}
