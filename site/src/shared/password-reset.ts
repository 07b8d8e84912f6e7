// « Mot de passe oublié », the same two pages on the customer site and on /personnel: ask for a link by e-mail,
// then choose a new password from the link (#/mot-de-passe/nouveau?jeton=…). The server checks everything;
// the page only makes sure both fields say the same thing before sending.
import { PASSWORD_RULE } from '../../../src/modules/customers/password-rule';
import { api, ApiError } from './api';
import { h, mount, notice } from './dom';
import { clearFieldErrors, showFieldErrors } from './field-errors';

export interface ResetPages {
  /** `/auth/password-reset` or `/staff/password-reset` (the confirmation adds `/confirm`). */
  api: string;
  /** The login page and the request page, as hash links. */
  loginHref: string;
  requestHref: string;
  /** Prefix of the fields' ids. */
  id: string;
  /** The page's wrapper class (the staff screens centre their login card). */
  wrapper?: string;
}

/** The token of the link, from the hash's query (`jeton`), or null when the link was cut short. */
export function tokenOf(hash: string): string | null {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  return new URLSearchParams(query).get('jeton') || null;
}

const backToLogin = (pages: ResetPages) => h('a', { href: pages.loginHref }, 'Retour à la connexion');

function field(id: string, name: string, label: string, attrs: Record<string, unknown>) {
  return h('div', h('label', { for: id }, label), h('input', { id, name, required: true, ...attrs }));
}

/** The request page: an e-mail address, then the same answer whatever it was. */
export function requestResetPage(root: HTMLElement, pages: ResetPages): void {
  const message = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, 'Recevoir le lien') as HTMLButtonElement;
  const form = h(
    'form.card',
    { 'aria-label': 'Mot de passe oublié' },
    field(`${pages.id}-reset-email`, 'email', 'E-mail', { type: 'email', autocomplete: 'email' }),
    message,
    h('div.actions', submit, backToLogin(pages)),
  );
  const page = h(
    `div${pages.wrapper ? `.${pages.wrapper}` : ''}`,
    h('h1', 'Mot de passe oublié'),
    h(
      'p',
      'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot ' +
        'de passe. Ce lien est valable 1 heure.',
    ),
    form,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = (form.querySelector('input[name="email"]') as HTMLInputElement).value;
    submit.disabled = true;
    clearFieldErrors(form);
    try {
      const answer = await api<{ message: string }>(pages.api, { body: { email } });
      mount(
        form,
        notice('success', answer.message),
        h('p.muted', 'Pensez à regarder dans les courriers indésirables. Le lien est valable 1 heure.'),
        h('div.actions', backToLogin(pages)),
      );
    } catch (error) {
      mount(message, notice('error', (error as ApiError).message));
      showFieldErrors(form, error as ApiError);
      submit.disabled = false;
    }
  });
  mount(root, page);
}

/** The page of the link: the new password twice, with the rule; on success, back to the login page. */
export function newPasswordPage(
  root: HTMLElement,
  pages: ResetPages,
  token: string | null,
  onChanged: () => void,
): void {
  const heading = h('h1', 'Choisir un nouveau mot de passe');
  const wrap = (...children: (HTMLElement | null)[]) =>
    mount(root, h(`div${pages.wrapper ? `.${pages.wrapper}` : ''}`, heading, ...children));
  const askAgain = h('a', { href: pages.requestHref }, 'Demander un nouveau lien');
  if (!token) {
    return wrap(
      notice(
        'error',
        'Ce lien est incomplet : copiez-le en entier depuis l’e-mail, ou demandez-en un nouveau.',
      ),
      h('div.actions', askAgain),
    );
  }
  const ruleId = `${pages.id}-new-password-rule`;
  const message = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, 'Changer mon mot de passe') as HTMLButtonElement;
  const form = h(
    'form.card',
    { 'aria-label': 'Nouveau mot de passe' },
    field(`${pages.id}-new-password`, 'password', 'Nouveau mot de passe', {
      type: 'password',
      autocomplete: 'new-password',
      'aria-describedby': ruleId,
    }),
    h('p.muted', { id: ruleId }, PASSWORD_RULE),
    field(`${pages.id}-new-password-again`, 'confirm', 'Confirmez le nouveau mot de passe', {
      type: 'password',
      autocomplete: 'new-password',
    }),
    message,
    h('div.actions', submit),
  );
  const input = (name: string) => form.querySelector(`input[name="${name}"]`) as HTMLInputElement;
  /** Field errors replace aria-describedby: the rule stays described with them. */
  const keepRule = () => {
    const password = input('password');
    const error = password.getAttribute('aria-describedby');
    password.setAttribute('aria-describedby', error && error !== ruleId ? `${error} ${ruleId}` : ruleId);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(message);
    clearFieldErrors(form);
    keepRule();
    const password = input('password').value;
    if (password !== input('confirm').value) {
      const mismatch = 'Les deux mots de passe ne sont pas identiques.';
      showFieldErrors(
        form,
        new ApiError(422, 'mismatch', mismatch, [{ path: 'confirm', message: mismatch }]),
      );
      keepRule();
      input('confirm').focus();
      return;
    }
    submit.disabled = true;
    try {
      const answer = await api<{ message: string }>(`${pages.api}/confirm`, { body: { token, password } });
      onChanged();
      heading.textContent = 'Mot de passe changé';
      wrap(
        notice('success', answer.message),
        h('div.actions', h('a.button', { href: pages.loginHref }, 'Se connecter')),
      );
    } catch (error) {
      const e = error as ApiError;
      mount(message, notice('error', e.message), e.status === 410 ? h('p', askAgain) : null);
      showFieldErrors(form, e);
      keepRule();
      submit.disabled = false;
    }
  });
  wrap(form);
}
