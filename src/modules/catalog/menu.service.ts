// The menu as customers see it: each size says whether it can be made now and how many, and its allergens.
import type { Executor } from '../../db/executor.js';
import { allergensOf, type Allergen } from '../../shared/allergens.js';
import { NotFoundError } from '../../shared/errors.js';
import { toPublicPizzeria, type PizzeriaRef } from '../pizzerias/index.js';
import { imageOf, type ProductImage } from './pictures.js';
import { findMenuRows, type MenuExtraRow, type MenuProductRow, type MenuSizeRow } from './menu.repository.js';

export async function getMenu(ex: Executor, ref: PizzeriaRef, now: Date) {
  const rows = await findMenuRows(ex, ref);
  if (!rows) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  // The rows are this request's own (parsed from the statement's JSON): `available` is added and the allergen
  // codes are replaced by labelled lists in place, instead of copying every product, size and extra.
  const products = rows.products as unknown as MenuProduct[];
  for (const p of products) {
    p.image = imageOf(p.imageKey);
    delete p.imageKey;
    p.available = false;
    // Every size carries the same codes (one recipe per product): label them once and share the list.
    const allergens = p.sizes.length > 0 ? allergensOf(p.sizes[0].allergens as unknown as string[]) : [];
    for (const s of p.sizes) {
      offIfRuptured(s, now);
      s.available = s.maxQuantity > 0;
      s.allergens = allergens;
      if (s.available) p.available = true;
    }
  }
  const extras = rows.extras as unknown as MenuExtra[];
  for (const e of extras) {
    offIfRuptured(e, now);
    e.available = e.maxQuantity > 0;
    e.allergens = allergensOf(e.allergens as unknown as string[]);
  }
  return { pizzeria: toPublicPizzeria(rows.pizzeria, now), products, extras };
}

/** Whether a shop's « rupture » holds at `now`: open, and without an end or with its end still ahead. */
export function ruptureHolds(r: { ruptured?: boolean; ruptureUntil?: string | null }, now: Date): boolean {
  if (!r.ruptured) return false;
  return !r.ruptureUntil || new Date(r.ruptureUntil).getTime() > now.getTime();
}

/** A size or extra under a holding rupture can be made 0 times; an ended one reads as no rupture at all. */
function offIfRuptured(
  item: { ruptured: boolean; ruptureUntil: string | null; maxQuantity: number },
  now: Date,
) {
  if (ruptureHolds(item, now)) item.maxQuantity = 0;
  else {
    item.ruptured = false;
    item.ruptureUntil = null;
  }
}

type Labelled<T extends { allergens: string[] }> = Omit<T, 'allergens'> & {
  allergens: Allergen[];
  available: boolean;
};
type MenuSize = Labelled<MenuSizeRow>;
type MenuExtra = Labelled<MenuExtraRow>;
type MenuProduct = Omit<MenuProductRow, 'sizes'> & {
  sizes: MenuSize[];
  available: boolean;
  image: ProductImage | null;
};

export type Menu = Awaited<ReturnType<typeof getMenu>>;
