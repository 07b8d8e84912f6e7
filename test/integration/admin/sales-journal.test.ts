// « Journal des ventes » in the back office: a manager sees their shop's journal and closes its day once; the
// accountant checks every shop's integrity (and sees a tampered entry named) and downloads a closed month's
// archive; a pizzaiolo has no such page.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { collectedOrder, tamper } from '../../factories/journal.js';
import { loggedIn } from './support.js';

const PAGE = '/api/resources/orders/actions/salesJournal';

describe('back office: « Journal des ventes »', () => {
  let app: TestApp;
  let w: ShopWorld & { code: string };
  let other: ShopWorld & { code: string };
  const withCode = async (shop: ShopWorld) => {
    const [row] = await app.db.query<{ code: string }>('SELECT code FROM pizzerias WHERE id = $1', {
      type: QueryTypes.SELECT,
      bind: [shop.shopId],
    });
    return { ...shop, code: row.code };
  };

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await withCode(await createShopWorld(app.db));
    other = await withCode(await createShopWorld(app.db, { prefix: 'B ' }));
    const api = client(app.url);
    for (const shop of [w, other]) {
      const tokens = {
        customer: (await customerWithToken(app.db)).token,
        staff: (await staffWithToken(app.db, 'manager', shop.shopId)).token,
      };
      await collectedOrder(api, shop, tokens, { quantity: 2 });
    }
  });

  it('when a manager opens the page and closes the day twice, then only their shop shows and the day closes once', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.shopId);
    const page = await manager.get(PAGE);
    expect(page.status).to.equal(200);
    expect(page.body.shops.map((s: { id: number }) => s.id)).to.deep.equal([w.shopId]);
    expect(page.body).to.include({ canClose: true, dayClosed: false, shopId: w.shopId });
    expect(page.body.businessDayLabel).to.match(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(page.body.archives).to.deep.equal([]); // archives are the accountant's and the admin's

    const closed = await manager.post(PAGE, { close: 'day' });
    expect(closed.body.notice).to.deep.include({ type: 'success' });
    expect(closed.body.notice.message).to.match(
      /^Journée du \d{2}\/\d{2}\/\d{4} clôturée : 1 écriture\(s\), clôture n° 1 signée\.$/,
    );
    expect(closed.body.dayClosed).to.equal(true);
    expect(closed.body.closures).to.have.length(1);
    expect(closed.body.closures[0]).to.include({ shopCode: w.code, kind: 'day', entries: 1 });
    expect(closed.body.closures[0].closedBy).to.match(/^par Prénom Employé \d+$/);

    const again = await manager.post(PAGE, { close: 'day', pizzeriaId: String(other.shopId) });
    expect(again.body.notice).to.deep.include({ type: 'danger' });
    expect(again.body.notice.message).to.match(/^La journée du \d{2}\/\d{2}\/\d{4} est déjà clôturée\.$/);
    // Naming the other shop changed nothing: a manager acts on their own shop only.
    expect((await app.services.journal.listClosures({ pizzeriaId: other.shopId })).length).to.equal(0);
  });

  it('when the accountant checks every shop, then « intègre »; after an amount is changed in SQL, the entry is named', async () => {
    const accountant = await loggedIn(app, app.db, 'accountant', null);
    const page = await accountant.get(PAGE);
    expect(page.body.shops.map((s: { id: number }) => s.id).sort()).to.deep.equal(
      [w.shopId, other.shopId].sort(),
    );
    expect(page.body.canClose).to.equal(false);
    expect(page.body.keys).to.have.length(1);
    expect(page.body.keys[0].publicKey).to.match(/^-----BEGIN PUBLIC KEY-----/);

    const intact = await accountant.get(`${PAGE}?verify=1`);
    expect(intact.body.verification.ok).to.equal(true);
    expect(intact.body.verification.summary).to.equal('Résultat : journal des ventes intègre.');

    await tamper(
      app.db,
      'UPDATE sales_journal SET amount_cents = amount_cents - 100 WHERE pizzeria_id = $1',
      [other.shopId],
    );
    const broken = await accountant.get(`${PAGE}?verify=1&pizzeriaId=${other.shopId}`);
    expect(broken.body.verification.ok).to.equal(false);
    expect(broken.body.verification.summary).to.equal(
      `Résultat : journal des ventes ALTÉRÉ (pizzeria ${other.code}, écriture n° 1).`,
    );
  });

  it('when a month is closed, then the accountant downloads its archive from the page and a pizzaiolo has no page', async () => {
    const journal = app.services.journal;
    const base = { pizzeriaId: w.shopId, closedAt: new Date(), closedByEmployeeId: null };
    await journal.close({ ...base, kind: 'day', period: '2026-11-30' });
    await journal.close({ ...base, kind: 'month', period: '2026-11' });
    const accountant = await loggedIn(app, app.db, 'accountant', null);
    const page = await accountant.get(`${PAGE}?pizzeriaId=${w.shopId}`);
    expect(page.body.archives).to.deep.equal([
      { pizzeriaId: w.shopId, period: '2026-11', label: `${w.code} — mois 11/2026 (.tar signé)` },
    ]);
    const tar = await accountant.get(`/journal/archive?pizzeriaId=${w.shopId}&period=2026-11`);
    expect(tar.status).to.equal(200);
    expect(tar.headers.get('content-type')).to.match(/application\/x-tar/);
    expect(String(tar.body)).to.include('manifest.json');

    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', w.shopId);
    const refused = await pizzaiolo.get(PAGE);
    expect(refused.body?.notice?.type ?? String(refused.status)).to.be.oneOf(['error', '403', '404']);
    expect(refused.body?.closures).to.equal(undefined);
    expect((await pizzaiolo.get(`/journal/archive?pizzeriaId=${w.shopId}&period=2026-11`)).status).to.equal(
      403,
    );
  });
});
