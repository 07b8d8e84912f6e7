// The menu as customers see it: each size says whether it can be made now and how many, and its allergens.
// The statement renders the products and extras (menu.repository.ts); the shop's public view (open now, next
// opening, today's hours) needs the clock and the time-zone rules, so it is the one part serialised here.
import type { Executor } from '../../db/executor.js';
import { NotFoundError } from '../../shared/errors.js';
import { toPublicPizzeria, type PizzeriaRef } from '../pizzerias/index.js';
import { findMenuRows } from './menu.repository.js';

/** A menu as the JSON text the API sends (menuSchema); `JSON.parse` it for an object. */
export interface MenuDocument {
  json: string;
}

export async function getMenu(ex: Executor, ref: PizzeriaRef, now: Date): Promise<MenuDocument> {
  const rows = await findMenuRows(ex, ref, now);
  if (!rows) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  const pizzeria = JSON.stringify(toPublicPizzeria(rows.pizzeria, now));
  return {
    json: `{"pizzeria":${pizzeria},"products":${rows.productsJson},"extras":${rows.extrasJson}}`,
  };
}
