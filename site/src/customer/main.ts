// The customer site: a few hash routes rendered into <main>; every figure comes from the public API.
import '../shared/styles.css';
import { h, mount, notice } from '../shared/dom';
import { accountErasedView, accountView } from './account';
import { cartView } from './cart';
import { checkoutView } from './checkout';
import { homeView } from './home';
import { menuView } from './menu';
import { ordersView } from './orders';
import { forgotPasswordView, newPasswordView } from './password';
import { cartCount, state } from './state';
import { trackingView } from './tracking';

export type View = (
  main: HTMLElement,
  params: string[],
) => void | (() => void) | Promise<void | (() => void)>;

const ROUTES: [RegExp, View][] = [
  [/^\/$/, homeView],
  [/^\/carte$/, menuView],
  [/^\/panier$/, cartView],
  [/^\/connexion$/, accountView],
  [/^\/compte-supprime$/, accountErasedView],
  [/^\/mot-de-passe\/oublie$/, forgotPasswordView],
  // The e-mailed link: #/mot-de-passe/nouveau?jeton=… (a link cut short still opens the page, which says so).
  [/^\/mot-de-passe\/nouveau(?:\?.*)?$/, newPasswordView],
  [/^\/commander$/, checkoutView],
  [/^\/suivi\/([0-9a-f-]{36})$/, trackingView],
  [/^\/commandes$/, ordersView],
];

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
let leave: (() => void) | void;

export function go(path: string): void {
  if (location.hash === `#${path}`) void render();
  else location.hash = path;
}

export function renderNav(): void {
  const here = location.hash.slice(1) || '/';
  const link = (path: string, label: string) =>
    h('a', { href: `#${path}`, 'aria-current': here === path ? 'page' : false }, label);
  const count = cartCount();
  mount(
    nav,
    link('/carte', 'La carte'),
    link('/panier', count ? `Panier (${count})` : 'Panier'),
    state.session ? link('/commandes', 'Mes commandes') : null,
    state.session ? link('/connexion', state.session.customer.firstName) : link('/connexion', 'Se connecter'),
  );
}

async function render(): Promise<void> {
  leave?.();
  leave = undefined;
  const path = location.hash.slice(1) || '/';
  renderNav();
  for (const [pattern, view] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    // Each page renders into its own container: a slow answer of the page just left lands in a detached
    // element instead of over the new page.
    const container = document.createElement('div');
    main.replaceChildren(container);
    try {
      leave = await view(container, match.slice(1));
    } catch {
      mount(container, notice('error', 'Cette page n’a pas pu s’afficher. Rechargez la page.'));
    }
    // A new page starts at the top with the header in view; the focus moves to the content for screen
    // readers without scrolling the header away (focus() alone scrolls <main> to the top of the viewport).
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
    return;
  }
  mount(main, h('h1', 'Page introuvable'), h('p', h('a', { href: '#/' }, 'Retour à l’accueil')));
}

// The skip link's « #main » would be taken for a route (« Page introuvable »): it moves the focus itself.
document.querySelector('a.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => void render());
void render();
