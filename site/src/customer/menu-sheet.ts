// The sheet of a product (a modal <dialog>, a bottom sheet on phones): size, extras (pizzas), quantity, and
// « Ajouter au panier » with the line's price. Accessible: labelled by the product's name, Escape and « Fermer »
// close it, the focus stays inside (showModal makes the page inert; Tab wraps) and returns to the card after.
import { euros, h, mount, notice } from '../shared/dom';
import { allergenDetails } from './menu-allergens';
import type { MenuExtra, MenuProduct, MenuSize } from './menu-types';
import { addToCart, state } from './state';

const MAX_LINE = 50;

/** « Supplément chorizo » reads « Chorizo » under the « Suppléments » legend. */
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const inCart = (sizeId: number) =>
  state.cart.filter((c) => c.sizeId === sizeId).reduce((n, c) => n + c.quantity, 0);

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab cycle within the dialog (the browser would otherwise leave for its own chrome). */
function trapFocus(dialog: HTMLDialogElement): void {
  dialog.addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
}

export interface SheetResult {
  quantity: number;
  product: MenuProduct;
}

/** Opens the sheet of `product`; `added` is called once the line is in the cart (the sheet has closed). */
export function openSheet(
  product: MenuProduct,
  extras: MenuExtra[],
  added: (result: SheetResult) => void,
): HTMLDialogElement {
  const titleId = `sheet-title-${product.id}`;
  let size: MenuSize = product.sizes.find((s) => s.available) ?? product.sizes[0];
  let quantity = 1;
  const chosen = new Set<number>();
  const message = h('div', { 'aria-live': 'polite' });
  const pizzaExtras = product.category === 'pizza' ? extras : [];

  const limit = () => Math.max(0, Math.min(MAX_LINE, size.maxQuantity) - inCart(size.id));
  const lineCents = () =>
    quantity *
    (size.priceCents + pizzaExtras.filter((e) => chosen.has(e.id)).reduce((sum, e) => sum + e.priceCents, 0));

  const qtyInput = h('input.sheet-qty', {
    id: `sheet-qty-${product.id}`,
    type: 'number',
    inputmode: 'numeric',
    min: '1',
    value: '1',
  }) as HTMLInputElement;
  const addButton = h('button.sheet-add', { type: 'button' }) as HTMLButtonElement;
  const sync = () => {
    const wanted = Number(qtyInput.value);
    if (Number.isInteger(wanted) && wanted >= 1) quantity = wanted;
    qtyInput.max = String(Math.max(1, limit()));
    addButton.disabled = !size.available;
    addButton.textContent = `Ajouter au panier · ${euros(lineCents())}`;
  };
  const step = (delta: number) => {
    qtyInput.value = String(Math.max(1, Math.min(MAX_LINE, quantity + delta)));
    sync();
  };

  const sizeChoices = product.sizes.map((s) =>
    h(
      'label.choice',
      h('input', {
        type: 'radio',
        name: `sheet-size-${product.id}`,
        value: String(s.id),
        checked: s.id === size.id,
        disabled: !s.available,
        on: {
          change: () => {
            size = s;
            sync();
          },
        },
      }),
      h('span.choice-label', s.label),
      h('span.price', euros(s.priceCents)),
      s.available ? null : h('span.badge.out', 'Épuisé'),
    ),
  );
  const extraChoices = pizzaExtras.map((e) =>
    h(
      'label.choice',
      h('input', {
        type: 'checkbox',
        value: String(e.id),
        disabled: !e.available,
        on: {
          change: (event: Event) => {
            if ((event.target as HTMLInputElement).checked) chosen.add(e.id);
            else chosen.delete(e.id);
            sync();
          },
        },
      }),
      h('span.choice-label', capitalise(e.name.replace(/^Supplément\s+/i, ''))),
      h('span.price', `+${euros(e.priceCents)}`),
      e.available ? null : h('span.badge.out', 'Épuisé'),
    ),
  );

  const dialog = h('dialog.sheet', { 'aria-labelledby': titleId }) as HTMLDialogElement;
  const close = () => dialog.close();
  addButton.addEventListener('click', () => {
    sync();
    const wanted = Number(qtyInput.value);
    if (!size.available) return mount(message, notice('error', 'Cette taille est épuisée.'));
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
    const picked = pizzaExtras.filter((e) => chosen.has(e.id));
    addToCart({
      productId: product.id,
      sizeId: size.id,
      quantity: wanted,
      extraIds: picked.map((e) => e.id).sort((a, b) => a - b),
      name: product.name,
      sizeLabel: size.label,
      extraNames: picked.map((e) => e.name),
    });
    close();
    added({ quantity: wanted, product });
  });
  qtyInput.addEventListener('input', sync);

  mount(
    dialog,
    h(
      'div.sheet-inner',
      h(
        'div.sheet-head',
        h('h2', { id: titleId }, product.name),
        h('button.ghost.sheet-close', { type: 'button', 'aria-label': 'Fermer', on: { click: close } }, '×'),
      ),
      product.image
        ? h('img.sheet-img', {
            src: product.image.src,
            srcset: product.image.srcset,
            sizes: '(min-width: 48rem) 320px, 100vw',
            width: String(product.image.width),
            height: String(product.image.height),
            alt: '',
          })
        : null,
      product.description ? h('p.muted', product.description) : null,
      allergenDetails(product),
      product.sizes.length > 1 || !size.available ? h('fieldset', h('legend', 'Taille'), sizeChoices) : null,
      extraChoices.length ? h('fieldset', h('legend', 'Suppléments'), extraChoices) : null,
      h(
        'div.sheet-foot',
        h(
          'div.qty',
          h('label.visually-hidden', { for: qtyInput.id }, 'Quantité'),
          h(
            'button.secondary',
            { type: 'button', 'aria-label': 'Retirer un', on: { click: () => step(-1) } },
            '−',
          ),
          qtyInput,
          h(
            'button.secondary',
            { type: 'button', 'aria-label': 'Ajouter un', on: { click: () => step(1) } },
            '+',
          ),
        ),
        addButton,
      ),
      message,
    ),
  );
  trapFocus(dialog);
  // Closed by Escape, « Fermer » or after adding: gone from the page, the focus back on the card's button.
  const opener = document.activeElement as HTMLElement | null;
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus();
  });
  // A tap on the backdrop (outside the sheet's box) closes it, as on every phone sheet.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) close();
  });
  document.body.append(dialog);
  sync();
  dialog.showModal();
  return dialog;
}
