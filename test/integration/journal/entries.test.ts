// The sales journal's entries: written in the transaction of each money event of a sale, numbered without gap per
// shop, chained by SHA-256 (PostgreSQL writes the hash, the verifier's canonical.ts must find the same), never
// changed (the database refuses it).
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';
import { collectedOrder, journalOf } from '../../factories/journal.js';
import { entryHash, GENESIS_HASH, type JournalEntry } from '../../../src/modules/journal/index.js';

/** Checks numbering, chaining, hashes and grand totals of one shop's journal as the verifier does. */
function expectChained(entries: JournalEntry[]) {
  let prev = GENESIS_HASH;
  let grandTotal = 0;
  entries.forEach((e, i) => {
    expect(e.seq, `entry ${i}`).to.equal(i + 1);
    expect(e.prevHash, `entry ${e.seq} prev`).to.equal(prev);
    grandTotal += e.revenue ? e.amountCents : 0;
    expect(e.grandTotalCents, `entry ${e.seq} grand total`).to.equal(grandTotal);
    expect(entryHash(e), `entry ${e.seq} hash`).to.equal(e.hash);
    const vatSum = e.vat.reduce((s, v) => s + v.baseCents + v.vatCents, 0);
    expect(vatSum, `entry ${e.seq} VAT lines`).to.equal(e.amountCents);
    prev = e.hash;
  });
}

describe('sales journal: entries', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let tokens: { customer: string; staff: string; managerId: number; staffId: number; manager: string };

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    const customer = await customerWithToken(app.db);
    const counter = await staffWithToken(app.db, 'manager', w.shopId); // takes every step
    const manager = await staffWithToken(app.db, 'manager', w.shopId);
    tokens = {
      customer: customer.token,
      staff: counter.token,
      staffId: counter.id,
      manager: manager.token,
      managerId: manager.id,
    };
  });

  it('when orders are collected and one is refunded, then each is one chained entry with its VAT and method', async () => {
    const cash = await collectedOrder(api, w, tokens, { quantity: 2 });
    const card = await collectedOrder(api, w, tokens, { method: 'card_terminal' });
    const refund = await api.post(`/api/staff/orders/${cash.id}/refunds`, {
      token: tokens.manager,
      body: { amountCents: 500, reason: 'Pizza froide' },
    });
    expect(refund.status, JSON.stringify(refund.body)).to.equal(200);

    const entries = await journalOf(app.db, w.shopId);
    expect(
      entries.map((e) => [e.kind, e.orderNumber, e.amountCents, e.method, e.revenue, e.employeeId]),
    ).to.deep.equal([
      ['sale', cash.number, cash.totalCents, 'cash', true, tokens.staffId],
      ['sale', card.number, card.totalCents, 'card_terminal', true, tokens.staffId],
      ['refund', cash.number, -500, 'cash', true, tokens.managerId],
    ]);
    const [stored] = await app.db.query<{ vat_breakdown: JournalEntry['vat'] }>(
      'SELECT vat_breakdown FROM orders WHERE id = $1',
      { type: QueryTypes.SELECT, bind: [cash.id] },
    );
    expect(entries[0].vat).to.deep.equal(stored.vat_breakdown);
    expect(entries[0].htCents).to.equal(stored.vat_breakdown.reduce((s, v) => s + v.baseCents, 0));
    expect(entries[2].vat.every((v) => v.baseCents <= 0 && v.vatCents <= 0)).to.equal(true);
    expectChained(entries);
    expect(entries[2].grandTotalCents).to.equal(cash.totalCents + card.totalCents - 500);
  });

  it('when an order’s stored VAT breakdown does not add up to its total, then its sale takes the one its lines give', async () => {
    // Never through the API (placement writes it), as the FEC reads it: recomputed from the lines.
    const { order } = await placeThroughApi(api, tokens.customer, {
      pizzeriaId: w.shopId,
      fulfilment: 'takeaway',
      items: [
        { productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 },
        { productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 1 },
      ],
    });
    const good = (
      await app.db.query<{ vat_breakdown: JournalEntry['vat'] }>(
        'SELECT vat_breakdown FROM orders WHERE id = $1',
        { type: QueryTypes.SELECT, bind: [order.id] },
      )
    )[0].vat_breakdown;
    await app.db.query(
      `UPDATE orders SET vat_breakdown = '[{"rateBp": 1000, "baseCents": 1, "vatCents": 1}]' WHERE id = $1`,
      { bind: [order.id] },
    );
    for (const step of ['start', 'ready']) {
      expect(
        (await api.post(`/api/staff/orders/${order.id}/${step}`, { token: tokens.staff })).status,
      ).to.equal(200);
    }
    const collected = await api.post(`/api/staff/orders/${order.id}/collect`, {
      token: tokens.staff,
      body: { payment: { method: 'card_terminal', amountReceivedCents: order.totalCents } },
    });
    expect(collected.status, JSON.stringify(collected.body)).to.equal(200);
    const entries = await journalOf(app.db, w.shopId);
    expect(entries.map((e) => [e.kind, e.amountCents, e.method])).to.deep.equal([
      ['sale', order.totalCents, 'card_terminal'],
    ]);
    expect(entries[0].vat).to.deep.equal(good);
    expectChained(entries);
  });

  it('when hand-overs run in parallel in one shop, then the numbers have no gap and the chain no fork', async () => {
    const other = await createShopWorld(app.db, { prefix: 'B ' });
    const otherStaff = await staffWithToken(app.db, 'manager', other.shopId);
    const orders = await Promise.all([
      ...Array.from({ length: 12 }, () => collectedOrder(api, w, tokens)),
      ...Array.from({ length: 6 }, () => collectedOrder(api, other, { ...tokens, staff: otherStaff.token })),
    ]);
    expect(orders).to.have.length(18);
    const mine = await journalOf(app.db, w.shopId);
    expect(mine).to.have.length(12);
    expectChained(mine);
    const theirs = await journalOf(app.db, other.shopId);
    expect(theirs).to.have.length(6);
    expectChained(theirs);
    const [head] = await app.db.query<{ last_seq: number; last_hash: string }>(
      'SELECT last_seq, last_hash FROM journal_heads WHERE pizzeria_id = $1',
      { type: QueryTypes.SELECT, bind: [w.shopId] },
    );
    expect(head).to.deep.equal({ last_seq: 12, last_hash: mine[11].hash });
  });

  it('when anyone updates, deletes or truncates the journal, then the database refuses it', async () => {
    await collectedOrder(api, w, tokens);
    for (const sql of [
      'UPDATE sales_journal SET amount_cents = 1',
      'DELETE FROM sales_journal',
      'TRUNCATE sales_journal',
      'UPDATE journal_heads SET last_seq = 1; DELETE FROM sales_journal WHERE seq = 1',
    ]) {
      const error = await app.db.query(sql).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message, sql).to.match(/sales journal is inalterable/);
    }
    expect(await journalOf(app.db, w.shopId)).to.have.length(1);
  });
});
