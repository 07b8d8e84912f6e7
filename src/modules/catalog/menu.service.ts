// The menu as customers see it: each size says whether it can be made now and how many.
import type { Executor } from '../../db/executor.js';
import { NotFoundError } from '../../shared/errors.js';
import { toPublicPizzeria, type PizzeriaRef } from '../pizzerias/index.js';
import { imageOf, type ProductImage } from './pictures.js';
import { findMenuRows, type MenuExtraRow, type MenuProductRow, type MenuSizeRow } from './menu.repository.js';

export async function getMenu(ex: Executor, ref: PizzeriaRef, now: Date) {
  const rows = await findMenuRows(ex, ref);
  if (!rows) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  // The rows are this request's own (parsed from the statement's JSON): `available` is added in place, after
  // the other fields as before, instead of copying every product, size and extra.
  const products = rows.products as (MenuProductRow & {
    sizes: Available<MenuSizeRow>[];
    available: boolean;
    image: ProductImage | null;
  })[];
  for (const p of products) {
    p.image = imageOf(p.imageKey);
    delete p.imageKey;
    p.available = false;
    for (const s of p.sizes) {
      s.available = s.maxQuantity > 0;
      if (s.available) p.available = true;
    }
  }
  const extras = rows.extras as Available<MenuExtraRow>[];
  for (const e of extras) e.available = e.maxQuantity > 0;
  return { pizzeria: toPublicPizzeria(rows.pizzeria, now), products, extras };
}

type Available<T> = T & { available: boolean };

export type Menu = Awaited<ReturnType<typeof getMenu>>;
