// Allergens on the menu (EU 1169/2011, annex II): the badges of a product (its sizes' allergens, from the menu
// API), the beef's origin and « à confirmer » when an ingredient is not reviewed yet, and the filter « Masquer
// les produits contenant… », remembered in this browser.
import { ALLERGEN_CODES, ALLERGEN_LABELS, type AllergenCode } from '../../../src/shared/allergens';
import { h } from '../shared/dom';
import { load, save } from '../shared/store';
import type { MenuProduct } from './menu-types';

const STORE_KEY = 'hiddenAllergens';

/** The allergens the customer chose to avoid (kept across visits). */
export function hiddenAllergens(): Set<AllergenCode> {
  const saved = load<string[]>(STORE_KEY, []);
  return new Set(ALLERGEN_CODES.filter((code) => saved.includes(code)));
}

/** Every allergen of the product's sizes, in the regulation's order (extras are the customer's choice). */
export function productAllergens(product: MenuProduct): { code: AllergenCode; label: string }[] {
  const codes = new Set(product.sizes.flatMap((s) => (s.allergens ?? []).map((a) => a.code)));
  return ALLERGEN_CODES.filter((code) => codes.has(code)).map((code) => ({
    code,
    label: ALLERGEN_LABELS[code],
  }));
}

export const containsHidden = (product: MenuProduct, hidden: Set<AllergenCode>) =>
  productAllergens(product).some((a) => hidden.has(a.code));

/** The small badges of a card or a sheet (nothing when the API gives no allergen). */
export function allergenBadges(allergens: { label: string }[]): HTMLElement | null {
  if (allergens.length === 0) return null;
  return h(
    'ul.allergens',
    { 'aria-label': 'Allergènes' },
    allergens.map((a) => h('li.badge.allergen', a.label)),
  );
}

/** The sheet's full statement: allergens, beef origin, and the warning while the recipe is not reviewed. */
export function allergenDetails(product: MenuProduct): HTMLElement | null {
  // A menu without allergen information (an older server) says nothing rather than « none ».
  if (product.sizes.every((s) => s.allergens === undefined)) return null;
  const allergens = productAllergens(product);
  return h(
    'div.allergen-details',
    allergens.length
      ? h('div', h('strong', 'Allergènes : '), allergenBadges(allergens))
      : product.allergensIncomplete
        ? null
        : h('p.muted', 'Aucun des 14 allergènes réglementaires.'),
    product.allergensIncomplete ? h('p.allergen-warning', 'Allergènes à confirmer en boutique') : null,
    product.beefOrigins?.length
      ? h('p', `Origine de la viande bovine : ${product.beefOrigins.join(', ')}`)
      : null,
  );
}

/** « Masquer les produits contenant… »: one checkbox per allergen; `changed` re-filters the menu. */
export function allergenFilter(changed: (hidden: Set<AllergenCode>) => void): HTMLElement {
  const hidden = hiddenAllergens();
  const summary = h('summary', 'Masquer les produits contenant…');
  const count = () => {
    summary.textContent =
      hidden.size === 0
        ? 'Masquer les produits contenant…'
        : `Masquer les produits contenant… (${hidden.size} allergène${hidden.size > 1 ? 's' : ''})`;
  };
  const boxes = ALLERGEN_CODES.map((code) =>
    h(
      'label.choice',
      h('input', {
        type: 'checkbox',
        value: code,
        checked: hidden.has(code),
        on: {
          change: (event: Event) => {
            if ((event.target as HTMLInputElement).checked) hidden.add(code);
            else hidden.delete(code);
            save(STORE_KEY, [...hidden]);
            count();
            changed(new Set(hidden));
          },
        },
      }),
      ALLERGEN_LABELS[code],
    ),
  );
  count();
  return h(
    'details.allergen-filter',
    { open: hidden.size > 0 },
    summary,
    h('fieldset', h('legend.visually-hidden', 'Allergènes à éviter'), h('div.allergen-grid', boxes)),
  );
}
