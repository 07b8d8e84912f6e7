// Two shops with everything the back office shows: catalogue, stock and its ledger, staff, customers, and one
// order per shop with a line, a status event, a payment and a refund, and purchasing: a group supplier, the shop's
// own supplier with an item, and a sent purchase order whose receipt is the shop's first dough movement. Shop A is
// the signed-in manager's.
import { QueryTypes, type Sequelize } from 'sequelize';
import { createShopWorld, type ShopWorld } from '../../factories/shop.js';
import { createCustomer, createEmployee } from '../../factories/people.js';
import { insertOrder } from '../../factories/orders.js';
import { createSupplier, supplierItem } from '../../factories/purchasing.js';

export interface ShopRows {
  world: ShopWorld;
  orderId: string;
  lineId: number;
  eventId: number;
  paymentId: number;
  refundId: number;
  /** « Corriger le moyen de paiement »: its payment recorded in cash, corrected to the card terminal. */
  correctionId: number;
  /** A failed e-mail to the shop's customer (back office « Messages »). */
  outboxId: number;
  /** The customer's export of their data, in the privacy log (back office « Demandes RGPD »). */
  privacyRequestId: number;
  movementId: number;
  customerId: number;
  pizzaioloId: number;
  managerId: number;
  /** A supplier of the whole group (no shop), created with this shop's rows. */
  groupSupplierId: number;
  /** The shop's own supplier, and what it sells (mozzarella). */
  shopSupplierId: number;
  supplierItemId: number;
  /** A sent purchase order of the shop to its supplier, one line; the dough's first movement is its receipt. */
  purchaseOrderId: number;
}

export interface AdminWorld {
  a: ShopRows;
  b: ShopRows;
}

async function one<T>(db: Sequelize, sql: string, bind: unknown[]): Promise<T> {
  const [row] = await db.query<{ id: T }>(sql + ' RETURNING id', { type: QueryTypes.SELECT, bind });
  return row.id;
}

async function shopRows(db: Sequelize, prefix: string, code: string): Promise<ShopRows> {
  const world = await createShopWorld(db, { prefix, shop: { code } });
  const customerId = (await createCustomer(db)).id;
  const order = await insertOrder(db, { pizzeriaId: world.shopId, customerId });
  const lineId = await one<number>(
    db,
    `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
       unit_price_cents, quantity, vat_rate_bp, line_total_cents)
     VALUES ($1, 1, $2, $3, 'Margherita', 'Sénior 31 cm', 1290, 2, 1000, 2580)`,
    [order.id, world.margherita.productId, world.margherita.sizeM],
  );
  const eventId = await one<number>(
    db,
    `INSERT INTO order_status_events (order_id, to_status, actor_type, actor_customer_id)
     VALUES ($1, 'received', 'customer', $2)`,
    [order.id, customerId],
  );
  const paymentId = await one<number>(
    db,
    `INSERT INTO payments (order_id, provider, amount_cents, status) VALUES ($1, 'cash', 2580, 'succeeded')`,
    [order.id],
  );
  const refundId = await one<number>(
    db,
    `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, status)
     VALUES ($1, $2, 500, 'Pizza froide', 'succeeded')`,
    [paymentId, order.id],
  );
  const correctionId = await one<number>(
    db,
    `INSERT INTO payment_corrections (payment_id, order_id, from_provider, to_provider, amount_cents, reason)
     VALUES ($1, $2, 'cash', 'card_terminal', 2580, 'Payé au terminal, saisi en espèces')`,
    [paymentId, order.id],
  );
  const outboxId = await one<number>(
    db,
    `INSERT INTO outbox (key, kind, recipient, order_id, customer_id, pizzeria_id, message_id, status, attempts,
       last_error, failed_at)
     VALUES ($1, 'order.confirmation', 'client@example.test', $2, $3, $4, $5, 'failed', 1,
       'SMTP 550: Recipient address rejected', now())`,
    [`order:${order.id}:confirmation:v1`, order.id, customerId, world.shopId, `<${order.id}@ocpizza.test>`],
  );
  const privacyRequestId = await one<number>(
    db,
    `INSERT INTO privacy_requests (kind, origin, customer_id, summary)
     VALUES ('export', 'customer', $1, '{"sections": ["customers", "orders"]}')`,
    [customerId],
  );
  const [movement] = await db.query<{ id: number }>(
    'SELECT id FROM stock_movements WHERE stock_item_id = $1 ORDER BY id LIMIT 1',
    { type: QueryTypes.SELECT, bind: [world.stockIds.dough] },
  );
  const groupSupplierId = await createSupplier(db, { name: `${prefix}Grossiste du groupe` });
  const shopSupplierId = await createSupplier(db, {
    pizzeriaId: world.shopId,
    name: `${prefix}Fromagerie du quartier`,
  });
  const supplierItemId = await supplierItem(db, shopSupplierId, world.ingredients.mozza);
  const purchaseOrderId = await one<number>(
    db,
    `INSERT INTO purchase_orders (number, pizzeria_id, supplier_id, status, total_cents, sent_at)
     VALUES ($1, $2, $3, 'sent', 5000, now())`,
    [`BC-${code}-${Math.random().toString(36).slice(2, 10)}`, world.shopId, shopSupplierId],
  );
  await db.query(
    `INSERT INTO purchase_order_lines (purchase_order_id, ingredient_id, supplier_item_id, reference, pack_label,
       pack_quantity, pack_price_cents, packs, received_quantity, refused_quantity)
     VALUES ($1, $2, $3, 'REF-MOZ', 'Bloc 2,5 kg', 2500, 1250, 4, 7500, 2500)`,
    { bind: [purchaseOrderId, world.ingredients.mozza, supplierItemId] },
  );
  await db.query('UPDATE stock_movements SET purchase_order_id = $1 WHERE id = $2', {
    bind: [purchaseOrderId, movement.id],
  });
  const pizzaioloId = (await createEmployee(db, { role: 'pizzaiolo', pizzeriaId: world.shopId })).id;
  const managerId = (await createEmployee(db, { role: 'manager', pizzeriaId: world.shopId })).id;
  return {
    world,
    orderId: order.id,
    lineId,
    eventId,
    paymentId,
    refundId,
    correctionId,
    outboxId,
    privacyRequestId,
    movementId: movement.id,
    customerId,
    pizzaioloId,
    managerId,
    groupSupplierId,
    shopSupplierId,
    supplierItemId,
    purchaseOrderId,
  };
}

export async function adminWorld(db: Sequelize): Promise<AdminWorld> {
  return { a: await shopRows(db, '', 'P01'), b: await shopRows(db, 'B ', 'P02') };
}

/** The row as the database has it now (null when gone), to prove a refused request changed nothing. */
export async function rowOf(db: Sequelize, table: string, id: string | number): Promise<unknown> {
  const [row] = await db.query<{ row: unknown }>(
    `SELECT row_to_json(t) AS row FROM "${table}" t WHERE id = $1`,
    {
      type: QueryTypes.SELECT,
      bind: [id],
    },
  );
  return row?.row ?? null;
}

export async function countOf(db: Sequelize, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`, {
    type: QueryTypes.SELECT,
  });
  return row.n;
}
