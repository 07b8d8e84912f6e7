// For each back-office table: a record of shop A to show and edit, a valid edit, a valid creation and a
// record that can be deleted (nothing refers to it), built on the world of world.ts.
import { QueryTypes, type Sequelize } from 'sequelize';
import { createExtra, createIngredient, createPizzeria, createProduct } from '../../factories/catalog.js';
import { createEmployee } from '../../factories/people.js';
import { createSupplier, supplierItem } from '../../factories/purchasing.js';
import type { AdminWorld } from './world.js';

export interface TableFixture {
  showId: string | number;
  editId: string | number;
  edit: Record<string, string>;
  create: Record<string, string>;
  deleteId: (db: Sequelize) => Promise<string | number>;
}

type Fixtures = Record<string, (w: AdminWorld, db: Sequelize) => TableFixture | Promise<TableFixture>>;

const existing = (id: string | number) => async () => id;

async function recipeLineOf(db: Sequelize, productId: number): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'SELECT min(id) AS id FROM recipe_lines WHERE product_id = $1',
    {
      type: QueryTypes.SELECT,
      bind: [productId],
    },
  );
  return row.id;
}

/** A row of `table (columns)` with these values; its id. */
async function insertRow(db: Sequelize, table: string, values: unknown[]): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO ${table} VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    { type: QueryTypes.SELECT, bind: values },
  );
  return row.id;
}

/** A message of the outbox (failed, so that « Renvoyer » would apply), to the customer of the shop's order. */
async function outboxMessage(db: Sequelize, w: AdminWorld['a']): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO outbox (key, kind, recipient, order_id, customer_id, pizzeria_id, message_id, status, attempts,
       last_error, failed_at)
     VALUES ($1, 'order.confirmation', 'client@example.test', $2, $3, $4, $5, 'failed', 1, 'SMTP 550', now())
     RETURNING id::int`,
    {
      type: QueryTypes.SELECT,
      bind: [
        `matrix:${w.orderId}:${Math.random()}`,
        w.orderId,
        w.customerId,
        w.world.shopId,
        `<${Math.random()}@t>`,
      ],
    },
  );
  return row.id;
}

export const FIXTURES: Fixtures = {
  pizzerias: ({ a }) => ({
    showId: a.world.shopId,
    editId: a.world.shopId,
    edit: { phone: '01 11 11 11 11' },
    create: {
      code: 'P77',
      name: 'OC Pizza Test',
      addressLine: '1 rue de Lappe',
      postcode: '75011',
      city: 'Paris',
      lat: '48.853',
      lng: '2.371',
      phone: '01 22 22 22 22',
      deliveryRadiusM: '3000',
      openingHoursJson: '{"mon": [["11:00", "14:00"]]}',
    },
    deleteId: (db) => createPizzeria(db, { code: 'P88' }),
  }),
  products: ({ a }) => ({
    showId: a.world.margherita.productId,
    editId: a.world.margherita.productId,
    edit: { active: 'false' },
    create: { name: 'Regina', category: 'pizza', vatRateBp: '1000' },
    deleteId: async (db) => (await createProduct(db, { name: 'Éphémère', recipe: {} })).id,
  }),
  product_sizes: ({ a }) => ({
    showId: a.world.margherita.sizeL,
    editId: a.world.margherita.sizeL,
    edit: { active: 'false' },
    create: {
      productId: String(a.world.margherita.productId),
      code: 'XL',
      label: 'Maxi',
      priceCents: '1990',
    },
    deleteId: async (db) =>
      (
        await createProduct(db, {
          recipe: {},
          sizes: [{ code: 'U', label: 'U', priceCents: 100, factorPct: 100 }],
        })
      ).sizeIds.U,
  }),
  recipe_lines: async ({ a }, db) => ({
    showId: await recipeLineOf(db, a.world.margherita.productId),
    editId: await recipeLineOf(db, a.world.margherita.productId),
    edit: { quantity: '260' },
    create: {
      productId: String(a.world.margherita.productId),
      ingredientId: String(a.world.ingredients.cola),
      quantity: '5',
    },
    deleteId: async (db) => {
      const ingredient = await createIngredient(db, 'Basilic');
      return recipeLineOf(
        db,
        (await createProduct(db, { name: 'Basilico', recipe: { [ingredient]: 3 } })).id,
      );
    },
  }),
  extras: ({ a }) => ({
    showId: a.world.extraMozza,
    editId: a.world.extraMozza,
    edit: { priceCents: '180' },
    create: {
      name: 'Supplément olives',
      ingredientId: String(a.world.ingredients.mozza),
      quantity: '10',
      priceCents: '100',
    },
    deleteId: (db) => createExtra(db, a.world.ingredients.sauce, 20),
  }),
  shop_products: async ({ a }, db) => {
    const id = await insertRow(db, 'shop_products (pizzeria_id, product_id, offered)', [
      a.world.shopId,
      a.world.margherita.productId,
      false,
    ]);
    return {
      showId: id,
      editId: id,
      edit: { offered: 'true' },
      create: { pizzeriaId: String(a.world.shopId), productId: String(a.world.cola.productId) },
      deleteId: async (db) =>
        insertRow(db, 'shop_products (pizzeria_id, product_id, offered)', [
          a.world.shopId,
          (await createProduct(db, { name: 'Retirée', recipe: {} })).id,
          false,
        ]),
    };
  },
  shop_sizes: async ({ a }, db) => {
    const id = await insertRow(db, 'shop_sizes (pizzeria_id, size_id, offered)', [
      a.world.shopId,
      a.world.margherita.sizeM,
      true,
    ]);
    return {
      showId: id,
      editId: id,
      edit: { offered: 'false' },
      create: {
        pizzeriaId: String(a.world.shopId),
        sizeId: String(a.world.margherita.sizeL),
        offered: 'false',
      },
      deleteId: (db) =>
        insertRow(db, 'shop_sizes (pizzeria_id, size_id, offered)', [
          a.world.shopId,
          a.world.cola.sizeId,
          false,
        ]),
    };
  },
  menu_ruptures: async ({ a }, db) => {
    const id = await insertRow(db, 'menu_ruptures (pizzeria_id, size_id, reason)', [
      a.world.shopId,
      a.world.margherita.sizeM,
      'Plus de basilic',
    ]);
    return {
      showId: id,
      editId: id,
      edit: { reason: 'Plus de basilic frais' },
      create: {
        pizzeriaId: String(a.world.shopId),
        sizeId: String(a.world.margherita.sizeL),
        reason: 'Pâte',
      },
      deleteId: (db) =>
        insertRow(db, 'menu_ruptures (pizzeria_id, extra_id, reason)', [
          a.world.shopId,
          a.world.extraMozza,
          'Four',
        ]),
    };
  },
  ingredients: ({ a }) => ({
    showId: a.world.ingredients.mozza,
    editId: a.world.ingredients.mozza,
    edit: { allergensReviewed: 'true' },
    create: { name: 'Truffe', unit: 'g' },
    deleteId: (db) => createIngredient(db, 'Safran'),
  }),
  stock_items: ({ a }) => ({
    showId: a.world.stockIds.dough,
    editId: a.world.stockIds.dough,
    edit: { alertThreshold: '1234' },
    create: {
      pizzeriaId: String(a.world.shopId),
      ingredientId: String(a.world.ingredients.cola),
      alertThreshold: '1',
    },
    deleteId: existing(a.world.stockIds.cola),
  }),
  stock_movements: ({ a }) => ({
    showId: a.movementId,
    editId: a.movementId,
    edit: { quantity: '999' },
    create: { stockItemId: String(a.world.stockIds.dough), kind: 'receipt', quantity: '10' },
    deleteId: existing(a.movementId),
  }),
  // Shop A's own supplier (a manager's to change); a new one with no purchase order can be deleted.
  suppliers: ({ a }) => ({
    showId: a.shopSupplierId,
    editId: a.shopSupplierId,
    edit: { name: 'Fromagerie modifiée', 'deliveryDays.0': 'tue', 'deliveryDays.1': 'fri' },
    create: {
      name: 'Primeur Martin',
      email: 'commandes@primeur-martin.example.fr',
      'deliveryDays.0': 'mon',
      'deliveryDays.1': 'thu',
      leadTimeDays: '2',
      minimumOrderCentsText: '80,00',
    },
    deleteId: (db) => createSupplier(db, { pizzeriaId: a.world.shopId, name: 'Sans commande' }),
  }),
  supplier_items: ({ a }) => ({
    showId: a.supplierItemId,
    editId: a.supplierItemId,
    edit: { packPriceCentsText: '13,40' },
    create: {
      supplierId: String(a.shopSupplierId),
      ingredientId: String(a.world.ingredients.sauce),
      packLabel: 'Seau 5 kg',
      packQuantity: '5000',
      packPriceCentsText: '18,90',
    },
    deleteId: async (db) => supplierItem(db, a.shopSupplierId, await createIngredient(db, 'Origan')),
  }),
  purchase_orders: ({ a }) => ({
    showId: a.purchaseOrderId,
    editId: a.purchaseOrderId,
    edit: { note: 'modifié', status: 'cancelled' },
    create: {
      number: 'BC-X',
      pizzeriaId: String(a.world.shopId),
      supplierId: String(a.shopSupplierId),
    },
    deleteId: existing(a.purchaseOrderId),
  }),
  employees: ({ a }) => ({
    showId: a.pizzaioloId,
    editId: a.pizzaioloId,
    edit: { firstName: 'Modifié', role: 'pizzaiolo' },
    create: {
      email: 'nouveau@ocpizza.test',
      firstName: 'Nina',
      lastName: 'Nouvelle',
      role: 'pizzaiolo',
      pizzeriaId: String(a.world.shopId),
      newPassword: 'motdepasse-solide-42',
    },
    deleteId: async (db) => (await createEmployee(db, { role: 'driver', pizzeriaId: a.world.shopId })).id,
  }),
  customers: ({ a }) => ({
    showId: a.customerId,
    editId: a.customerId,
    edit: { firstName: 'Modifié' },
    create: { email: 'x@example.test', firstName: 'X', lastName: 'Y', passwordHash: 'x' },
    deleteId: existing(a.customerId),
  }),
  orders: ({ a }) => ({
    showId: a.orderId,
    editId: a.orderId,
    edit: { note: 'modifiée', status: 'cancelled' },
    create: { number: 'X1', pizzeriaId: String(a.world.shopId), customerName: 'X', totalCents: '0' },
    deleteId: existing(a.orderId),
  }),
  order_lines: ({ a }) => ({
    showId: a.lineId,
    editId: a.lineId,
    edit: { quantity: '9' },
    create: { orderId: a.orderId, position: '2', quantity: '1' },
    deleteId: existing(a.lineId),
  }),
  order_status_events: ({ a }) => ({
    showId: a.eventId,
    editId: a.eventId,
    edit: { toStatus: 'cancelled' },
    create: { orderId: a.orderId, toStatus: 'cancelled', actorType: 'system' },
    deleteId: existing(a.eventId),
  }),
  payments: ({ a }) => ({
    showId: a.paymentId,
    editId: a.paymentId,
    edit: { amountCents: '1' },
    create: { orderId: a.orderId, provider: 'cash', amountCents: '1', status: 'succeeded' },
    deleteId: existing(a.paymentId),
  }),
  refunds: ({ a }) => ({
    showId: a.refundId,
    editId: a.refundId,
    edit: { amountCents: '1' },
    create: {
      orderId: a.orderId,
      paymentId: String(a.paymentId),
      amountCents: '1',
      reason: 'x',
      status: 'pending',
    },
    deleteId: existing(a.refundId),
  }),
  payment_corrections: ({ a }) => ({
    showId: a.correctionId,
    editId: a.correctionId,
    edit: { amountCents: '1' },
    create: {
      orderId: a.orderId,
      paymentId: String(a.paymentId),
      fromProvider: 'cash',
      toProvider: 'meal_voucher',
      amountCents: '1',
      reason: 'x',
    },
    deleteId: existing(a.correctionId),
  }),
  privacy_requests: ({ a }, db) => ({
    showId: a.privacyRequestId,
    editId: a.privacyRequestId,
    edit: { reason: 'modifié', kind: 'erasure' },
    create: { kind: 'export', origin: 'customer', customerId: String(a.customerId) },
    deleteId: () =>
      insertRow(db, 'privacy_requests (kind, origin, customer_id)', ['export', 'customer', a.customerId]),
  }),
  outbox: async ({ a }, db) => {
    const id = await outboxMessage(db, a);
    return {
      showId: id,
      editId: id,
      edit: { recipient: 'pirate@example.test', status: 'pending' },
      create: { key: 'x', kind: 'order.confirmation', recipient: 'x@example.test', messageId: '<x@t>' },
      deleteId: () => outboxMessage(db, a),
    };
  },
};
