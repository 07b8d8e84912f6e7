// Orders taken to their end through the API (start, ready, collect with the money), and the sales journal read
// back as stored, for the sales journal's tests.
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { client } from '../helpers/api.js';
import type { JournalEntry } from '../../src/modules/journal/index.js';
import { ENTRY_COLUMNS } from '../../src/modules/journal/index.js';
import { placeThroughApi, type ShopWorld } from './shop.js';

type Api = ReturnType<typeof client>;

/** A takeaway order placed by the customer and collected at the counter, paid with `method`. */
export async function collectedOrder(
  api: Api,
  w: ShopWorld,
  tokens: { customer: string; staff: string },
  o: { quantity?: number; method?: 'cash' | 'card_terminal' | 'meal_voucher' } = {},
) {
  const { order } = await placeThroughApi(api, tokens.customer, {
    pizzeriaId: w.shopId,
    fulfilment: 'takeaway',
    items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: o.quantity ?? 1 }],
  });
  for (const step of ['start', 'ready']) {
    const res = await api.post(`/api/staff/orders/${order.id}/${step}`, { token: tokens.staff });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }
  const method = o.method ?? 'cash';
  const collected = await api.post(`/api/staff/orders/${order.id}/collect`, {
    token: tokens.staff,
    body: { payment: { method, amountReceivedCents: order.totalCents } },
  });
  expect(collected.status, JSON.stringify(collected.body)).to.equal(200);
  return order;
}

/** The journal of a shop (every shop when null) as stored, in number order. */
export async function journalOf(db: Sequelize, pizzeriaId: number | null): Promise<JournalEntry[]> {
  return db.query<JournalEntry>(
    `SELECT ${ENTRY_COLUMNS} FROM sales_journal WHERE $1::int IS NULL OR pizzeria_id = $1 ORDER BY pizzeria_id, seq`,
    { type: QueryTypes.SELECT, bind: [pizzeriaId] },
  );
}

/** Runs SQL as the superuser with the journal's triggers off (what an attacker with full access could do). */
export async function tamper(db: Sequelize, sql: string, bind: unknown[] = []): Promise<void> {
  await db.transaction(async (transaction) => {
    await db.query('SET LOCAL session_replication_role = replica', { transaction });
    await db.query(sql, { transaction, bind });
  });
}
