// What the counter says when a caller asks about allergens: each product's (the union of its recipe's, the same
// for every size), the origin of its beef, and « à confirmer » while an ingredient is not reviewed yet.
import { h } from '../shared/dom';
import type { MenuExtra, MenuProduct } from './types';

export function productAllergens(product: MenuProduct): HTMLElement {
  const allergens = product.sizes[0]?.allergens ?? [];
  return h(
    'p.pick-allergens',
    h('span.allergen-title', 'Allergènes : '),
    allergens.length ? allergens.map((a) => a.label).join(', ') : 'aucun',
    product.allergensIncomplete && h('span.allergens-todo', ' — à confirmer (ingrédient non renseigné)'),
    product.beefOrigins.length > 0 && ` · Viande bovine : ${product.beefOrigins.join(', ')}`,
  );
}

/** « · Lait » after an extra's name, nothing when it has none. */
export function extraAllergens(extra: MenuExtra): string {
  const labels = extra.allergens.map((a) => a.label).join(', ');
  const todo = extra.allergensIncomplete ? ' (allergènes à confirmer)' : '';
  return (labels ? ` · ${labels}` : '') + todo;
}
