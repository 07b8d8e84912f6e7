// The demo orders are written by the application's services (seeders/seed.ts), not by a copy of their rules:
// what the seed stored is what the services compute, each step was taken by the right person of the right shop
// while the shop was open, the payments and the stock ledger are the product's.
import { expect } from 'chai';
import type { Database } from '../../../src/db/executor.js';
import { isOpenAt, type OpeningHours } from '../../../src/modules/pizzerias/index.js';
import { LocalEventBus } from '../../../src/realtime/events.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createServices, type Services } from '../../../src/wiring.js';
import { DEMO_ORDERS } from '../../../seeders/demo-data.js';
import { seedDemo } from '../../../seeders/seed.js';
import { testSettings } from '../../helpers/app.js';
import { testDatabase } from '../../helpers/db.js';

interface SeededOrder {
  id: string;
  number: string;
  key: string;
  pizzeriaId: number;
  channel: string;
  fulfilment: 'delivery' | 'takeaway';
  status: string;
  paymentMethod: string;
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  vatBreakdown: unknown;
  createdAt: Date;
  updatedAt: Date;
  openingHours: OpeningHours;
  timezone: string;
  lines: {
    productId: number;
    sizeId: number;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
    extras: { id: number }[];
  }[];
}

const ORDERS = `
  SELECT o.id, o.number, o.idempotency_key AS key, o.pizzeria_id AS "pizzeriaId", o.channel, o.fulfilment, o.status,
         o.payment_method AS "paymentMethod", o.subtotal_cents AS "subtotalCents",
         o.delivery_fee_cents AS "deliveryFeeCents", o.total_cents AS "totalCents", o.vat_breakdown AS "vatBreakdown",
         o.created_at AS "createdAt", o.updated_at AS "updatedAt", p.opening_hours AS "openingHours", p.timezone,
         (SELECT json_agg(json_build_object('productId', l.product_id, 'sizeId', l.product_size_id,
                   'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents,
                   'lineTotalCents', l.line_total_cents, 'extras', l.extras) ORDER BY l.position)
            FROM order_lines l WHERE l.order_id = o.id) AS lines
    FROM orders o JOIN pizzerias p ON p.id = o.pizzeria_id
   ORDER BY o.created_at`;

describe('demo seed through the services', () => {
  let database: Database;
  let services: Services;
  let orders: SeededOrder[];

  before(async () => {
    database = await testDatabase();
    services = createServices({
      settings: testSettings(),
      logger: createLogger('silent'),
      db: database,
      bus: new LocalEventBus(),
      clock: systemClock,
    });
  });
  beforeEach(async () => {
    await seedDemo(database);
    orders = await database.read((ex) => ex.many<SeededOrder>(ORDERS));
  });

  it('when the demo is seeded, then every order is priced as the services quote its items (lines, fee, VAT, total)', async () => {
    expect(orders.map((o) => o.key).sort()).to.deep.equal(DEMO_ORDERS.map((o) => `seed-${o.key}`).sort());
    for (const o of orders) {
      const quote = await services.orders.quote({
        pizzeriaId: o.pizzeriaId,
        fulfilment: o.fulfilment,
        items: o.lines.map((l) => ({
          productId: l.productId,
          sizeId: l.sizeId,
          quantity: l.quantity,
          extraIds: l.extras.map((e) => e.id),
        })),
      });
      expect(
        {
          lines: o.lines.map((l) => [l.unitPriceCents, l.lineTotalCents]),
          subtotalCents: o.subtotalCents,
          deliveryFeeCents: o.deliveryFeeCents,
          totalCents: o.totalCents,
          vatBreakdown: o.vatBreakdown,
        },
        o.number,
      ).to.deep.equal({
        lines: quote.lines.map((l) => [l.unitPriceCents, l.lineTotalCents]),
        subtotalCents: quote.subtotalCents,
        deliveryFeeCents: quote.deliveryFeeCents,
        totalCents: quote.totalCents,
        vatBreakdown: quote.vatBreakdown,
      });
    }
  });

  it('when the demo is seeded, then each delivered or collected order has exactly one succeeded payment of its total, and nothing else was taken', async () => {
    const payments = await database.read((ex) =>
      ex.many<{
        orderId: string;
        provider: string;
        reference: string | null;
        status: string;
        amountCents: number;
      }>(
        `SELECT order_id AS "orderId", provider, provider_reference AS reference, status, amount_cents AS "amountCents"
           FROM payments`,
      ),
    );
    for (const o of orders) {
      const own = payments.filter((p) => p.orderId === o.id);
      const succeeded = own.filter((p) => p.status === 'succeeded');
      const online = o.paymentMethod === 'card_online';
      // Collected at the hand-over; an online payment is captured when preparation starts.
      const paid =
        ['delivered', 'collected'].includes(o.status) ||
        (online && ['preparing', 'ready', 'out_for_delivery'].includes(o.status));
      expect(
        succeeded.map((p) => p.amountCents),
        `${o.number} ${o.status}`,
      ).to.deep.equal(paid ? [o.totalCents] : []);
      if (online) {
        // Created at placement with the demo provider, one per order.
        expect(
          own.map((p) => [p.provider, /^pi_demo_/.test(p.reference ?? '')]),
          o.number,
        ).to.deep.equal([['stripe', true]]);
      } else {
        expect(
          own.every((p) => p.provider !== 'stripe'),
          o.number,
        ).to.equal(true);
      }
    }
    // Every confirmation of an online payment went through the webhook handler (one processed event each).
    const [{ confirmed, events }] = await database.read((ex) =>
      ex.many<{ confirmed: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM order_status_events e JOIN orders o ON o.id = e.order_id
                  WHERE e.from_status = 'pending_payment' AND e.to_status = 'received') AS confirmed,
                (SELECT count(*)::int FROM processed_webhook_events) AS events`,
      ),
    );
    expect(events).to.equal(confirmed).and.to.be.above(0);
  });

  it('when the demo is seeded, then the stock ledger is true (services.stock.ledgerDiscrepancies() is empty)', async () => {
    expect(await services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });

  it('when the demo is seeded, then each order was placed while its shop was open, and each step taken by the right person of that shop', async () => {
    const events = await database.read((ex) =>
      ex.many<{
        orderId: string;
        from: string | null;
        to: string;
        actor: string;
        customerId: number | null;
        role: string | null;
        shopId: number | null;
        at: Date;
      }>(
        `SELECT e.order_id AS "orderId", e.from_status AS from, e.to_status AS to, e.actor_type AS actor,
                e.actor_customer_id AS "customerId", s.role, s.pizzeria_id AS "shopId", e.created_at AS at
           FROM order_status_events e LEFT JOIN employees s ON s.id = e.actor_employee_id
          ORDER BY e.created_at, e.id`,
      ),
    );
    const who = (e: (typeof events)[number]) => (e.actor === 'employee' ? e.role : e.actor);
    const BY: Record<string, string[]> = {
      preparing: ['pizzaiolo'],
      ready: ['pizzaiolo'],
      out_for_delivery: ['driver'],
      delivered: ['driver'],
      collected: ['counter'],
      // Online payment confirmed by the provider's webhook; an unpaid one expired by the system.
      received: ['system'],
      cancelled: ['customer', 'counter', 'system'],
    };
    for (const o of orders) {
      expect(isOpenAt(o.openingHours, o.timezone, o.createdAt), `${o.number} placed while closed`).to.equal(
        true,
      );
      const own = events.filter((e) => e.orderId === o.id);
      const [first, ...steps] = own;
      expect(first.at.getTime(), o.number).to.equal(o.createdAt.getTime());
      expect(who(first), o.number).to.equal(o.channel === 'web' ? 'customer' : 'counter');
      for (const e of steps) {
        expect(BY[e.to], `${o.number} → ${e.to}`).to.include(who(e));
        if (e.actor === 'employee') expect(e.shopId, `${o.number} → ${e.to}`).to.equal(o.pizzeriaId);
      }
      expect(own.at(-1)!.at.getTime(), o.number).to.equal(o.updatedAt.getTime());
      expect(o.updatedAt.getTime(), o.number).to.be.at.most(Date.now());
    }
  });

  it('when the demo is seeded at night, then the live orders are the last ones of the evening, placed while their shop was open', async () => {
    await database.read((ex) =>
      ex.exec(`TRUNCATE orders, order_lines, order_status_events, payments, refunds, processed_webhook_events,
        order_counters, stock_movements, stock_items, geocode_cache RESTART IDENTITY CASCADE`),
    );
    // Friday 4 December 2026, 03:00 in Paris: every shop closed at 23:00 the evening before.
    const night = new Date('2026-12-04T03:00:00+01:00');
    await seedDemo(database, { now: night });

    const live = (await database.read((ex) => ex.many<SeededOrder>(ORDERS))).filter(
      (o) => !['delivered', 'collected', 'cancelled'].includes(o.status),
    );
    expect(live.length).to.equal(DEMO_ORDERS.filter((o) => 'minutesAgo' in o.placed).length);
    for (const o of live) {
      expect(isOpenAt(o.openingHours, o.timezone, o.createdAt), o.number).to.equal(true);
      expect(o.createdAt.getTime(), o.number).to.be.within(
        new Date('2026-12-03T22:00:00+01:00').getTime(),
        new Date('2026-12-03T23:00:00+01:00').getTime(),
      );
      expect(o.updatedAt.getTime(), o.number).to.be.below(new Date('2026-12-03T23:00:00+01:00').getTime());
    }
    expect(await services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });
});
