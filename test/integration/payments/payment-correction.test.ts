// « Corriger le moyen de paiement » (issue 19, « correction »): a payment collected at hand-over recorded with the
// wrong means is corrected on a later day by a manager. The sales journal gets two correction entries on that
// day, the FEC books the transfer between money accounts on that day while the sale's day stays as it was (its
// FEC byte for byte, its signed closure), later refunds are on the corrected means, and what cannot be corrected
// is refused with nothing written.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { collectedOrder, journalOf } from '../../factories/journal.js';
import { placeThroughApi } from '../../factories/shop.js';
import { cents, csvObjects, download, parseFec } from '../accounting/support.js';
import type { Clock } from '../../../src/shared/clock.js';

const DAY_MS = 24 * 3600 * 1000;
const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);

describe('payments: « Corriger le moyen de paiement »', function () {
  this.timeout(60_000);
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  /** Days added to the real time: the sale is made the day before the correction (tokens follow the real time). */
  let daysLater = 0;
  let tokens: { customer: string; staff: string; manager: string; managerId: number };
  let accountant: string;

  const clock: Clock = { now: () => new Date(Date.now() + daysLater * DAY_MS) };
  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    daysLater = 0;
    w = await createShopWorld(app.db);
    const manager = await staffWithToken(app.db, 'manager', w.shopId);
    tokens = {
      customer: (await customerWithToken(app.db)).token,
      staff: manager.token,
      manager: manager.token,
      managerId: manager.id,
    };
    accountant = (await staffWithToken(app.db, 'accountant', null)).token;
  });

  const correct = (orderId: string, body: object, token = tokens.manager) =>
    api.post(`/api/staff/orders/${orderId}/payment-correction`, { token, body });
  const fec = async (day: string) => {
    const res = await download(app.url, `/api/staff/exports/fec?from=${day}&to=${day}`, accountant);
    expect(res.status, res.text).to.equal(200);
    return res.text;
  };
  const accounts = () => app.settings.accounting.accounts;
  const providerOf = async (orderId: string) =>
    (
      await app.db.query<{ provider: string }>(
        `SELECT provider FROM payments WHERE order_id = $1 AND status = 'succeeded'`,
        { type: QueryTypes.SELECT, bind: [orderId] },
      )
    )[0].provider;

  it('when a cash sale is corrected to the card terminal the next day, then the journal and that day’s FEC move the money and the sale’s day stays as closed', async () => {
    daysLater = -1;
    const order = await collectedOrder(api, w, tokens, { quantity: 2 });
    const saleDay = parisDay(clock.now());
    const closure = await app.services.journal.close({
      pizzeriaId: w.shopId,
      kind: 'day',
      period: saleDay,
      closedAt: clock.now(),
      closedByEmployeeId: null,
    });
    const saleDayFec = await fec(saleDay);

    daysLater = 0;
    const correctionDay = parisDay(clock.now());
    const res = await correct(order.id, {
      method: 'card_terminal',
      reason: 'Payé au terminal, saisi en espèces',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.order.id).to.equal(order.id);
    expect(await providerOf(order.id)).to.equal('card_terminal');

    const entries = await journalOf(app.db, w.shopId);
    expect(entries.map((e) => [e.kind, e.amountCents, e.method, e.revenue, e.employeeId])).to.deep.equal([
      ['sale', order.totalCents, 'cash', true, tokens.managerId],
      ['correction', -order.totalCents, 'cash', true, tokens.managerId],
      ['correction', order.totalCents, 'card_terminal', true, tokens.managerId],
    ]);
    const [, off, on] = entries;
    expect(off.reference)
      .to.match(/^correction-\d+$/)
      .and.equal(on.reference);
    expect(parisDay(new Date(off.at))).to.equal(correctionDay);
    // Net zero per VAT rate: the revenue and the VAT of the sale stand; only the money's means changed.
    expect(on.vat).to.deep.equal(entries[0].vat);
    expect(off.vat.map((v) => [v.rateBp, -v.baseCents, -v.vatCents])).to.deep.equal(
      on.vat.map((v) => [v.rateBp, v.baseCents, v.vatCents]),
    );
    expect(on.grandTotalCents).to.equal(entries[0].grandTotalCents);

    const verified = await app.services.journal.verify({ pizzeriaId: w.shopId });
    expect(verified.problem).to.equal(null);
    expect(verified.intact).to.equal(true);

    // The sale's day: same FEC, byte for byte, and its closure's totals still the journal's of that day.
    expect(await fec(saleDay), 'the FEC of the sale’s day is unchanged').to.equal(saleDayFec);
    expect(closure.totals.byMethod.map((m) => [m.method, m.totalCents])).to.deep.equal([
      ['cash', order.totalCents],
    ]);

    // The correction's day: one balanced entry moving the money from the cash drawer to the card terminal.
    const { rows } = parseFec(await fec(correctionDay));
    expect(
      rows.map((r) => [
        r.EcritureNum,
        r.CompteNum,
        cents(r.Debit),
        cents(r.Credit),
        r.PieceRef,
        r.EcritureLib,
      ]),
    ).to.deep.equal([
      [
        '1',
        accounts().cardTerminal,
        order.totalCents,
        0,
        `${order.number}-C${off.reference!.split('-')[1]}`,
        `Correction du moyen de paiement commande ${order.number}`,
      ],
      [
        '1',
        accounts().cash,
        0,
        order.totalCents,
        `${order.number}-C${off.reference!.split('-')[1]}`,
        `Correction du moyen de paiement commande ${order.number}`,
      ],
    ]);

    // The day closure of the correction's day carries the transfer: cash down, card terminal up, revenue 0.
    const next = await app.services.journal.close({
      pizzeriaId: w.shopId,
      kind: 'day',
      period: correctionDay,
      closedAt: clock.now(),
      closedByEmployeeId: null,
    });
    expect(next.totals.revenueCents).to.equal(0);
    expect(Object.fromEntries(next.totals.byMethod.map((m) => [m.method, m.totalCents]))).to.deep.equal({
      card_terminal: order.totalCents,
      cash: -order.totalCents,
    });

    // The orders CSV says how it was really paid; the back office lists the correction.
    const csv = await download(
      app.url,
      `/api/staff/exports/orders.csv?from=${saleDay}&to=${saleDay}`,
      accountant,
    );
    const row = csvObjects(csv.text).find((r) => r['N° commande'] === order.number)!;
    expect(row['Moyen de paiement']).to.equal('Carte bancaire (TPE)');
  });

  it('when a corrected order is refunded, then the refund is on the corrected means in the journal and the FEC, and no further correction is allowed', async () => {
    const order = await collectedOrder(api, w, tokens, { method: 'meal_voucher' });
    expect(
      (await correct(order.id, { method: 'cash', reason: 'Titres refusés, payé en espèces' })).status,
    ).to.equal(200);
    const refund = await api.post(`/api/staff/orders/${order.id}/refunds`, {
      token: tokens.manager,
      body: { amountCents: 300, reason: 'Boisson oubliée' },
    });
    expect(refund.status, JSON.stringify(refund.body)).to.equal(200);

    const before = await journalOf(app.db, w.shopId);
    expect(before.map((e) => [e.kind, e.method, e.amountCents])).to.deep.equal([
      ['sale', 'meal_voucher', order.totalCents],
      ['correction', 'meal_voucher', -order.totalCents],
      ['correction', 'cash', order.totalCents],
      ['refund', 'cash', -300],
    ]);
    const { rows } = parseFec(await fec(parisDay(new Date())));
    const refundRows = rows.filter((r) => r.EcritureLib.startsWith('Remboursement'));
    expect(
      refundRows.find((r) => cents(r.Credit) === 300)?.CompteNum,
      'refund credited to the cash drawer',
    ).to.equal(accounts().cash);
    // The day's FEC, per money account, equals the journal per means.
    const money: Record<string, string> = {
      [accounts().cash]: 'cash',
      [accounts().mealVouchers]: 'meal_voucher',
      [accounts().cardTerminal]: 'card_terminal',
    };
    const fecMoney: Record<string, number> = {};
    for (const r of rows) {
      const m = money[r.CompteNum];
      if (m) fecMoney[m] = (fecMoney[m] ?? 0) + cents(r.Debit) - cents(r.Credit);
    }
    const journalMoney: Record<string, number> = {};
    for (const e of before) journalMoney[e.method] = (journalMoney[e.method] ?? 0) + e.amountCents;
    expect(fecMoney).to.deep.equal(journalMoney);

    const again = await correct(order.id, { method: 'card_terminal', reason: 'Finalement au terminal' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('payment_already_refunded');
    expect(again.body.error.message).to.match(/déjà été remboursée/);
    expect(await journalOf(app.db, w.shopId)).to.have.length(before.length);
    expect(await providerOf(order.id)).to.equal('cash');
  });

  it('when what cannot be corrected is asked, then each is refused with its code and nothing is written', async () => {
    const order = await collectedOrder(api, w, tokens);
    const { order: inKitchen } = await placeThroughApi(api, tokens.customer, {
      pizzeriaId: w.shopId,
      fulfilment: 'takeaway',
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
    });
    const other = await createShopWorld(app.db, { prefix: 'Autre-' });
    const otherManager = await staffWithToken(app.db, 'manager', other.shopId);
    const counter = await staffWithToken(app.db, 'counter', w.shopId);
    const reason = 'Erreur de saisie';
    const cases: [string, Promise<{ status: number; body: any }>, number, string][] = [
      ['same means', correct(order.id, { method: 'cash', reason }), 422, 'same_payment_method'],
      ['not handed over', correct(inKitchen.id, { method: 'cash', reason }), 409, 'order_not_settled'],
      ['online means', correct(order.id, { method: 'stripe', reason }), 422, 'validation_failed'],
      ['no reason', correct(order.id, { method: 'card_terminal' }), 422, 'validation_failed'],
      [
        'blank reason',
        correct(order.id, { method: 'card_terminal', reason: '   ' }),
        422,
        'validation_failed',
      ],
      [
        'another shop’s manager',
        correct(order.id, { method: 'card_terminal', reason }, otherManager.token),
        404,
        'order_not_found',
      ],
      [
        'counter staff',
        correct(order.id, { method: 'card_terminal', reason }, counter.token),
        403,
        'forbidden',
      ],
      [
        'unknown order',
        correct('00000000-0000-4000-8000-000000000000', { method: 'card_terminal', reason }),
        404,
        'order_not_found',
      ],
    ];
    for (const [what, pending, status, code] of cases) {
      const res = await pending;
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).to.equal(status);
      expect(res.body.error.code, what).to.equal(code);
      expect(res.body.error.message, what)
        .to.be.a('string')
        .and.not.match(/Error|at \//);
    }
    expect(await journalOf(app.db, w.shopId)).to.have.length(1);
    expect(await providerOf(order.id)).to.equal('cash');
    const [{ count }] = await app.db.query<{ count: string }>('SELECT count(*) FROM payment_corrections', {
      type: QueryTypes.SELECT,
    });
    expect(Number(count)).to.equal(0);
  });

  it('when a correction and a refund of one order are sent at once, then they are taken one after the other and the books agree', async () => {
    for (let round = 0; round < 6; round++) {
      const order = await collectedOrder(api, w, tokens);
      const [corrected, refunded] = await Promise.all([
        correct(order.id, { method: 'card_terminal', reason: 'Payé au terminal' }),
        api.post(`/api/staff/orders/${order.id}/refunds`, {
          token: tokens.manager,
          body: { amountCents: 100, reason: 'Geste commercial' },
        }),
      ]);
      expect(refunded.status, JSON.stringify(refunded.body)).to.equal(200);
      // Corrected first (then refunded on the card terminal), or refunded first (then the correction refused).
      expect([200, 409], JSON.stringify(corrected.body)).to.include(corrected.status);
      const entries = (await journalOf(app.db, w.shopId)).filter((e) => e.orderId === order.id);
      const means = corrected.status === 200 ? 'card_terminal' : 'cash';
      expect(await providerOf(order.id)).to.equal(means);
      expect(entries.find((e) => e.kind === 'refund')!.method, `round ${round}`).to.equal(means);
      expect(entries.filter((e) => e.kind === 'correction')).to.have.length(corrected.status === 200 ? 2 : 0);
    }
    expect((await app.services.journal.verify({ pizzeriaId: w.shopId })).intact).to.equal(true);
  });
});
