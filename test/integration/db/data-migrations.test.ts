// Migrations that change existing data, on a database that already has some: the refund cap (refunded totals
// backfilled, the rule holds at once, down removes it, data that already breaks the rule stops it) and the
// repair of demo order lines.
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createSequelize } from '../../../src/db/sequelize.js';
import { createMigrator } from '../../../src/db/migrator.js';
import { createIngredient, createPizzeria, createProduct } from '../../factories/catalog.js';
import { insertOrder } from '../../factories/orders.js';
import { ownDatabaseName, dropDatabase, recreateDatabase, siblingDatabaseUrl } from '../../helpers/db.js';

const BEFORE = '20261129000010-admin-sessions.cjs';
const REFUND_CAP = '20261129000011-refund-cap.cjs';
// Named after this run's own test database, so that parallel runs of other branches never share it.
const NAME = ownDatabaseName('data_migrations');

describe('data migrations: refund cap, demo order-line extras', function () {
  this.timeout(60_000);
  let db: Sequelize;

  before(async () => {
    await recreateDatabase(NAME);
    db = createSequelize({ url: siblingDatabaseUrl(NAME), poolMax: 2, applicationName: 'ocpizza-tests-cap' });
  });
  after(async () => {
    await db?.close();
    await dropDatabase(NAME);
  });

  const rows = <T extends object>(sql: string, bind: unknown[] = []) =>
    db.query<T>(sql, { type: QueryTypes.SELECT, bind });
  async function payment(orderId: string, amount: number): Promise<number> {
    const [p] = await rows<{ id: number }>(
      `INSERT INTO payments (order_id, provider, amount_cents, status) VALUES ($1, 'cash', $2, 'succeeded') RETURNING id`,
      [orderId, amount],
    );
    return p.id;
  }
  const refund = (paymentId: number, orderId: string, amount: number, status: string, ref: string | null) =>
    db.query(
      `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, provider_reference, status)
       VALUES ($1, $2, $3, 'Ancien remboursement', $4, $5)`,
      { bind: [paymentId, orderId, amount, ref, status] },
    );
  const refunded = async () =>
    (
      await rows<{ id: number; refunded: number }>(
        `SELECT id, refunded_cents AS refunded FROM payments ORDER BY id`,
      )
    ).map((r) => [r.id, r.refunded]);
  const hasColumn = async () =>
    (
      await rows(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'payments' AND column_name = 'refunded_cents'`,
      )
    ).length === 1;

  it('when migrated over existing refunds, then totals are backfilled, the cap holds, and down removes it', async () => {
    const migrator = await createMigrator(db);
    await migrator.up({ to: BEFORE });
    const shop = await createPizzeria(db);
    const order = await insertOrder(db, { pizzeriaId: shop, subtotalCents: 2030 });
    const paid = await payment(order.id, 2030);
    const untouched = await payment(order.id, 1500);
    await refund(paid, order.id, 500, 'succeeded', 're_old_1');
    await refund(paid, order.id, 300, 'failed', 're_old_2');
    await refund(paid, order.id, 200, 'pending', null);

    await migrator.up();
    expect(await refunded()).to.deep.equal([
      [paid, 700],
      [untouched, 0],
    ]);
    const over = await refund(paid, order.id, 1331, 'succeeded', null).then(
      () => null,
      (e: { original?: { constraint?: string } }) => e.original?.constraint,
    );
    expect(over).to.equal('payments_refunded_within_amount');

    await migrator.down({ to: REFUND_CAP });
    expect(await hasColumn()).to.equal(false);
    // Without the rule, the old code could record the same Stripe refund twice and refund past the payment.
    await refund(paid, order.id, 1500, 'succeeded', 're_old_1');
    const error = await migrator.up().then(
      () => null,
      (e: Error) => e,
    );
    expect(error, 'the migration refuses data that breaks its rule').not.to.equal(null);
    const message = `${error!.message} ${String((error as { cause?: Error }).cause?.message ?? '')}`;
    expect(message).to.include(`payment ${paid} (order ${order.id}): 2200 cents refunded of 2030 paid`);
    expect(message).to.match(/provider refund re_old_1 recorded by refunds/);
    expect(await hasColumn(), 'nothing half done').to.equal(false);
  });

  it('when order lines of an old demo seed carry extras as extraId, then they are given the app’s id', async () => {
    const migrator = await createMigrator(db);
    await migrator.down({ to: 0 });
    await migrator.up({ to: REFUND_CAP });
    const shop = await createPizzeria(db);
    const order = await insertOrder(db, { pizzeriaId: shop });
    const dough = await createIngredient(db, 'Pâte');
    const pizza = await createProduct(db, { recipe: { [dough]: 250 } });
    const line = (position: number, extras: object[]) =>
      db.query(
        `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
           unit_price_cents, extras, quantity, vat_rate_bp, line_total_cents)
         VALUES ($1, $2, $3, $4, 'Margherita', 'Sénior', 1290, $5, 1, 1000, 1290)`,
        { bind: [order.id, position, pizza.id, pizza.sizeIds.M, JSON.stringify(extras)] },
      );
    await line(1, [
      { extraId: 7, name: 'Mozzarella', priceCents: 150 },
      { extraId: 9, name: 'Œuf', priceCents: 100 },
    ]);
    await line(2, [{ id: 7, name: 'Mozzarella', priceCents: 150 }]);
    await line(3, []);

    await migrator.up();
    const extras = await rows<{ extras: object[] }>(
      `SELECT extras FROM order_lines WHERE order_id = $1 ORDER BY position`,
      [order.id],
    );
    expect(extras.map((l) => l.extras)).to.deep.equal([
      [
        { id: 7, name: 'Mozzarella', priceCents: 150 },
        { id: 9, name: 'Œuf', priceCents: 100 },
      ],
      [{ id: 7, name: 'Mozzarella', priceCents: 150 }],
      [],
    ]);
  });
});
