// The shop's menu with live availability: sizes and extras with their prices, « épuisé » when the stock
// cannot make it, and a quantity never above what can still be made. The cart bar shows the server's total.
import { api, ApiError } from '../shared/api';
import { euros, h, loading, mount, notice } from '../shared/dom';
import { hoursDisclosure, openStatus, type ShopHours } from './hours';
import { go, renderNav } from './main';
import { quoteCart } from './quote';
import { addToCart, cartCount, state } from './state';

interface Size {
  id: number;
  label: string;
  priceCents: number;
  available: boolean;
  maxQuantity: number;
}
interface Product {
  id: number;
  name: string;
  description: string;
  category: 'pizza' | 'drink' | 'dessert' | 'side';
  available: boolean;
  sizes: Size[];
}
interface Extra {
  id: number;
  name: string;
  priceCents: number;
  available: boolean;
}
interface Menu {
  pizzeria: ShopHours & { id: number };
  products: Product[];
  extras: Extra[];
}

const CATEGORIES: [Product['category'], string][] = [
  ['pizza', 'Pizzas'],
  ['side', 'Entrées et accompagnements'],
  ['dessert', 'Desserts'],
  ['drink', 'Boissons'],
];

const inCart = (sizeId: number) =>
  state.cart.filter((c) => c.sizeId === sizeId).reduce((n, c) => n + c.quantity, 0);

function productCard(product: Product, extras: Extra[], refresh: () => void): HTMLElement {
  const card = h('article.card', { 'data-product': product.name });
  const sizeName = `size-${product.id}`;
  const firstAvailable = product.sizes.find((s) => s.available) ?? product.sizes[0];
  const quantity = h('input', {
    id: `qty-${product.id}`,
    type: 'number',
    min: '1',
    value: '1',
    inputmode: 'numeric',
  }) as HTMLInputElement;
  const message = h('div', { 'aria-live': 'polite' });
  const sizeChoices = product.sizes.map((size) =>
    h(
      'label.choice',
      h('input', {
        type: 'radio',
        name: sizeName,
        value: String(size.id),
        checked: size.id === firstAvailable.id,
        disabled: !size.available,
      }),
      `${size.label} — `,
      h('span.price', euros(size.priceCents)),
      size.available ? null : h('span.badge.out', 'épuisé'),
    ),
  );
  const extraChoices =
    product.category === 'pizza'
      ? extras.map((extra) =>
          h(
            'label.choice',
            h('input', {
              type: 'checkbox',
              value: String(extra.id),
              'data-name': extra.name,
              disabled: !extra.available,
            }),
            `${extra.name} (+${euros(extra.priceCents)})`,
            extra.available ? null : h('span.badge.out', 'épuisé'),
          ),
        )
      : [];
  const selectedSize = () => {
    const checked = card.querySelector<HTMLInputElement>(`input[name="${sizeName}"]:checked`);
    return product.sizes.find((s) => String(s.id) === checked?.value);
  };
  const limit = () => {
    const size = selectedSize();
    return size ? Math.max(0, Math.min(50, size.maxQuantity) - inCart(size.id)) : 0;
  };
  const syncMax = () => {
    quantity.max = String(Math.max(1, limit()));
  };
  card.addEventListener('change', syncMax);
  const add = h(
    'button',
    { type: 'button', disabled: !product.available },
    product.available ? 'Ajouter au panier' : 'Épuisé',
  );
  add.addEventListener('click', () => {
    const size = selectedSize();
    const wanted = Number(quantity.value);
    if (!size || !size.available) return mount(message, notice('error', 'Cette taille est épuisée.'));
    if (!Number.isInteger(wanted) || wanted < 1)
      return mount(message, notice('error', 'Indiquez une quantité d’au moins 1.'));
    if (wanted > limit()) {
      return mount(
        message,
        notice(
          'error',
          limit() === 0
            ? 'Il n’en reste plus pour cette taille.'
            : `Il n’en reste que ${limit()} à préparer pour cette taille.`,
        ),
      );
    }
    const chosen = [...card.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')];
    addToCart({
      productId: product.id,
      sizeId: size.id,
      quantity: wanted,
      extraIds: chosen.map((c) => Number(c.value)).sort((a, b) => a - b),
      name: product.name,
      sizeLabel: size.label,
      extraNames: chosen.map((c) => c.dataset.name ?? ''),
    });
    quantity.value = '1';
    syncMax();
    mount(
      message,
      notice('success', `${wanted} × ${product.name} ajouté${wanted > 1 ? 's' : ''} au panier.`),
    );
    refresh();
  });
  mount(
    card,
    h('h3', product.name, product.available ? null : h('span.badge.out', 'épuisé')),
    product.description ? h('p.muted', product.description) : null,
    h('fieldset', h('legend', 'Taille'), sizeChoices),
    extraChoices.length ? h('fieldset', h('legend', 'Suppléments'), extraChoices) : null,
    h('div.row', h('div', h('label', { for: `qty-${product.id}` }, 'Quantité'), quantity), h('div', add)),
    message,
  );
  syncMax();
  return card;
}

export async function menuView(main: HTMLElement): Promise<void> {
  const context = state.context;
  if (!context) return go('/');
  mount(main, loading('Chargement de la carte…'));
  let menu: Menu;
  try {
    menu = await api<Menu>(`/pizzerias/${context.pizzeriaId}/menu`);
  } catch (error) {
    return mount(
      main,
      notice('error', (error as ApiError).message),
      h('a', { href: '#/' }, 'Choisir une autre pizzeria'),
    );
  }
  const bar = h('div.cartbar', { 'aria-live': 'polite' });
  const refreshBar = async () => {
    renderNav();
    const count = cartCount();
    if (count === 0) return mount(bar, h('span.muted', 'Votre panier est vide.'));
    mount(
      bar,
      h('span', `${count} article${count > 1 ? 's' : ''}`),
      h('a.button', { href: '#/panier' }, 'Voir le panier'),
    );
    try {
      const quote = await quoteCart();
      if (quote)
        bar.firstElementChild!.textContent = `${count} article${count > 1 ? 's' : ''} · ${euros(quote.totalCents)}`;
    } catch {
      // The cart page explains a refused cart; the bar keeps the count.
    }
  };
  const sections = CATEGORIES.map(([category, title]) => {
    const products = menu.products.filter((p) => p.category === category);
    if (products.length === 0) return null;
    return h(
      'section',
      h('h2', title),
      h(
        'div.grid',
        products.map((p) => productCard(p, menu.extras, refreshBar)),
      ),
    );
  });
  mount(
    main,
    h('h1', `La carte — ${menu.pizzeria.name}`),
    h(
      'p.muted',
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
    sections,
    bar,
  );
  void refreshBar();
}
