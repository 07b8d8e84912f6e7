// Closures written through the journal service: range contiguous with the previous day, totals per VAT rate,
// method and kind, perpetual grand total, chained and signed with the published key.
import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { collectedOrder } from '../../factories/journal.js';
import { closureHash, GENESIS_HASH, verifySignature } from '../../../src/modules/journal/index.js';

describe('sales journal: closures (core)', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let tokens: { customer: string; staff: string };

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    tokens = {
      customer: (await customerWithToken(app.db)).token,
      staff: (await staffWithToken(app.db, 'manager', w.shopId)).token,
    };
  });

  it('when a day then its month are closed, then each adds up its entries, is chained and signed, and a day closes once', async () => {
    const journal = app.services.journal;
    const a = await collectedOrder(api, w, tokens, { quantity: 2 });
    const b = await collectedOrder(api, w, tokens, { method: 'meal_voucher' });
    const at = new Date();
    const day = await journal.close({
      pizzeriaId: w.shopId,
      kind: 'day',
      period: '2026-12-05',
      closedAt: at,
      closedByEmployeeId: null,
    });
    expect([day.seq, day.firstSeq, day.lastSeq, day.entries]).to.deep.equal([1, 1, 2, 2]);
    expect(day.prevHash).to.equal(GENESIS_HASH);
    expect(day.grandTotalCents).to.equal(a.totalCents + b.totalCents);
    expect(day.totals.revenueCents).to.equal(a.totalCents + b.totalCents);
    expect(day.totals.byMethod).to.deep.equal([
      { method: 'cash', totalCents: a.totalCents, entries: 1 },
      { method: 'meal_voucher', totalCents: b.totalCents, entries: 1 },
    ]);
    expect(day.totals.byRate.reduce((s, r) => s + r.totalCents, 0)).to.equal(a.totalCents + b.totalCents);
    expect(closureHash(day)).to.equal(day.hash);
    const keys = await journal.publishedKeys();
    expect(keys.map((k) => k.keyId)).to.deep.equal([day.keyId]);
    expect(verifySignature(keys[0].publicKey, day.hash, day.signature)).to.equal(true);

    const again = await journal
      .close({
        pizzeriaId: w.shopId,
        kind: 'day',
        period: '2026-12-05',
        closedAt: at,
        closedByEmployeeId: null,
      })
      .then(
        () => null,
        (e: { code?: string; message: string }) => e,
      );
    expect(again?.code).to.equal('closure_exists');
    expect(again?.message).to.equal('La journée du 05/12/2026 est déjà clôturée.');

    const c = await collectedOrder(api, w, tokens);
    const next = await journal.close({
      pizzeriaId: w.shopId,
      kind: 'day',
      period: '2026-12-06',
      closedAt: new Date(),
      closedByEmployeeId: null,
    });
    expect([next.firstSeq, next.lastSeq, next.prevHash]).to.deep.equal([3, 3, day.hash]);
    const month = await journal.close({
      pizzeriaId: w.shopId,
      kind: 'month',
      period: '2026-12',
      closedAt: new Date(),
      closedByEmployeeId: null,
    });
    expect([month.seq, month.firstSeq, month.lastSeq, month.entries]).to.deep.equal([3, 1, 3, 3]);
    expect(month.totals.revenueCents).to.equal(a.totalCents + b.totalCents + c.totalCents);
    expect(month.prevHash).to.equal(next.hash);
  });
});
