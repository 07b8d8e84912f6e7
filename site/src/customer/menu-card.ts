// One compact product card of the menu: picture, name, short description, « à partir de » price, « Épuisé ».
// The name is the one button of the card (stretched over it by CSS): it opens the sheet to choose.
import { euros, h } from '../shared/dom';
import { allergenBadges, productAllergens } from './menu-allergens';
import type { MenuProduct } from './menu-types';

/** What a phone card shows the picture at (CSS px); the browser picks from srcset with it. */
const CARD_PICTURE_SIZES = '(min-width: 48rem) 112px, 88px';

export function fromPrice(product: MenuProduct): string {
  const sizes = product.sizes.filter((s) => s.available);
  const prices = (sizes.length ? sizes : product.sizes).map((s) => s.priceCents);
  const lowest = Math.min(...prices);
  return product.sizes.length > 1 ? `à partir de ${euros(lowest)}` : euros(lowest);
}

/** Changes when what the card shows of the stock changes (the live refresh replaces only those cards). */
export const cardState = (p: MenuProduct) =>
  `${p.available}:${p.sizes.map((s) => `${s.id}.${s.available}`).join(',')}`;

export function productCard(product: MenuProduct, open: (product: MenuProduct) => void): HTMLElement {
  const titleId = `product-${product.id}`;
  const picture = product.image
    ? h('img.pcard-img', {
        src: product.image.src,
        srcset: product.image.srcset,
        sizes: CARD_PICTURE_SIZES,
        width: String(product.image.width),
        height: String(product.image.height),
        loading: 'lazy',
        decoding: 'async',
        alt: '',
      })
    : h('span.pcard-img.pcard-noimg', { 'aria-hidden': 'true' });
  return h(
    'article.pcard',
    {
      'data-product': product.name,
      'data-state': cardState(product),
      'aria-labelledby': titleId,
      class: product.available ? '' : 'out',
    },
    picture,
    h(
      'div.pcard-body',
      h(
        'h3.pcard-name',
        h(
          'button.pcard-open',
          {
            type: 'button',
            id: titleId,
            disabled: !product.available,
            'aria-haspopup': 'dialog',
            on: { click: () => open(product) },
          },
          product.name,
        ),
      ),
      product.description ? h('p.pcard-desc', product.description) : null,
      h(
        'p.pcard-meta',
        h('span.price', fromPrice(product)),
        product.available ? null : h('span.badge.out', 'Épuisé'),
        product.allergensIncomplete ? h('span.badge.warn', 'Allergènes à confirmer') : null,
      ),
      allergenBadges(productAllergens(product)),
    ),
  );
}
