// The shop's public menu stream (GET /api/pizzerias/:id/menu/events): a « rupture » begun or ended from the staff
// screens or saved in the back office reaches the shop's open menus at once (« menu.changed »), never another
// shop's, and no order data passes through it.
import { expect } from 'chai';
import { createPizzeria } from '../../factories/catalog.js';
import { createShopWorld, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { loggedIn } from '../admin/support.js';
import { SseReader } from '../realtime/support.js';

describe('menu stream: ruptures reach the open menus at once', () => {
  let app: TestApp;
  let w: ShopWorld;
  let p02: number;
  const open: SseReader[] = [];

  before(async () => {
    app = await startTestApp({}, { bus: 'pg' });
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db, { shop: { code: 'P01' } });
    p02 = await createPizzeria(app.db, { code: 'P02' });
  });
  afterEach(() => open.splice(0).forEach((s) => s.close()));

  async function follow(shop: number | string): Promise<SseReader> {
    const stream = await SseReader.open(`${app.url}/api/pizzerias/${shop}/menu/events`);
    open.push(stream);
    if (stream.status === 200) expect((await stream.next()).event).to.equal('ready');
    return stream;
  }

  it('when the kitchen takes an item off then puts it back, then its shop’s stream says so twice and another shop’s says nothing', async () => {
    const mine = await follow(w.shopId);
    const byCode = await follow('P01');
    const theirs = await follow(p02);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const api = client(app.url);
    const started = await api.post('/api/staff/ruptures', {
      token: pizzaiolo.token,
      body: { extraId: w.extraMozza, reason: 'Ingrédient épuisé' },
    });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    for (const stream of [mine, byCode]) {
      const frame = await stream.next();
      expect(frame.event).to.equal('menu.changed');
      expect(frame.data).to.have.keys('type', 'pizzeriaId', 'at');
      expect(frame.data).to.include({ pizzeriaId: w.shopId });
    }
    const ended = await api.post(`/api/staff/ruptures/${started.body.rupture.id}/end`, {
      token: pizzaiolo.token,
    });
    expect(ended.status).to.equal(204);
    expect((await mine.next()).event).to.equal('menu.changed');
    await expectNothing(theirs);
  });

  it('when a manager saves a rupture in the back office, then the shop’s stream says so', async () => {
    const stream = await follow(w.shopId);
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    const res = await manager.create('menu_ruptures', {
      sizeId: String(w.margherita.sizeM),
      reason: 'Four en panne',
    });
    expect(res.body.notice?.type, JSON.stringify(res.body.notice)).to.equal('success');
    const frame = await stream.next();
    expect(frame.event).to.equal('menu.changed');
    expect(frame.data).to.include({ pizzeriaId: w.shopId });
  });

  it('when a rupture is refused, then nothing is announced; an unknown shop has no stream', async () => {
    const stream = await follow(w.shopId);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const refused = await client(app.url).post('/api/staff/ruptures', {
      token: pizzaiolo.token,
      body: { extraId: w.extraMozza, reason: 'x', until: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(refused.status).to.equal(422);
    await expectNothing(stream);
    const unknown = await follow(999_999);
    expect(unknown.status).to.equal(404);
  });

  async function expectNothing(stream: SseReader): Promise<void> {
    const next = await stream.next(500).then(
      (frame) => frame,
      () => null,
    );
    expect(next, 'no frame').to.equal(null);
  }
});
