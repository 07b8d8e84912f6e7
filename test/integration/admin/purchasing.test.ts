// The purchasing workflow in the back office over the AdminJS API (« Suggestions de commande » and
// « Réceptionner », resource actions of the stock items): a manager sees the suggestion of a shop with a
// history and a supplier, adjusts a line, creates the draft, sends it (the supplier's e-mail waits in the outbox),
// receives part of it, then the rest; a manager of another shop cannot touch it; a pizzaiolo and the accountant
// have no such pages.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, stockOf, type ShopWorld } from '../../factories/shop.js';
import { createSupplier, supplierItem } from '../../factories/purchasing.js';
import { pastUse } from '../../factories/use-history.js';
import { isRefused, loggedIn } from './support.js';

const SUGGESTIONS = '/api/resources/stock_items/actions/purchaseSuggestions';
const RECEPTION = '/api/resources/stock_items/actions/purchaseReception';
/** Intl writes a narrow no-break space before « € » and between thousands: plain spaces to compare. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('back office: suggestions, purchase order and reception', function () {
  this.timeout(60_000);
  let app: TestApp;
  let w: ShopWorld;
  let supplierId: number;
  const email = `laiterie.${process.pid}@fournisseur.example.fr`;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db, { mozzarella: 0 });
    await pastUse(app.db, w.stockIds.mozza);
    supplierId = await createSupplier(app.db, { name: 'Laiterie du Val', email, leadTimeDays: 1 });
    await supplierItem(app.db, supplierId, w.ingredients.mozza, {
      packLabel: 'Bloc 2,5 kg',
      packQuantity: 2500,
      packPriceCents: 1250,
    });
  });

  it('when a manager adjusts a line, creates, sends and receives in two deliveries, then each step shows in French and the stock follows', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    const page = await manager.get(SUGGESTIONS);
    expect(page.status).to.equal(200);
    expect(page.body.shopId).to.equal(w.shopId);
    const suggestion = page.body.suppliers.find((s: any) => s.supplierId === supplierId);
    expect(suggestion, JSON.stringify(page.body)).to.be.an('object');
    expect(suggestion.deliveryLabel).to.match(
      /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ \p{L}+$/u,
    );
    const line = suggestion.lines.find((l: any) => l.ingredientId === w.ingredients.mozza);
    expect(line.packs).to.be.greaterThan(0);
    expect(line.packLabel).to.equal('Bloc 2,5 kg');
    expect(plain(line.packPriceLabel)).to.equal('12,50 €');
    expect(line.stockAtDeliveryLabel).to.equal('0 g');
    expect(line.parLevelLabel).to.match(/^\d+(,\d+)? kg$/);
    expect(line.reason).to.match(/[a-zé]/);
    const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    expect(suggestion.totalLabel).to.equal(euros.format(line.packs * 12.5));
    expect(suggestion.minimumReached).to.equal(true);

    const half = await manager.post(SUGGESTIONS, {
      op: 'create',
      supplierId: String(supplierId),
      lines: JSON.stringify([{ ingredientId: w.ingredients.mozza, packs: 1.5 }]),
    });
    expect(half.body.notice).to.deep.equal({
      type: 'danger',
      message: 'Certaines données sont invalides : nombre de colis entier attendu.',
    });
    expect(half.body.order).to.equal(undefined);

    const packs = line.packs + 1;
    const created = await manager.post(SUGGESTIONS, {
      op: 'create',
      pizzeriaId: String(w.shopId),
      supplierId: String(supplierId),
      lines: JSON.stringify([{ ingredientId: w.ingredients.mozza, packs, suggestedPacks: line.packs }]),
    });
    expect(created.body.notice, JSON.stringify(created.body.notice)).to.deep.include({ type: 'success' });
    const draft = created.body.order;
    expect(draft.status).to.equal('draft');
    expect(draft.number).to.match(/^BC-P\d+-0001$/);
    expect(draft.lines[0]).to.include({ packs, suggestedPacks: line.packs, name: 'Mozzarella' });
    expect(created.body.notice.message).to.equal(
      `Bon de commande ${draft.number} créé (brouillon, ${draft.totalLabel} HT).`,
    );

    const sent = await manager.post(SUGGESTIONS, { op: 'send', purchaseOrderId: String(draft.id) });
    expect(sent.body.notice).to.deep.equal({
      type: 'success',
      message: `Bon de commande ${draft.number} envoyé à Laiterie du Val (${email}).`,
    });
    expect(sent.body.order.status).to.equal('sent');
    const outbox = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'purchasing.order_sent' AND recipient = $1`,
      { type: QueryTypes.SELECT, bind: [email] },
    );
    expect(outbox[0].n).to.equal(1);
    expect(sent.body.openOrders.map((o: any) => o.number)).to.deep.equal([draft.number]);
    // Sent twice: the service's refusal, in French, and nothing changes.
    const twice = await manager.post(SUGGESTIONS, { op: 'send', purchaseOrderId: String(draft.id) });
    expect(twice.body.notice.type).to.equal('danger');
    expect(twice.body.notice.message).to.match(/^Seul un brouillon peut être envoyé/);

    const form = await manager.get(`${RECEPTION}?purchaseOrderId=${draft.id}`);
    const poLine = form.body.order.lines[0];
    expect(poLine).to.include({
      orderedQuantity: packs * 2500,
      toReceive: packs * 2500,
      receivedLabel: '0 g',
    });

    const negative = await manager.post(RECEPTION, {
      purchaseOrderId: String(draft.id),
      lines: JSON.stringify([{ purchaseOrderLineId: poLine.id, receivedQuantity: -2500 }]),
    });
    expect(negative.body.notice).to.deep.equal({
      type: 'danger',
      message: 'Certaines données sont invalides : la quantité ne peut pas être négative.',
    });
    expect(negative.body.order.status).to.equal('sent');

    const first = await manager.post(RECEPTION, {
      purchaseOrderId: String(draft.id),
      final: 'false',
      lines: JSON.stringify([{ purchaseOrderLineId: poLine.id, receivedQuantity: 2500, refusedQuantity: 0 }]),
    });
    expect(first.body.notice.type, JSON.stringify(first.body.notice)).to.equal('success');
    expect(first.body.order.status).to.equal('partially_received');
    expect(first.body.order.lines[0]).to.include({ receivedLabel: '2,5 kg' });
    expect(first.body.order.lines[0].shortQuantity).to.equal((packs - 1) * 2500);
    expect((await stockOf(app.db, w.stockIds.mozza)).onHand).to.equal(2500);
    const reopened = await manager.get(SUGGESTIONS);
    expect(reopened.body.openOrders[0]).to.include({ number: draft.number, statusLabel: 'Reçu en partie' });

    const rest = (packs - 1) * 2500;
    const second = await manager.post(RECEPTION, {
      purchaseOrderId: String(draft.id),
      final: 'false',
      lines: JSON.stringify([
        {
          purchaseOrderLineId: poLine.id,
          receivedQuantity: rest - 500,
          refusedQuantity: 500,
          refusedReason: 'Emballage abîmé',
        },
      ]),
    });
    expect(second.body.notice.message).to.equal(`Réception enregistrée : ${draft.number} est reçu.`);
    expect(second.body.order.lines[0]).to.include({
      refusedLabel: '500 g',
      shortLabel: null,
      overLabel: null,
    });
    expect(second.body.order.lines[0].refusedReasons).to.deep.equal(['Emballage abîmé']);
    expect((await stockOf(app.db, w.stockIds.mozza)).onHand).to.equal(packs * 2500 - 500);
    expect((await manager.get(SUGGESTIONS)).body.openOrders).to.deep.equal([]);

    const closed = await manager.post(RECEPTION, {
      purchaseOrderId: String(draft.id),
      lines: JSON.stringify([{ purchaseOrderLineId: poLine.id, receivedQuantity: 100 }]),
    });
    expect(closed.body.notice).to.deep.equal({
      type: 'danger',
      message: 'Seul un bon de commande envoyé et pas encore soldé peut être réceptionné.',
    });
  });

  it('when a manager of another shop, a pizzaiolo or the accountant try, then they are refused', async () => {
    const owner = await loggedIn(app, app.db, 'manager', w.shopId);
    const line = (await owner.get(SUGGESTIONS)).body.suppliers[0].lines[0];
    const { order } = (
      await owner.post(SUGGESTIONS, {
        op: 'create',
        supplierId: String(supplierId),
        lines: JSON.stringify([{ ingredientId: line.ingredientId, packs: line.packs }]),
      })
    ).body;
    await owner.post(SUGGESTIONS, { op: 'send', purchaseOrderId: String(order.id) });

    const other = await createShopWorld(app.db, { prefix: 'B ' });
    const stranger = await loggedIn(app, app.db, 'manager', other.shopId);
    const own = await stranger.get(`${SUGGESTIONS}?pizzeriaId=${w.shopId}`);
    expect(own.body.shopId).to.equal(other.shopId); // a manager sees their own shop whatever is asked
    expect(own.body.openOrders).to.deep.equal([]);
    const seen = await stranger.get(`${RECEPTION}?purchaseOrderId=${order.id}`);
    expect(seen.body.order).to.equal(null);
    expect(seen.body.notice.type).to.equal('danger');
    const received = await stranger.post(RECEPTION, {
      purchaseOrderId: String(order.id),
      lines: JSON.stringify([{ purchaseOrderLineId: order.lines[0].id, receivedQuantity: 2500 }]),
    });
    expect(received.body.notice.type).to.equal('danger');
    const created = await stranger.post(SUGGESTIONS, {
      op: 'create',
      pizzeriaId: String(w.shopId),
      supplierId: String(supplierId),
      lines: JSON.stringify([{ ingredientId: line.ingredientId, packs: 1 }]),
    });
    expect(created.body.notice.type).to.equal('danger');
    const [counts] = await app.db.query<{ orders: number; onHand: number }>(
      `SELECT (SELECT count(*)::int FROM purchase_orders WHERE pizzeria_id = $1) AS orders,
              (SELECT on_hand FROM stock_items WHERE id = $2) AS "onHand"`,
      { type: QueryTypes.SELECT, bind: [w.shopId, w.stockIds.mozza] },
    );
    expect(counts).to.deep.equal({ orders: 1, onHand: 0 });

    for (const [role, shop] of [
      ['pizzaiolo', w.shopId],
      ['accountant', null],
    ] as const) {
      const client = await loggedIn(app, app.db, role, shop);
      expect(isRefused(await client.get(SUGGESTIONS)), role).to.equal(true);
      expect(isRefused(await client.get(`${RECEPTION}?purchaseOrderId=${order.id}`)), role).to.equal(true);
      const post = await client.post(SUGGESTIONS, { op: 'send', purchaseOrderId: String(order.id) });
      expect(isRefused(post), role).to.equal(true);
    }
  });
});
