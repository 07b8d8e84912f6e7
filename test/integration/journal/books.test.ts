// Consistency of the sales journal with the books (issue 19, point 6): a day of sales generated through the real
// API (three shops; takeaway and delivery; cash, card terminal and meal vouchers at hand-over; online card
// payments through the real Stripe SDK against test/fakes/stripe-server, captured at preparation start; refunds
// at the shop and through Stripe, partial and full; cancellations before preparation; an online order cancelled
// whose money was captured afterwards; a payment recorded with the wrong means, corrected, then refunded), then the accountant's FEC and orders CSV of the day downloaded through
// the API and the day closures written: each must give the journal's figures.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startFakeStripe, stripeSettings, type FakeStripeServer } from '../../fakes/stripe-server.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createIngredient, createProduct, stock } from '../../factories/catalog.js';
import { journalOf } from '../../factories/journal.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';
import { TotalsAccumulator, type ClosureTotals } from '../../../src/modules/journal/index.js';
import type { Clock } from '../../../src/shared/clock.js';
import { cents, csvObjects, download, parisToday, parseFec, sum } from '../accounting/support.js';

const SECRET = 'whsec_test_books';
const STRIPE_KEY = 'sk_test_ocpizza';

type Collected = { method: 'cash' | 'card_terminal' | 'meal_voucher'; amountReceivedCents: number };

/** Adds signed cents under a key. */
function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}
const sorted = (map: Map<string, number>) =>
  Object.fromEntries([...map].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Per-rate and per-method figures of closures' totals, keyed as the books are. */
function booksOf(t: ClosureTotals) {
  const base = new Map<string, number>();
  const vat = new Map<string, number>();
  const methods = new Map<string, number>();
  for (const r of t.byRate) {
    add(base, String(r.rateBp), r.baseCents);
    add(vat, String(r.rateBp), r.vatCents);
  }
  for (const m of t.byMethod) add(methods, m.method, m.totalCents);
  return { base: sorted(base), vat: sorted(vat), methods: sorted(methods), revenue: t.revenueCents };
}

describe('sales journal: consistency with the books (FEC, orders CSV, day closures)', function () {
  this.timeout(120_000);
  let stripe: FakeStripeServer;
  let app: TestApp;
  let api: ReturnType<typeof client>;

  before(async () => {
    stripe = await startFakeStripe({ apiKey: STRIPE_KEY });
    // Each reading of the clock a millisecond after the previous one at least: an entry dated by a reading of
    // its own, rather than by the time the books give the event, shows (a sale at 23:59:59.999 would otherwise
    // be in one day's FEC and the next day's closure).
    let last = 0;
    const clock: Clock = { now: () => new Date((last = Math.max(Date.now(), last + 1))) };
    app = await startTestApp({ ...stripeSettings(stripe, SECRET), STRIPE_TIMEOUT_MS: '400' }, { clock });
    api = client(app.url);
  });
  after(async () => {
    await app?.close();
    await stripe?.close();
  });

  const ok = <T extends { status: number; body: any }>(res: T, status = 200) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    return res.body;
  };
  const deliverWebhook = async (event: object) => {
    const { body, header } = stripe.signedWebhook(event, SECRET);
    const res = await fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body,
    });
    expect(res.status, await res.clone().text()).to.equal(200);
  };
  const intentOf = async (orderId: string) =>
    (
      await app.db.query<{ ref: string }>(
        `SELECT provider_reference AS ref FROM payments WHERE order_id = $1 AND provider = 'stripe'`,
        { type: QueryTypes.SELECT, bind: [orderId] },
      )
    )[0].ref;

  interface Shop {
    w: ShopWorld;
    beer?: { productId: number; sizeId: number };
    pizzaiolo: string;
    driver: string;
    counter: string;
    manager: string;
  }
  async function shop(prefix: string, withBeer = false): Promise<Shop> {
    const w = await createShopWorld(app.db, { prefix });
    let beer: Shop['beer'];
    if (withBeer) {
      const ingredient = await createIngredient(app.db, `${prefix}Bière 33 cl`, 'piece');
      const product = await createProduct(app.db, {
        name: `${prefix}Bière blonde`,
        category: 'drink',
        vatRateBp: 2000,
        recipe: { [ingredient]: 1 },
        sizes: [{ code: 'U', label: '33 cl', priceCents: 450, factorPct: 100 }],
      });
      await stock(app.db, w.shopId, ingredient, 100);
      beer = { productId: product.id, sizeId: product.sizeIds.U };
    }
    const token = async (role: 'pizzaiolo' | 'driver' | 'counter' | 'manager') =>
      (await staffWithToken(app.db, role, w.shopId)).token;
    return {
      w,
      beer,
      pizzaiolo: await token('pizzaiolo'),
      driver: await token('driver'),
      counter: await token('counter'),
      manager: await token('manager'),
    };
  }

  it('when a day of sales, refunds and cancellations is exported, then the FEC, the orders CSV and the day closures give the journal’s totals', async () => {
    const customer = (await customerWithToken(app.db)).token;
    const accountant = (await staffWithToken(app.db, 'accountant', null)).token;
    const a = await shop('A-', true);
    const b = await shop('B-');
    const c = await shop('C-');

    const items = (s: Shop, o: { pizzas?: number; large?: number; colas?: number; beers?: number }) => [
      ...(o.pizzas
        ? [{ productId: s.w.margherita.productId, sizeId: s.w.margherita.sizeM, quantity: o.pizzas }]
        : []),
      ...(o.large
        ? [
            {
              productId: s.w.margherita.productId,
              sizeId: s.w.margherita.sizeL,
              quantity: o.large,
              extraIds: [s.w.extraMozza],
            },
          ]
        : []),
      ...(o.colas ? [{ productId: s.w.cola.productId, sizeId: s.w.cola.sizeId, quantity: o.colas }] : []),
      ...(o.beers && s.beer ? [{ ...s.beer, quantity: o.beers }] : []),
    ];
    const place = async (
      s: Shop,
      fulfilment: 'takeaway' | 'delivery',
      paymentMethod: string,
      lines: object[],
    ) =>
      (
        await placeThroughApi(api, customer, {
          pizzeriaId: s.w.shopId,
          fulfilment,
          items: lines,
          paymentMethod,
        })
      ).order;
    const step = async (s: Shop, id: string, name: string, token: string, body?: object) =>
      ok(await api.post(`/api/staff/orders/${id}/${name}`, { token, ...(body ? { body } : {}) })).order;
    const cook = async (s: Shop, id: string) => {
      await step(s, id, 'start', s.pizzaiolo);
      await step(s, id, 'ready', s.pizzaiolo);
    };
    /** Takeaway handed over at the counter, paid there unless paid online. */
    const collect = async (s: Shop, id: string, payment?: Collected) =>
      step(s, id, 'collect', s.counter, payment ? { payment } : undefined);
    /** Delivered by the shop's driver, paid at the door unless paid online. */
    const deliver = async (s: Shop, id: string, payment?: Collected) => {
      await step(s, id, 'pickup', s.driver);
      return step(s, id, 'deliver', s.driver, payment ? { payment } : undefined);
    };
    const refund = async (s: Shop, id: string, amountCents: number, reason: string) =>
      ok(
        await api.post(`/api/staff/orders/${id}/refunds`, {
          token: s.manager,
          body: { amountCents, reason },
        }),
      ).order;
    /** An online card order placed and authorised (the customer paid; the webhook told the app). */
    const online = async (s: Shop, fulfilment: 'takeaway' | 'delivery', lines: object[]) => {
      const order = await place(s, fulfilment, 'card_online', lines);
      const pi = await intentOf(order.id);
      await deliverWebhook(stripe.authorize(pi));
      return { order, pi };
    };

    // Shop A: cash at the counter; card on delivery paid cash at the door (three VAT rates and a delivery fee);
    // card terminal partly refunded in cash at the shop; an online order captured at preparation start and
    // collected; an online delivery then refunded in full through Stripe; a cash order cancelled before
    // preparation; an authorised online order cancelled (voided).
    const a1 = await place(a, 'takeaway', 'cash', items(a, { pizzas: 2, colas: 1 }));
    await cook(a, a1.id);
    await collect(a, a1.id, { method: 'cash', amountReceivedCents: a1.totalCents + 1000 });

    const a2 = await place(a, 'delivery', 'card_on_delivery', items(a, { large: 1, colas: 2, beers: 1 }));
    await cook(a, a2.id);
    await deliver(a, a2.id, { method: 'cash', amountReceivedCents: a2.totalCents });

    const a3 = await place(a, 'takeaway', 'card_on_delivery', items(a, { large: 2, beers: 2 }));
    await cook(a, a3.id);
    await collect(a, a3.id, { method: 'card_terminal', amountReceivedCents: a3.totalCents });

    const a4 = await place(a, 'takeaway', 'cash', items(a, { pizzas: 1, colas: 1 }));
    await cook(a, a4.id);
    await collect(a, a4.id, { method: 'cash', amountReceivedCents: a4.totalCents });
    await refund(a, a4.id, 333, 'Boisson oubliée');

    const a5 = await online(a, 'takeaway', items(a, { pizzas: 1, beers: 1 }));
    const started = await step(a, a5.order.id, 'start', a.pizzaiolo);
    expect(started.paymentStatus, 'captured at preparation start').to.equal('paid');
    await step(a, a5.order.id, 'ready', a.pizzaiolo);
    await collect(a, a5.order.id);
    const notByHand = await api.post(`/api/staff/orders/${a5.order.id}/payment-correction`, {
      token: a.manager,
      body: { method: 'cash', reason: 'Essai' },
    });
    expect(notByHand.status, 'an online payment is not corrected by hand').to.equal(422);
    expect(notByHand.body.error.code).to.equal('online_payment_not_correctable');

    const a6 = await online(a, 'delivery', items(a, { large: 1, colas: 1 }));
    await cook(a, a6.order.id);
    await deliver(a, a6.order.id);
    const a6Refunded = await refund(a, a6.order.id, a6.order.totalCents, 'Commande arrivée froide');
    expect(a6Refunded.paymentStatus).to.equal('refunded');
    expect(stripe.refundedCents(a6.pi)).to.equal(a6.order.totalCents);

    const a7 = await place(a, 'takeaway', 'cash', items(a, { pizzas: 3 }));
    ok(await api.post(`/api/orders/${a7.id}/cancel`, { token: customer, body: {} }));
    const a8 = await online(a, 'takeaway', items(a, { pizzas: 1 }));
    ok(await api.post(`/api/orders/${a8.order.id}/cancel`, { token: customer, body: {} }));
    expect(stripe.paymentIntent(a8.pi)!.status).to.equal('canceled');

    // Shop B: meal vouchers at the door (no change given); card terminal at the counter; an online delivery
    // partly refunded through Stripe; an order still in the kitchen (in the CSV, not sold yet).
    const b1 = await place(b, 'delivery', 'meal_voucher', items(b, { pizzas: 3 }));
    await cook(b, b1.id);
    await deliver(b, b1.id, { method: 'meal_voucher', amountReceivedCents: b1.totalCents + 130 });

    const b2 = await place(b, 'takeaway', 'card_on_delivery', items(b, { large: 1, colas: 3 }));
    await cook(b, b2.id);
    await collect(b, b2.id, { method: 'card_terminal', amountReceivedCents: b2.totalCents });
    // Recorded on the card terminal, paid in cash: corrected by the manager, then partly refunded in cash.
    ok(
      await api.post(`/api/staff/orders/${b2.id}/payment-correction`, {
        token: b.manager,
        body: { method: 'cash', reason: 'Payé en espèces, saisi au terminal' },
      }),
    );
    await refund(b, b2.id, 200, 'Boisson manquante');

    const b3 = await online(b, 'delivery', items(b, { pizzas: 2, colas: 2 }));
    await cook(b, b3.order.id);
    await deliver(b, b3.order.id);
    await refund(b, b3.order.id, 777, 'Pizza trop cuite');
    expect(stripe.refundedCents(b3.pi)).to.equal(777);

    const b4 = await place(b, 'takeaway', 'cash', items(b, { pizzas: 1 }));
    await step(b, b4.id, 'start', b.pizzaiolo);

    // Shop C: cash refunded in full at the shop; card terminal; and an online order that expired unpaid while
    // Stripe was down (its void failed), then paid late and captured (as from Stripe's dashboard) before the
    // webhook came: the money taken for a cancelled order is recorded and given back, never sold.
    const c1 = await place(c, 'takeaway', 'cash', items(c, { pizzas: 1, colas: 2 }));
    await cook(c, c1.id);
    await collect(c, c1.id, { method: 'cash', amountReceivedCents: 5000 });
    await refund(c, c1.id, c1.totalCents, 'Erreur de commande');

    const c2 = await place(c, 'delivery', 'card_on_delivery', items(c, { large: 2 }));
    await cook(c, c2.id);
    await deliver(c, c2.id, { method: 'card_terminal', amountReceivedCents: c2.totalCents });

    const c3 = await place(c, 'takeaway', 'card_online', items(c, { pizzas: 2 }));
    const c3pi = await intentOf(c3.id);
    // Back-dated by minutes only, to stay in the day (its placement day does not matter: cancelled).
    await app.db.query(`UPDATE orders SET created_at = created_at - interval '20 minutes' WHERE id = $1`, {
      bind: [c3.id],
    });
    stripe.failNext({ status: 500, type: 'api_error', times: 10 });
    await app.services.payments.expireUnpaidOrders(15);
    stripe.recover();
    const authorised = stripe.authorize(c3pi);
    const captured = await fetch(`${stripe.apiBase}/v1/payment_intents/${c3pi}/capture`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${STRIPE_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Idempotency-Key': `dashboard-capture-${c3pi}`,
      },
      body: '',
    });
    expect(captured.status).to.equal(200);
    await deliverWebhook(authorised);
    expect(stripe.refundedCents(c3pi), 'given back').to.equal(c3.totalCents);

    // ---- The journal of the day, every shop. ----
    const entries = await journalOf(app.db, null);
    const revenue = new TotalsAccumulator();
    const all = new TotalsAccumulator();
    for (const e of entries) {
      all.add(e);
      if (e.revenue) revenue.add(e);
    }
    const journal = booksOf(revenue.totals());
    const kinds = Object.fromEntries(all.totals().byKind.map((k) => [k.kind, [k.entries, k.totalCents]]));
    const soldOrders = [a1, a2, a3, a4, a5.order, a6.order, b1, b2, b3.order, c1, c2];
    const sold = sum(soldOrders.map((o) => o.totalCents));
    expect(kinds, 'entries per kind').to.deep.equal({
      sale: [soldOrders.length, sold],
      payment: [4, sum([a5.order, a6.order, b3.order, c3].map((o) => o.totalCents))],
      refund: [6, -(333 + a6.order.totalCents + 777 + 200 + c1.totalCents + c3.totalCents)],
      cancellation: [1, -c3.totalCents],
      correction: [2, 0],
    });
    // What was sold, less what was given back of it (the cancelled order's money is not revenue).
    expect(journal.revenue).to.equal(sold - (333 + a6.order.totalCents + 777 + 200 + c1.totalCents));
    expect(Object.keys(journal.base), 'three VAT rates sold').to.deep.equal(['550', '1000', '2000']);
    expect(Object.keys(journal.methods)).to.deep.equal(['card_terminal', 'cash', 'meal_voucher', 'stripe']);

    // Dated as the books date them: a sale by its hand-over (the FEC's entry date), a refund by the refund.
    const times = await app.db.query<{ number: string; kind: string; at: Date }>(
      `SELECT o.number, 'sale' AS kind, e.created_at AS at FROM order_status_events e JOIN orders o ON o.id = e.order_id
        WHERE e.to_status IN ('delivered', 'collected')
       UNION ALL
       SELECT o.number, 'refund', r.created_at FROM refunds r JOIN orders o ON o.id = r.order_id
       ORDER BY 1, 2, 3`,
      { type: QueryTypes.SELECT },
    );
    const dated = (list: { number?: string; orderNumber?: string; kind: string; at: Date }[]) =>
      list.map((t) => `${t.number ?? t.orderNumber} ${t.kind} ${new Date(t.at).toISOString()}`).sort();
    expect(
      dated(entries.filter((e) => e.kind === 'sale' || e.kind === 'refund')),
      'journal dates = books dates',
    ).to.deep.equal(dated(times));

    // ---- The FEC of the day: accounts per VAT rate and per means of payment. ----
    const day = parisToday();
    const fec = await download(app.url, `/api/staff/exports/fec?from=${day}&to=${day}`, accountant);
    expect(fec.status, fec.text).to.equal(200);
    const { rows } = parseFec(fec.text);
    const accounts = app.settings.accounting.accounts;
    const rateOf = (map: Readonly<Record<number, string>>, account: string) =>
      Object.entries(map).find(([, n]) => n === account)?.[0];
    const money: Record<string, string> = {
      [accounts.cash]: 'cash',
      [accounts.mealVouchers]: 'meal_voucher',
      [accounts.cardTerminal]: 'card_terminal',
      [accounts.cardOnline]: 'stripe',
    };
    const fecBase = new Map<string, number>();
    const fecVat = new Map<string, number>();
    const fecMoney = new Map<string, number>();
    for (const r of rows) {
      const credit = cents(r.Credit) - cents(r.Debit);
      const salesRate = rateOf(accounts.sales, r.CompteNum);
      const vatRate = rateOf(accounts.vatCollected, r.CompteNum);
      if (salesRate) add(fecBase, salesRate, credit);
      else if (vatRate) add(fecVat, vatRate, credit);
      else if (money[r.CompteNum]) add(fecMoney, money[r.CompteNum], -credit);
      else expect.fail(`unexpected account ${r.CompteNum} (${r.CompteLib}) in the FEC`);
    }
    expect(sorted(fecBase), 'FEC sales accounts (credit − debit) per VAT rate').to.deep.equal(journal.base);
    expect(sorted(fecVat), 'FEC VAT collected per rate').to.deep.equal(journal.vat);
    expect(sorted(fecMoney), 'FEC money accounts (debit − credit) per means of payment').to.deep.equal(
      journal.methods,
    );
    // Entry by entry: one FEC entry per revenue entry of the journal, same piece, same amount (a correction's
    // FEC entry has two money lines, the journal two entries: line by line).
    const fecEntries = new Map<string, { piece: string; amount: number }>();
    for (const r of rows) {
      if (!money[r.CompteNum]) continue;
      const key = r.PieceRef.includes('-C') ? `${r.EcritureNum} ${r.CompteNum}` : r.EcritureNum;
      fecEntries.set(key, { piece: r.PieceRef, amount: cents(r.Debit) - cents(r.Credit) });
    }
    const kindOf = (piece: string) =>
      piece.includes('-R') ? 'refund' : piece.includes('-C') ? 'correction' : 'sale';
    const fecPieces = [...fecEntries.values()]
      .map((e) => `${e.piece.replace(/-[RC]\d+$/, '')} ${kindOf(e.piece)} ${e.amount}`)
      .sort();
    const journalPieces = entries
      .filter((e) => e.revenue)
      .map((e) => `${e.orderNumber} ${e.kind} ${e.amountCents}`)
      .sort();
    expect(fecPieces, 'FEC entries = revenue entries of the journal').to.deep.equal(journalPieces);

    // ---- The orders CSV of the day: the sold orders' totals and refunds. ----
    const csv = await download(app.url, `/api/staff/exports/orders.csv?from=${day}&to=${day}`, accountant);
    expect(csv.status, csv.text).to.equal(200);
    const byOrder = new Map<string, Record<string, string>>();
    for (const r of csvObjects(csv.text)) byOrder.set(r['N° commande'], r); // order columns repeat per line
    const soldRows = [...byOrder.values()].filter((r) => r.Statut === 'Livrée' || r.Statut === 'Retirée');
    const inKitchen = [...byOrder.values()].filter((r) => r.Statut !== 'Livrée' && r.Statut !== 'Retirée');
    expect(
      inKitchen.map((r) => r['N° commande']),
      'listed, not sold yet',
    ).to.deep.equal([b4.number]);
    const saleEntries = entries.filter((e) => e.kind === 'sale');
    expect(soldRows.map((r) => r['N° commande']).sort()).to.deep.equal(
      saleEntries.map((e) => e.orderNumber).sort(),
    );
    const csvMethod: Record<string, string> = {
      Espèces: 'cash',
      'Titres-restaurant': 'meal_voucher',
      'Carte bancaire (TPE)': 'card_terminal',
      'Carte en ligne': 'stripe',
    };
    const csvSales = new Map<string, number>();
    const csvNet = new Map<string, number>();
    for (const r of soldRows) {
      const method = csvMethod[r['Moyen de paiement']];
      expect(method, r['Moyen de paiement']).to.be.a('string');
      add(csvSales, method, cents(r['Total commande TTC']));
      add(csvNet, method, cents(r['Total commande TTC']) - cents(r['Montant remboursé']));
    }
    // The CSV gives how each order was finally paid: the journal's sales moved by its corrections.
    const journalSales = new Map<string, number>();
    for (const e of entries.filter((e) => e.kind === 'sale' || e.kind === 'correction'))
      add(journalSales, e.method, e.amountCents);
    expect(
      sorted(csvSales),
      'CSV sold orders per means of payment = journal sales and corrections',
    ).to.deep.equal(sorted(journalSales));
    expect(sorted(csvNet), 'CSV totals less refunds = journal revenue per method').to.deep.equal(
      journal.methods,
    );
    expect(sum(soldRows.map((r) => cents(r['Montant remboursé']))), 'CSV refunds').to.equal(
      -sum(entries.filter((e) => e.kind === 'refund' && e.revenue).map((e) => e.amountCents)),
    );
    expect(sum(soldRows.map((r) => cents(r['Total commande HT']))), 'CSV HT of the sold orders').to.equal(
      sum(saleEntries.map((e) => e.htCents)),
    );
    expect(sum(soldRows.map((r) => cents(r['TVA commande']))), 'CSV VAT of the sold orders').to.equal(
      sum(saleEntries.map((e) => e.amountCents - e.htCents)),
    );

    // ---- The day closures of the three shops add up to the same figures. ----
    const closedBase = new Map<string, number>();
    const closedVat = new Map<string, number>();
    const closedMethods = new Map<string, number>();
    const closedKinds = new Map<string, number>();
    let closedRevenue = 0;
    let closedEntries = 0;
    for (const s of [a, b, c]) {
      const closure = await app.services.journal.close({
        pizzeriaId: s.w.shopId,
        kind: 'day',
        period: day,
        closedAt: new Date(),
        closedByEmployeeId: null,
      });
      const t = booksOf(closure.totals);
      for (const [rate, v] of Object.entries(t.base)) add(closedBase, rate, v);
      for (const [rate, v] of Object.entries(t.vat)) add(closedVat, rate, v);
      for (const [method, v] of Object.entries(t.methods)) add(closedMethods, method, v);
      for (const k of closure.totals.byKind) add(closedKinds, k.kind, k.totalCents);
      closedRevenue += t.revenue;
      closedEntries += closure.entries;
    }
    expect(sorted(closedBase), 'closures per VAT rate (base)').to.deep.equal(journal.base);
    expect(sorted(closedVat), 'closures per VAT rate (VAT)').to.deep.equal(journal.vat);
    expect(sorted(closedMethods), 'closures per means of payment').to.deep.equal(journal.methods);
    expect(closedRevenue, 'closures revenue').to.equal(journal.revenue);
    expect(closedEntries).to.equal(entries.length);
    expect(sorted(closedKinds)).to.deep.equal(
      Object.fromEntries(
        Object.entries(kinds)
          .map(([k, [, total]]) => [k, total])
          .filter(([, total]) => total !== 0)
          .sort(),
      ),
    );
  });
});
