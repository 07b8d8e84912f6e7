// The items of a counter order: the shop's menu as buttons (one per size, disabled when « épuisé ») and the cart
// built from them, never above what the stock can still make (each size's maxQuantity) nor 50 per line. The two
// are separate elements: on a tablet the menu and the order stand side by side.
import { euros, h, mount } from '../shared/dom';
import { extraAllergens, productAllergens } from './allergens';
import type { Menu, MenuProduct, MenuSize } from './types';

export interface ItemInput {
  productId: number;
  sizeId: number;
  quantity: number;
  extraIds: number[];
}

interface CartLine extends ItemInput {
  product: MenuProduct;
  size: MenuSize;
}

const CATEGORIES: [MenuProduct['category'], string][] = [
  ['pizza', 'Pizzas'],
  ['drink', 'Boissons'],
  ['dessert', 'Desserts'],
  ['side', 'Accompagnements'],
];
const LINE_MAX = 50;

/** Brings `el` into view within its scrolling pane (a tablet's order column), never by scrolling the page. */
function revealInPane(el: HTMLElement): void {
  for (let pane = el.parentElement; pane && pane !== document.body; pane = pane.parentElement) {
    const { overflowY } = getComputedStyle(pane);
    if (overflowY !== 'auto' && overflowY !== 'scroll') continue;
    const box = pane.getBoundingClientRect();
    const item = el.getBoundingClientRect();
    if (item.bottom > box.bottom) pane.scrollTop += item.bottom - box.bottom;
    else if (item.top < box.top) pane.scrollTop -= box.top - item.top;
    return;
  }
}

export function createCart(onChange: () => void) {
  let menu: Menu = { products: [], extras: [] };
  let lines: CartLine[] = [];
  // Line totals come from the server's quote, in the cart's order; none is shown while a quote is pending.
  let totals: number[] | null = null;
  const picker = h('div.menu-pick');
  const list = h('ul.cart-lines');
  const hint = h('p.muted', { 'aria-live': 'polite' });
  const cart = h(
    'section.cart',
    { 'aria-label': 'Articles de la commande' },
    h('h3', 'Commande'),
    list,
    hint,
  );

  /** How many more of this size the stock allows, given what the cart already holds. */
  const room = (size: MenuSize, except?: CartLine) =>
    size.maxQuantity -
    lines.filter((l) => l.sizeId === size.id && l !== except).reduce((n, l) => n + l.quantity, 0);

  const changed = () => {
    totals = null;
    drawCart();
    onChange();
  };

  function add(product: MenuProduct, size: MenuSize) {
    if (room(size) <= 0) {
      hint.textContent = `Stock insuffisant : pas plus de ${size.maxQuantity} ${product.name} (${size.label}).`;
      return;
    }
    hint.textContent = '';
    let line = lines.find((l) => l.sizeId === size.id && l.extraIds.length === 0 && l.quantity < LINE_MAX);
    if (line) line.quantity += 1;
    else
      lines.push(
        (line = { productId: product.id, sizeId: size.id, quantity: 1, extraIds: [], product, size }),
      );
    changed();
    const shown = list.children[lines.indexOf(line)];
    if (shown instanceof HTMLElement) revealInPane(shown);
  }

  function setQuantity(line: CartLine, wanted: number) {
    const max = Math.min(LINE_MAX, room(line.size, line));
    const quantity = Math.max(0, Math.min(Number.isFinite(wanted) ? Math.floor(wanted) : line.quantity, max));
    hint.textContent =
      wanted > max ? `Pas plus de ${max} ${line.product.name} (${line.size.label}) sur cette ligne.` : '';
    if (quantity === 0) lines = lines.filter((l) => l !== line);
    else line.quantity = quantity;
    changed();
  }

  function extrasOf(line: CartLine): HTMLElement | null {
    if (line.product.category !== 'pizza' || menu.extras.length === 0) return null;
    return h(
      'details.extras',
      { open: line.extraIds.length > 0 },
      h('summary', `Suppléments${line.extraIds.length ? ` (${line.extraIds.length})` : ''}`),
      menu.extras.map((extra) =>
        h(
          'label.choice',
          h('input', {
            type: 'checkbox',
            checked: line.extraIds.includes(extra.id),
            disabled: !extra.available && !line.extraIds.includes(extra.id),
            on: {
              change: (e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                line.extraIds = on
                  ? [...line.extraIds, extra.id]
                  : line.extraIds.filter((id) => id !== extra.id);
                changed();
              },
            },
          }),
          `${extra.name} (+${euros(extra.priceCents)})${extraAllergens(extra)}${extra.available ? '' : ' — épuisé'}`,
        ),
      ),
    );
  }

  function drawCart() {
    if (lines.length === 0) return mount(list, h('li.muted', 'Aucun article : choisissez dans la carte.'));
    mount(
      list,
      lines.map((line, i) => {
        const name = `${line.product.name} (${line.size.label})`;
        const qty = h('input', {
          type: 'number',
          min: '0',
          max: String(Math.min(LINE_MAX, room(line.size, line))),
          value: String(line.quantity),
          'aria-label': `Quantité de ${name}`,
          on: {
            change: (e: Event) => setQuantity(line, Number((e.target as HTMLInputElement).value)),
            // Enter confirms the quantity; it must not send the whole order.
            keydown: (e: KeyboardEvent) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                setQuantity(line, Number((e.target as HTMLInputElement).value));
              }
            },
          },
        });
        return h(
          'li.cart-line',
          h('span.cart-name', name),
          h(
            'span.qty',
            h(
              'button.secondary',
              {
                type: 'button',
                'aria-label': `Une de moins : ${name}`,
                on: { click: () => setQuantity(line, line.quantity - 1) },
              },
              '−',
            ),
            qty,
            h(
              'button.secondary',
              {
                type: 'button',
                'aria-label': `Une de plus : ${name}`,
                disabled: room(line.size, line) <= line.quantity || line.quantity >= LINE_MAX,
                on: { click: () => setQuantity(line, line.quantity + 1) },
              },
              '+',
            ),
          ),
          h('span.price', totals && totals.length === lines.length ? euros(totals[i]) : '…'),
          extrasOf(line),
        );
      }),
    );
  }

  function drawMenu() {
    mount(
      picker,
      CATEGORIES.map(([category, title]) => {
        const products = menu.products.filter((p) => p.category === category);
        if (products.length === 0) return null;
        return h(
          'section.pick-group',
          h('h3', title),
          h(
            'ul.picks',
            products.map((product) =>
              h(
                'li.pick',
                h('div.pick-info', h('span.pick-name', product.name), productAllergens(product)),
                h(
                  'span.pick-sizes',
                  product.sizes.map((size) => {
                    const out = !product.available || !size.available || size.maxQuantity <= 0;
                    return h(
                      'button.secondary.size',
                      {
                        type: 'button',
                        disabled: out,
                        'aria-label': `Ajouter ${product.name} ${size.label}, ${euros(size.priceCents)}${out ? ' (épuisé)' : ''}`,
                        on: { click: () => add(product, size) },
                      },
                      `${size.label} · ${euros(size.priceCents)}`,
                      out && h('span.badge.out', 'épuisé'),
                    );
                  }),
                ),
              ),
            ),
          ),
        );
      }),
    );
  }

  drawCart();
  return {
    /** The shop's menu as buttons. */
    picker,
    /** The order being built. */
    cart,
    setMenu(next: Menu) {
      menu = next;
      // Fresh availability: lines keep their quantity, and the server has the last word when it is placed.
      const sizes = new Map(
        next.products.flatMap((p) => p.sizes.map((s) => [s.id, { product: p, size: s }] as const)),
      );
      lines = lines.filter((l) => sizes.has(l.sizeId)).map((l) => ({ ...l, ...sizes.get(l.sizeId)! }));
      drawMenu();
      drawCart();
    },
    items: (): ItemInput[] =>
      lines.map(({ productId, sizeId, quantity, extraIds }) => ({ productId, sizeId, quantity, extraIds })),
    showTotals(lineTotals: number[]) {
      totals = lineTotals;
      drawCart();
    },
    clear() {
      lines = [];
      hint.textContent = '';
      drawCart();
    },
  };
}
