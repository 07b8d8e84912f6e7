import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startFakeMaps, type FakeMapsServer } from '../../fakes/maps-server.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';

// The real Google Maps client against test/fakes/maps-server (per-request URL override).
describe('delivery: geocoding, choice of the shop, ETA and driver runs', function () {
  this.timeout(30_000);
  let maps: FakeMapsServer;
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let east: ShopWorld; // Bastille
  let north: ShopWorld; // République, 1.6 km north-west of Bastille
  let customer: Awaited<ReturnType<typeof customerWithToken>>;

  // A customer between the two shops, inside both 3 km zones.
  const HOME = { line1: '50 rue de la Folie-Méricourt', postcode: '75011', city: 'Paris' };
  const HOME_POINT = { lat: 48.8645, lng: 2.3705 };
  const FAR = { line1: '1 avenue de la Porte de Saint-Cloud', postcode: '75016', city: 'Paris' };
  const FAR_POINT = { lat: 48.8381, lng: 2.2566 };

  before(async () => {
    maps = await startFakeMaps({ apiKey: 'maps-test-key' });
    app = await startTestApp({
      MAPS_API_KEY: 'maps-test-key',
      MAPS_API_BASE: maps.baseUrl,
      MAPS_TIMEOUT_MS: '300',
    });
    api = client(app.url);
  });
  after(async () => {
    await app?.close();
    await maps?.close();
  });
  beforeEach(async () => {
    maps.reset();
    maps.addPlace(HOME.line1, {
      ...HOME_POINT,
      formatted: '50 Rue de la Folie-Méricourt, 75011 Paris, France',
    });
    maps.addPlace(FAR.line1, {
      ...FAR_POINT,
      formatted: '1 Av. de la Prte de Saint-Cloud, 75016 Paris, France',
    });
    east = await createShopWorld(app.db, {
      shop: { code: 'P11', name: 'OC Pizza Bastille', lat: 48.8532, lng: 2.3692 },
    });
    north = await createShopWorld(app.db, {
      prefix: 'N-',
      shop: { code: 'P12', name: 'OC Pizza République', lat: 48.8675, lng: 2.3636 },
    });
    customer = await customerWithToken(app.db);
  });

  const orderAt = (shop: ShopWorld, address: object, key = newKey()) =>
    api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': key },
      body: {
        pizzeriaId: shop.shopId,
        fulfilment: 'delivery',
        address,
        items: [{ productId: shop.margherita.productId, sizeId: shop.margherita.sizeM, quantity: 2 }],
        paymentMethod: 'cash',
      },
    });
  const count = async (sql: string) =>
    (
      await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, { type: QueryTypes.SELECT })
    )[0].n;

  it('when an address lies in two zones, then the nearest-shops list puts the faster shop first and both deliver', async () => {
    const res = await api.get(
      `/api/pizzerias/nearest?address=${encodeURIComponent('50 rue de la Folie-Méricourt, 75011 Paris')}`,
    );
    expect(res.status).to.equal(200);
    expect(res.body.approximate).to.equal(false);
    expect(res.body.location).to.deep.equal(HOME_POINT);
    const [first, second] = res.body.pizzerias;
    expect(first.code).to.equal('P12'); // République is ~530 m away, Bastille ~1.3 km
    expect(first.deliversHere && second.deliversHere).to.equal(true);
    expect(first.travelSeconds).to.be.below(second.travelSeconds);
    const [geocode] = maps.requestsTo('geocode');
    expect(geocode.key).to.equal('maps-test-key');
    expect(geocode.address).to.include('50 rue de la Folie-Méricourt').and.include('75011');
  });

  it('when a shop is ordered from, then the order stores the drive, and its ETA adds it to the kitchen backlog', async () => {
    const res = await orderAt(north, HOME);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const o = res.body.order;
    expect(o.deliveryAddress).to.include(HOME_POINT);
    expect(o.deliveryEstimate.approximate).to.equal(false);
    expect(o.deliveryEstimate.distanceM).to.be.within(500, 1500);
    const drive = o.deliveryEstimate.travelSeconds;
    const ready = Date.parse(o.estimatedReadyAt);
    expect(Date.parse(o.estimatedDeliveryAt) - ready).to.equal(drive * 1000);
    // One order ahead in the kitchen: the next one is ready one preparation time later.
    const next = await orderAt(north, HOME);
    expect(Date.parse(next.body.order.estimatedReadyAt) - ready).to.be.closeTo(10 * 60_000, 5_000);
  });

  it('when the same address is ordered twice, then Google is asked to geocode it only once', async () => {
    await orderAt(north, HOME);
    await orderAt(north, { ...HOME, line1: '50, Rue de la  FOLIE-MÉRICOURT' });
    expect(maps.requestsTo('geocode')).to.have.length(1);
    expect(await count('geocode_cache')).to.equal(1);
  });

  it('when no shop is named, then the open shop that delivers fastest gets the order', async () => {
    const res = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        fulfilment: 'delivery',
        address: HOME,
        items: [{ productId: north.margherita.productId, sizeId: north.margherita.sizeM, quantity: 2 }],
        paymentMethod: 'cash',
      },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.order.pizzeria.code).to.equal('P12');
  });

  it('when the named shop does not deliver there, or none does, then 422 naming the nearest shop', async () => {
    const outside = await orderAt(east, FAR);
    expect([outside.status, outside.body.error.code]).to.deep.equal([422, 'outside_delivery_zone']);
    const none = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        fulfilment: 'delivery',
        address: FAR,
        items: [{ productId: east.margherita.productId, sizeId: east.margherita.sizeM, quantity: 2 }],
        paymentMethod: 'cash',
      },
    });
    expect([none.status, none.body.error.code]).to.deep.equal([422, 'no_pizzeria_delivers']);
    expect(none.body.error.message).to.match(
      /La plus proche est OC Pizza (Bastille|République), à \d+,\d km/,
    );
    expect(none.body.error.details.nearest.distanceM).to.be.above(8000);
    const nearest = await api.get(`/api/pizzerias/nearest?lat=${FAR_POINT.lat}&lng=${FAR_POINT.lng}`);
    expect(nearest.body.pizzerias.every((p: any) => !p.deliversHere)).to.equal(true);
    expect(await count('orders')).to.equal(0);
  });

  it('when a shop has no opening hours, then it is still listed as delivering, never opening, and an order to it is refused', async () => {
    await app.db.query(`UPDATE pizzerias SET opening_hours = '{}' WHERE id = $1`, { bind: [north.shopId] });
    const res = await api.get(`/api/pizzerias/nearest?lat=${HOME_POINT.lat}&lng=${HOME_POINT.lng}`);
    const byCode = Object.fromEntries(
      res.body.pizzerias.map((p: any) => [p.code, [p.deliversHere, p.isOpenNow, p.opensAt]]),
    );
    expect(byCode).to.deep.equal({ P11: [true, true, null], P12: [true, false, null] });
    const closed = await orderAt(north, HOME);
    expect([closed.status, closed.body.error.code]).to.deep.equal([409, 'pizzeria_closed']);
  });

  it('when the address does not exist, then 422 address_not_found in French, and nothing is written', async () => {
    const res = await orderAt(north, { line1: '999 rue Imaginaire', postcode: '75011', city: 'Paris' });
    expect([res.status, res.body.error.code]).to.deep.equal([422, 'address_not_found']);
    expect(res.body.error.message).to.match(/Adresse introuvable/);
    expect(await count('orders')).to.equal(0);
  });

  it('when Google is down or too slow, then 503 maps_unavailable after bounded retries and no order', async () => {
    maps.failNext('server_error', 3);
    const down = await orderAt(north, HOME);
    expect([down.status, down.body.error.code]).to.deep.equal([503, 'maps_unavailable']);
    expect(maps.requestsTo('geocode')).to.have.length(3);
    maps.failNext('slow', 3, { delayMs: 2000 });
    const started = Date.now();
    const slow = await orderAt(north, HOME);
    expect(slow.status).to.equal(503);
    expect(Date.now() - started).to.be.below(5_000);
    expect(await count('orders')).to.equal(0);
    expect(await count(`stock_movements WHERE kind = 'reservation'`)).to.equal(0);
    maps.failNext('over_query_limit', 1);
    const recovered = await orderAt(north, HOME);
    expect(recovered.status).to.equal(201);
  });

  it('when a driver has several deliveries out, then they come in route order with directions links', async () => {
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', north.shopId);
    const driver = await staffWithToken(app.db, 'driver', north.shopId);
    const stops = [
      {
        line1: '1 rue du Faubourg du Temple',
        postcode: '75011',
        city: 'Paris',
        point: { lat: 48.8681, lng: 2.3652 },
      },
      {
        line1: '30 boulevard Voltaire',
        postcode: '75011',
        city: 'Paris',
        point: { lat: 48.8622, lng: 2.3723 },
      },
      { line1: '5 rue Oberkampf', postcode: '75011', city: 'Paris', point: { lat: 48.8649, lng: 2.3685 } },
    ];
    const ids: string[] = [];
    for (const s of stops) {
      maps.addPlace(s.line1, { ...s.point, formatted: `${s.line1}, 75011 Paris` });
      const placed = await orderAt(north, { line1: s.line1, postcode: s.postcode, city: s.city });
      ids.push(placed.body.order.id);
    }
    for (const id of ids) {
      for (const step of ['start', 'ready'])
        await api.post(`/api/staff/orders/${id}/${step}`, { token: pizzaiolo.token });
      const picked = await api.post(`/api/staff/orders/${id}/pickup`, { token: driver.token });
      expect(Date.parse(picked.body.order.estimatedDeliveryAt)).to.be.above(Date.now());
    }
    const run = await api.get('/api/staff/deliveries', { token: driver.token });
    // From République: Faubourg du Temple (≈150 m), then Oberkampf, then Voltaire.
    expect(run.body.deliveries.map((d: any) => d.id)).to.deep.equal([ids[0], ids[2], ids[1]]);
    expect(run.body.deliveries.map((d: any) => d.routePosition)).to.deep.equal([1, 2, 3]);
    expect(run.body.runDirectionsUrl).to.include('waypoints=');
  });
});
