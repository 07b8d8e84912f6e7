// The shop's menu, made for phones: one section per category under a sticky navigation (the section in view is
// marked), compact cards (menu-card.ts) that open a sheet to choose size, extras and quantity (menu-sheet.ts),
// and the cart bar with the server's total, always in view.
// Live availability: the shop's decisions (a « rupture », a withdrawal, a shop price) arrive at once through its
// menu stream; stock, which moves with every order, waste, receipt and count and has no event of its own, is
// read again when the page comes back into view (tab or app switched back, window focused) and every 30 s while
// it is visible. Only the cards whose state changed are redrawn; the quote checks again before checkout anyway.
import { api, ApiError } from '../shared/api';
import { euros, h, loading, mount, notice } from '../shared/dom';
import { hoursDisclosure, openStatus } from './hours';
import { go, renderNav } from './main';
import { allergenFilter, containsHidden, hiddenAllergens } from './menu-allergens';
import { cardState, productCard } from './menu-card';
import { openSheet } from './menu-sheet';
import { CATEGORIES, type Menu, type MenuProduct } from './menu-types';
import { quoteCart } from './quote';
import { menuChanges } from '../shared/sse';
import { cartCount, state } from './state';

const REFRESH_MS = 30_000;

function categoryNav(sections: { id: string; title: string }[]): {
  nav: HTMLElement;
  mark: (id: string) => void;
} {
  const links = sections.map(({ id, title }) =>
    h(
      'a',
      {
        href: `#${id}`,
        'data-section': id,
        on: {
          // The site routes on the hash: the link scrolls instead of navigating.
          click: (event: Event) => {
            event.preventDefault();
            const target = document.getElementById(id);
            target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
            target?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
            mark(id);
          },
        },
      },
      title,
    ),
  );
  const nav = h('nav.catnav', { 'aria-label': 'Catégories de la carte' }, links);
  const mark = (id: string) => {
    for (const link of links) {
      const here = link.dataset.section === id;
      if (here) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
      if (here) link.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
  };
  if (sections[0]) mark(sections[0].id);
  return { nav, mark };
}

/** Marks the category whose section is at the top of the screen (just under the sticky navigation). */
function followScroll(
  { nav, mark }: { nav: HTMLElement; mark: (id: string) => void },
  sections: HTMLElement[],
): () => void {
  const onScroll = () => {
    // The section reaching the upper quarter of the screen (under the navigation) is the one being read.
    const top = nav.getBoundingClientRect().bottom + window.innerHeight / 4;
    let current = sections[0];
    for (const section of sections) if (section.getBoundingClientRect().top <= top) current = section;
    if (current && nav.querySelector('[aria-current]')?.getAttribute('data-section') !== current.id)
      mark(current.id);
  };
  window.addEventListener('scroll', onScroll, { passive: true });
  return () => window.removeEventListener('scroll', onScroll);
}

export async function menuView(main: HTMLElement): Promise<void | (() => void)> {
  const context = state.context;
  if (!context) return go('/');
  mount(main, loading('Chargement de la carte…'));
  const load = () => api<Menu>(`/pizzerias/${context.pizzeriaId}/menu`);
  let menu: Menu;
  try {
    menu = await load();
  } catch (error) {
    return mount(
      main,
      notice('error', (error as ApiError).message),
      h('a', { href: '#/' }, 'Choisir une autre pizzeria'),
    );
  }
  const news = h('div.menu-news', { role: 'status', 'aria-live': 'polite' });
  const bar = h('div.cartbar', { 'aria-live': 'polite' });
  const refreshBar = async () => {
    renderNav();
    const count = cartCount();
    if (count === 0) return mount(bar, h('span.muted', 'Votre panier est vide.'));
    const label = `${count} article${count > 1 ? 's' : ''}`;
    mount(bar, h('span', label), h('a.button', { href: '#/panier' }, 'Voir le panier'));
    try {
      const quote = await quoteCart();
      if (quote) bar.firstElementChild!.textContent = `${label} · ${euros(quote.totalCents)}`;
    } catch {
      // The cart page explains a refused cart; the bar keeps the count.
    }
  };
  const open = (product: MenuProduct) =>
    openSheet(product, menu.extras, ({ quantity, product: p }) => {
      mount(news, notice('success', `${quantity} × ${p.name} ajouté${quantity > 1 ? 's' : ''} au panier.`));
      void refreshBar();
    });

  const present = CATEGORIES.filter(({ category }) => menu.products.some((p) => p.category === category));
  const sectionId = (category: string) => `carte-${category}`;
  const sections = present.map(({ category, title }) =>
    h(
      'section.menu-section',
      { id: sectionId(category), 'aria-labelledby': `${sectionId(category)}-titre` },
      h('h2', { id: `${sectionId(category)}-titre`, tabindex: '-1' }, title),
      h(
        'div.pgrid',
        menu.products.filter((p) => p.category === category).map((p) => productCard(p, open)),
      ),
    ),
  );
  const categories = categoryNav(present.map(({ category, title }) => ({ id: sectionId(category), title })));
  const filtered = h('p.muted.menu-filtered', { role: 'status' });
  let hidden = hiddenAllergens();
  // Products with an allergen the customer avoids are hidden (not removed: the live refresh still updates them).
  const applyFilter = () => {
    let count = 0;
    for (const product of menu.products) {
      const card = cardOf(product.name);
      if (!card) continue;
      card.hidden = containsHidden(product, hidden);
      if (card.hidden) count++;
    }
    for (const section of sections) {
      const empty = section.querySelectorAll('article.pcard:not([hidden])').length === 0;
      section.querySelector('.menu-none')?.remove();
      if (empty) section.append(h('p.muted.menu-none', 'Aucun produit sans les allergènes choisis.'));
    }
    filtered.textContent = count
      ? `${count} produit${count > 1 ? 's' : ''} masqué${count > 1 ? 's' : ''} (allergènes choisis).`
      : '';
  };
  // Offered only when the server gives the allergens (a filter that could hide nothing would mislead).
  const knowsAllergens = menu.products.some((p) => p.sizes.some((z) => z.allergens !== undefined));
  if (!knowsAllergens) hidden = new Set();
  const filter = knowsAllergens
    ? allergenFilter((chosen) => {
        hidden = chosen;
        applyFilter();
      })
    : null;

  mount(
    main,
    h('h1.menu-title', `La carte — ${menu.pizzeria.name}`),
    h(
      'p.muted.menu-where',
      context.fulfilment === 'delivery'
        ? `Livraison au ${context.address?.line1}, ${context.address?.postcode} ${context.address?.city}. `
        : 'À emporter. ',
      h('a', { href: '#/' }, 'Changer'),
    ),
    hoursDisclosure(menu.pizzeria),
    state.editingOrderId
      ? notice(
          'info',
          'Vous modifiez une commande déjà passée : ajoutez ou retirez des articles puis enregistrez depuis le panier.',
        )
      : null,
    menu.pizzeria.isOpenNow
      ? null
      : notice(
          'error',
          `${menu.pizzeria.name} : ${openStatus(menu.pizzeria)}. Vous pouvez préparer votre panier, la commande sera possible à l’ouverture.`,
        ),
    categories.nav,
    filter,
    filtered,
    news,
    sections,
    bar,
  );
  applyFilter();
  void refreshBar();

  // Live availability: replace the cards whose stock state changed, keep everything else as it is.
  function cardOf(name: string) {
    return main.querySelector<HTMLElement>(`article.pcard[data-product="${CSS.escape(name)}"]`);
  }
  const refresh = async () => {
    if (document.visibilityState !== 'visible') return;
    let fresh: Menu;
    try {
      fresh = await load();
    } catch {
      return; // Offline for a moment: the next refresh tries again.
    }
    menu = fresh;
    for (const product of fresh.products) {
      const card = main.querySelector<HTMLElement>(
        `article.pcard[data-product="${CSS.escape(product.name)}"]`,
      );
      if (!card || card.dataset.state === cardState(product)) continue;
      const focused = card.contains(document.activeElement);
      const replacement = productCard(product, open);
      replacement.hidden = card.hidden;
      card.replaceWith(replacement);
      if (focused) replacement.querySelector<HTMLElement>('button')?.focus();
    }
  };
  const onVisible = () => void refresh();
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', onVisible);
  const timer = window.setInterval(onVisible, REFRESH_MS);
  const stopStream = menuChanges(context.pizzeriaId, () => void refresh());
  const stopScroll = followScroll(categories, sections);
  return () => {
    stopStream();
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('focus', onVisible);
    window.clearInterval(timer);
    stopScroll();
    document.querySelector('dialog.sheet')?.remove();
  };
}
