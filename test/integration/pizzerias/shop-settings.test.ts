// A shop's manager sets its operational settings in the back office (« Réglages »): hours, exceptional closures,
// delivery radius and amounts (typed as people write them), preparation time and slot capacity. The public API
// follows at once; a closed date has no hours, no slot and refuses orders; another shop's settings and the
// identity fields stay out of reach; bad values get a French 422 and change nothing.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { fixedClock } from '../../../src/shared/clock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createPizzeria } from '../../factories/catalog.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  takeawayMargherita,
  type ShopWorld,
} from '../../factories/shop.js';
import { isRefused, loggedIn } from '../admin/support.js';

const SERVICE: [string, string][] = [
  ['11:30', '14:30'],
  ['18:00', '23:00'],
];
const LUNCH_AND_EVENING = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, SERVICE]),
);
/** Monday 7 December 2026 (day 7) or the next days, Paris time (UTC+1). */
const at = (hhmm: string, day = 7) => new Date(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+01:00`);

describe('shop settings: a manager sets their own shop’s hours, closures and delivery conditions', () => {
  const clock = fixedClock(at('12:00'));
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;

  before(async () => {
    app = await startTestApp({}, { clock });
  });
  after(() => app.close());
  beforeEach(async () => {
    clock.set(at('12:00'));
    api = client(app.url);
    w = await createShopWorld(app.db, { shop: { openingHours: LUNCH_AND_EVENING } });
  });

  const settingsPath = (id: number) => `/api/resources/pizzerias/records/${id}/settings`;
  const publicShop = async (id = w.shopId) => {
    const res = await api.get('/api/pizzerias');
    expect(res.status).to.equal(200);
    return res.body.pizzerias.find((p: { id: number }) => p.id === id);
  };
  const nearestShop = async () => {
    const res = await api.get('/api/pizzerias/nearest?lat=48.8556&lng=2.3749');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.pizzerias.find((p: { id: number }) => p.id === w.shopId);
  };
  const slots = (date: string) =>
    api.get(`/api/pizzerias/${w.shopId}/slots?fulfilment=takeaway&date=${date}`);
  const columns = async (id = w.shopId) =>
    (
      await app.db.query<any>(
        `SELECT name, code, delivery_fee_cents AS fee, min_delivery_order_cents AS minimum,
                free_delivery_threshold_cents AS threshold, delivery_radius_m AS radius,
                prep_minutes_per_order AS prep, slot_capacity AS capacity, opening_hours AS hours, closures
           FROM pizzerias WHERE id = $1`,
        { type: QueryTypes.SELECT, bind: [id] },
      )
    )[0];

  it('when a manager opens « Réglages », then the form shows euros with a comma and the radius in km', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    const res = await manager.get(settingsPath(w.shopId));
    expect(res.status).to.equal(200);
    expect(JSON.parse(res.body.record.params.shopSettings)).to.deep.equal({
      openingHours: LUNCH_AND_EVENING,
      closures: [],
      deliveryRadius: '3 km',
      deliveryFee: '2,50',
      minOrder: '15,00',
      freeThreshold: '30,00',
      prepMinutes: '10',
      slotCapacity: '6',
    });
  });

  it('when a manager saves hours, fee, minimum, radius, preparation and capacity, then the public API shows them at once', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    const evenings = { ...LUNCH_AND_EVENING, mon: [['18h', '1:00']], sun: [] };
    const res = await manager.post(settingsPath(w.shopId), {
      openingHours: JSON.stringify(evenings),
      deliveryFee: '3,20 €',
      minOrder: '18.5',
      freeThreshold: '',
      deliveryRadius: '4,5 km',
      prepMinutes: '12',
      slotCapacity: '2',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.notice).to.deep.equal({ message: 'Réglages enregistrés.', type: 'success' });
    expect(JSON.parse(res.body.record.params.shopSettings)).to.deep.include({
      deliveryFee: '3,20',
      minOrder: '18,50',
      freeThreshold: '',
      deliveryRadius: '4,5 km',
    });

    const shop = await publicShop();
    expect(shop.delivery).to.deep.equal({
      radiusM: 4500,
      minOrderCents: 1850,
      feeCents: 320,
      freeThresholdCents: null,
    });
    expect(shop.openingHours.mon).to.deep.equal([['18:00', '01:00']]);
    expect(shop.openingHours).to.not.have.property('sun');
    // Monday noon: the lunch range is gone, so the shop is closed until 18:00.
    expect(shop.isOpenNow).to.equal(false);
    expect(shop.opensAt).to.equal(at('18:00').toISOString());
    const today = await slots('2026-12-07');
    expect(today.body.capacity).to.equal(2);
    expect(today.body.slots[0].at).to.equal(at('18:15').toISOString()); // 18:00 + 12 min, next quarter
    expect((await columns()).prep).to.equal(12);
  });

  it('when a manager adds a closure, then those days have no hours and no slot, orders are refused, and the next opening is after it', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    // Tuesday, before the closure is set: lunch and dinner slots.
    expect((await slots('2026-12-08')).body.slots).to.have.length.above(10);
    const customer = await customerWithToken(app.db);
    const booked = await api.post('/api/orders', {
      token: customer.token,
      body: { ...takeawayMargherita(w), scheduledFor: at('19:00', 8).toISOString() },
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const res = await manager.post(settingsPath(w.shopId), {
      closures: JSON.stringify([
        { from: '2026-12-08', to: '09/12/2026', reason: 'Fermeture annuelle' },
        { from: '2026-11-01', to: '2026-11-02', reason: 'Toussaint' }, // over: dropped
      ]),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    // Closing does not cancel what is booked: the manager is told which orders to deal with.
    expect(res.body.notice.message).to.equal(
      `Réglages enregistrés. Attention : la commande pour plus tard ${booked.body.order.number} tombe pendant ` +
        'une fermeture : prévenez les clients, ou annulez-les.',
    );
    expect((await columns()).closures).to.deep.equal([
      { from: '2026-12-08', to: '2026-12-09', reason: 'Fermeture annuelle' },
    ]);

    // The shop's record page reads the week and the closures in French, not JSON.
    const page = (await manager.show('pizzerias', w.shopId)).body.record.params;
    expect(page.weekHours).to.match(
      /^Lundi : 11:30–14:30, 18:00–23:00 · Mardi : 11:30–14:30, 18:00–23:00 · /,
    );
    expect(page.closuresText).to.equal('du 08/12/2026 au 09/12/2026 : Fermeture annuelle');

    // Monday 23:30: closed; without the closure it would open on Tuesday at 11:30.
    clock.set(at('23:30'));
    const monday = await nearestShop();
    expect(monday.isOpenNow).to.equal(false);
    expect(monday.opensAt).to.equal(at('11:30', 10).toISOString());
    expect(monday.closures).to.deep.equal([
      { from: '2026-12-08', to: '2026-12-09', reason: 'Fermeture annuelle' },
    ]);
    const tuesdaySlots = await slots('2026-12-08');
    expect(tuesdaySlots.status).to.equal(200);
    expect(tuesdaySlots.body.slots).to.deep.equal([]);

    // Tuesday noon, within the usual lunch service: closed, no hours today, orders refused.
    clock.set(at('12:00', 8));
    const tuesday = await publicShop();
    // The shop's menu (its own SQL statement) says the same.
    const menu = await api.get(`/api/pizzerias/${w.shopId}/menu`);
    expect(menu.body.pizzeria).to.deep.include({ isOpenNow: false, opensAt: at('11:30', 10).toISOString() });
    expect(tuesday).to.deep.include({
      isOpenNow: false,
      todayHours: [],
      opensAt: at('11:30', 10).toISOString(),
    });
    const now = await api.post('/api/orders', {
      token: customer.token,
      body: takeawayMargherita(w),
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(now.status).to.equal(409);
    expect(now.body.error.code).to.equal('pizzeria_closed');
    const later = await api.post('/api/orders', {
      token: customer.token,
      body: { ...takeawayMargherita(w), scheduledFor: at('19:00', 9).toISOString() },
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(later.status).to.equal(422);
    expect(later.body.error.code).to.equal('slot_invalid');
    // Wednesday (tomorrow) is closed too; on Wednesday, Thursday's slots are back.
    expect((await slots('2026-12-09')).body.slots).to.deep.equal([]);
    clock.set(at('09:00', 9));
    expect((await slots('2026-12-10')).body.slots).to.have.length.above(10);
  });

  it('when a manager aims at another shop or at identity fields, or a pizzaiolo or the accountant tries, then it is refused and nothing changes', async () => {
    const other = await createPizzeria(app.db);
    const before = await columns(other);
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    expect(isRefused(await manager.post(settingsPath(other), { deliveryFee: '9' }))).to.equal(true);
    expect(isRefused(await manager.get(settingsPath(other)))).to.equal(true);
    expect(await columns(other)).to.deep.equal(before);

    const mine = await columns();
    const identity = await manager.post(settingsPath(w.shopId), { name: 'Chez moi', deliveryFee: '1' });
    expect(identity.status).to.equal(422);
    expect(identity.body.error.code).to.equal('settings_field_not_editable');
    expect(identity.body.error.message).to.match(/^Ces champs ne se modifient pas ici : name\./);
    expect(isRefused(await manager.edit('pizzerias', w.shopId, { name: 'Chez moi', code: 'P99' }))).to.equal(
      true,
    );
    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', w.shopId);
    expect(isRefused(await pizzaiolo.post(settingsPath(w.shopId), { deliveryFee: '1' }))).to.equal(true);
    const accountant = await loggedIn(app, app.db, 'accountant', null);
    expect(isRefused(await accountant.post(settingsPath(w.shopId), { deliveryFee: '1' }))).to.equal(true);
    // The pizzerias service checks the shop again (whoever calls it: a future screen, a script).
    let refusal: unknown;
    await app.services.pizzerias
      .updateSettings({ role: 'manager', pizzeriaId: other }, w.shopId, { deliveryFee: '1' })
      .catch((e: unknown) => (refusal = e));
    expect(refusal).to.deep.include({ status: 403, code: 'forbidden' });
    expect(await columns()).to.deep.equal(mine);

    // The group admin may set any shop's settings.
    const admin = await loggedIn(app, app.db, 'admin', null);
    const res = await admin.post(settingsPath(other), { deliveryFee: '1,90' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect((await columns(other)).fee).to.equal(190);
  });

  it('when values are unreadable or hours overlap, then a 422 lists every problem in French and nothing is written', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    const before = await columns();
    const res = await manager.post(settingsPath(w.shopId), {
      deliveryFee: 'dix',
      deliveryRadius: '3 lieues',
      prepMinutes: '0',
      slotCapacity: '-1',
      openingHours: JSON.stringify({
        mon: [['14:30', '11:30']],
        tue: [
          ['11:30', '15:00'],
          ['14:00', '22:00'],
        ],
        wed: [['11:30', '']],
      }),
      closures: JSON.stringify([
        { from: '2026-12-20', to: '2026-12-18', reason: 'Noël' },
        { from: '2026-12-24', to: '', reason: ' ' },
        { from: '31/02/2026', reason: 'x' },
      ]),
    });
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('invalid_shop_settings');
    const messages = (res.body.error.details as { field: string; message: string }[]).map((d) => d.message);
    expect(messages).to.deep.equal([
      'Lundi : la fermeture (11:30) doit être après l’ouverture (14:30) — ou après minuit, au plus tard à 06:00.',
      'Mardi : les plages 11:30–15:00 et 14:00–22:00 se chevauchent.',
      'Mercredi : indiquez l’ouverture et la fermeture en heures et minutes (par exemple 11:30 et 14:30).',
      'Fermeture du 20/12/2026 : le dernier jour (18/12/2026) est avant le premier.',
      'Fermeture du 24/12/2026 : indiquez le motif (par exemple « Fermeture annuelle »), 120 caractères au plus.',
      'Fermeture : indiquez le premier jour fermé (JJ/MM/AAAA).',
      'Rayon de livraison : écrivez par exemple « 3 km », « 2,5 km » ou « 2500 m » (entre 100 m et 50 km).',
      'Frais de livraison : un montant en euros est attendu, par exemple 2,50 (virgule ou point).',
      'Temps de préparation : un nombre entier de minutes entre 1 et 240 est attendu.',
      'Commandes pour plus tard par créneau : un nombre entier entre 0 (aucune) et 200 est attendu.',
    ]);
    expect(res.body.error.message).to.equal(messages.join(' '));
    expect(JSON.stringify(res.body)).to.not.match(/stack|Error:|NaN/);
    expect(await columns()).to.deep.equal(before);

    // « 10,50 » is 1050 cents; « 2 500 m » is 2500 m.
    const ok = await manager.post(settingsPath(w.shopId), {
      deliveryFee: '10,50',
      deliveryRadius: '2 500 m',
    });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(await columns()).to.deep.include({ fee: 1050, radius: 2500 });
  });
});
