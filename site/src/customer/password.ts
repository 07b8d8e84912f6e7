// « Mot de passe oublié » on the customer site: #/mot-de-passe/oublie, and the e-mailed link's
// #/mot-de-passe/nouveau?jeton=… (the pages are shared with /personnel: shared/password-reset.ts).
import { newPasswordPage, requestResetPage, tokenOf, type ResetPages } from '../shared/password-reset';
import { renderNav } from './main';
import { forgetSession, state } from './state';

const PAGES: ResetPages = {
  api: '/auth/password-reset',
  loginHref: '#/connexion',
  requestHref: '#/mot-de-passe/oublie',
  id: 'acc',
};

export function forgotPasswordView(main: HTMLElement): void {
  requestResetPage(main, PAGES);
}

export function newPasswordView(main: HTMLElement): void {
  newPasswordPage(main, PAGES, tokenOf(location.hash), () => {
    // Every session of the account was closed by the change: this browser's too.
    if (state.session) {
      forgetSession();
      renderNav();
    }
  });
}
