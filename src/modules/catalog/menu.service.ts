// The menu as customers see it: each size says whether it can be made now and how many.
import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../../shared/errors.js';
import { toPublicPizzeria, type PizzeriaRef } from '../pizzerias/pizzerias.service.js';
import { findMenuRows } from './menu.repository.js';

export async function getMenu(db: Sequelize, ref: PizzeriaRef) {
  const rows = await findMenuRows(db, ref);
  if (!rows) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  return {
    pizzeria: toPublicPizzeria(rows.pizzeria),
    products: rows.products.map((p) => {
      const sizes = p.sizes.map((s) => ({ ...s, available: s.maxQuantity > 0 }));
      return { ...p, available: sizes.some((s) => s.available), sizes };
    }),
    extras: rows.extras.map((e) => ({ ...e, available: e.maxQuantity > 0 })),
  };
}

export type Menu = Awaited<ReturnType<typeof getMenu>>;
