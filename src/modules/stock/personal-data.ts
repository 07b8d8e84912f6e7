// The stock module's part of a customer's personal data (issue 21): the ingredients reserved and used for their
// orders. The ledger keeps them (stock_items equal the sum of their movements) and they name no person.
import type { PersonalDataHolder } from '../privacy/index.js';

export const stockHolder: PersonalDataHolder = {
  module: 'stock',
  tables: [
    { table: 'stock_movements', treatment: 'kept', why: 'registre des stocks : ingrédients des commandes' },
  ],
  async exportFor(ex, { orderIds }) {
    return {
      stockMovements: await ex.many(
        `SELECT m.id, m.order_id AS "orderId", i.name AS ingredient, i.unit, m.kind, m.quantity,
                m.created_at AS "createdAt"
           FROM stock_movements m
           JOIN stock_items s ON s.id = m.stock_item_id
           JOIN ingredients i ON i.id = s.ingredient_id
          WHERE m.order_id = ANY($1::uuid[]) ORDER BY m.id`,
        [orderIds],
      ),
    };
  },
  async erase() {
    return {};
  },
};
