// The staff screens at /personnel: sign in, then the screens of the employee's role as hash routes
// (#/cuisine, #/livraisons, #/comptoir); managers and the group admin get all three as tabs.
import '../shared/styles.css';
import { h, mount, notice } from '../shared/dom';
import { newPasswordPage, requestResetPage, tokenOf, type ResetPages } from '../shared/password-reset';
import { save } from '../shared/store';
import { counterScreen } from './counter';
import { driverScreen } from './driver';
import { kitchenScreen } from './kitchen';
import { currentSession, loginForm, logout, onSignedOut } from './session';
import { shopOf, shopPicker } from './shop';
import type { Role, Screen, Session } from './types';

interface Route {
  path: string;
  label: string;
  roles: Role[];
  screen: Screen;
}

// Who sees what follows the permission table (kitchen.view, deliveries.view, orders.collect).
const ROUTES: Route[] = [
  { path: 'cuisine', label: 'Cuisine', roles: ['pizzaiolo', 'manager', 'admin'], screen: kitchenScreen },
  { path: 'livraisons', label: 'Livraisons', roles: ['driver', 'manager', 'admin'], screen: driverScreen },
  { path: 'comptoir', label: 'Comptoir', roles: ['counter', 'manager', 'admin'], screen: counterScreen },
];

const nav = document.getElementById('nav')!;
const main = document.getElementById('main')!;
let dispose = () => {};

const routesOf = (session: Session) => ROUTES.filter((r) => r.roles.includes(session.employee.role));

function showLogin(message?: string): void {
  dispose();
  dispose = () => {};
  mount(nav);
  document.title = 'OC Pizza — connexion du personnel';
  loginForm(main, () => render(), message);
}

const RESET: ResetPages = {
  api: '/staff/password-reset',
  loginHref: '#/',
  requestHref: '#/mot-de-passe/oublie',
  id: 'staff',
  wrapper: 'login',
};

/** « Mot de passe oublié » (linked from the login form and from the back office's), signed in or not. */
function showPasswordPage(path: string): void {
  dispose();
  dispose = () => {};
  mount(nav);
  if (path === 'mot-de-passe/oublie') {
    document.title = 'OC Pizza — mot de passe oublié';
    return requestResetPage(main, RESET);
  }
  document.title = 'OC Pizza — nouveau mot de passe';
  // Every session of the employee ends with the change: this screen's too.
  newPasswordPage(main, RESET, tokenOf(location.hash), () => save('staff', null));
}

function drawNav(session: Session, routes: Route[], current: Route | undefined): void {
  const { firstName, lastName } = session.employee;
  mount(
    nav,
    routes.length > 1 &&
      routes.map((r) =>
        h('a', { href: `#/${r.path}`, 'aria-current': r === current ? 'page' : false }, r.label),
      ),
    h('span.who', `${firstName} ${lastName}`),
    h(
      'button',
      {
        type: 'button',
        on: {
          click: (e: Event) => {
            (e.currentTarget as HTMLButtonElement).disabled = true;
            void logout();
          },
        },
      },
      'Se déconnecter',
    ),
  );
}

function render(): void {
  const path = location.hash.replace(/^#\/?/, '');
  if (/^mot-de-passe\/(oublie|nouveau)(\?|$)/.test(path)) return showPasswordPage(path);
  const session = currentSession();
  if (!session) return showLogin();
  const routes = routesOf(session);
  const wanted = location.hash.replace(/^#\/?/, '');
  const route = routes.find((r) => r.path === wanted);
  if (routes.length > 0 && !route) {
    // An unknown or forbidden screen: the first one of the role, without a history entry of its own.
    location.replace(`#/${routes[0].path}`);
    return;
  }
  dispose();
  dispose = () => {};
  drawNav(session, routes, route);
  if (!route) {
    mount(main, notice('info', 'Aucun écran du personnel pour votre rôle : utilisez le back-office.'));
    return;
  }
  document.title = `OC Pizza — ${route.label}`;
  const screenRoot = h('div.screen');
  const shopId = shopOf(session);
  const group = session.employee.pizzeriaId === null;
  mount(main, group && shopPicker(shopId, () => render()), screenRoot);
  if (shopId === null) {
    mount(screenRoot, notice('info', 'Choisissez la pizzeria à afficher.'));
    return;
  }
  dispose = route.screen(screenRoot, { shopId });
}

onSignedOut((message) => showLogin(message));
window.addEventListener('hashchange', render);
render();
