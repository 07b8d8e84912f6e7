// The menu as customers see it: each size says whether it can be made now and how many.
import type { Executor } from '../../db/executor.js';
import { NotFoundError } from '../../shared/errors.js';
import { toPublicPizzeria, type PizzeriaRef } from '../pizzerias/index.js';
import { findMenuRows } from './menu.repository.js';

export async function getMenu(ex: Executor, ref: PizzeriaRef, now: Date) {
  const rows = await findMenuRows(ex, ref);
  if (!rows) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  return {
    pizzeria: toPublicPizzeria(rows.pizzeria, now),
    products: rows.products.map((p) => {
      const sizes = p.sizes.map((s) => ({ ...s, available: s.maxQuantity > 0 }));
      return { ...p, available: sizes.some((s) => s.available), sizes };
    }),
    extras: rows.extras.map((e) => ({ ...e, available: e.maxQuantity > 0 })),
  };
}

export type Menu = Awaited<ReturnType<typeof getMenu>>;
