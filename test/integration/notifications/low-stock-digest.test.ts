// The managers' low-stock digest: due at LOW_STOCK_DIGEST_HOUR in each shop's own time zone, one e-mail per
// active manager and local day listing what is under its alert threshold in French units, nothing when nothing
// is low, exactly once however many processes check; read as it arrived at a real SMTP server process.
import { expect } from 'chai';
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { mailsTo, startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.js';
import { createShopWorld, type ShopWorld } from '../../factories/shop.js';
import { createEmployee } from '../../factories/people.js';
import { createLowStockDigest } from '../../../src/modules/notifications/index.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { formatQuantity } from '../../../src/shared/quantity.js';

describe('notifications: the low-stock digest of each shop’s managers (real SMTP server)', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let worker: { stop(): Promise<void>; drain(): Promise<number> };

  before(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', LOW_STOCK_DIGEST_HOUR: '7' });
  });
  beforeEach(() => {
    worker = app.services.notifications.startWorker({ logger: app.context.logger });
    smtp.accepted.length = 0;
  });
  afterEach(() => worker.stop());
  after(async () => {
    await app.close();
    await smtp.stop();
  });

  const at = (iso: string) => app.services.lowStockDigest.enqueueLowStockDigests(new Date(iso));

  async function threshold(w: ShopWorld, ingredient: keyof ShopWorld['stockIds'], value: number) {
    await app.db.query('UPDATE stock_items SET alert_threshold = $2 WHERE id = $1', {
      bind: [w.stockIds[ingredient], value],
    });
  }

  async function shopName(id: number) {
    const [row] = await app.db.query<{ name: string }>('SELECT name FROM pizzerias WHERE id = $1', {
      type: QueryTypes.SELECT,
      bind: [id],
    });
    return row.name;
  }

  async function digestKeys(): Promise<string[]> {
    const rows = await app.db.query<{ key: string }>(
      `SELECT key FROM outbox WHERE kind = 'staff.low_stock' ORDER BY key`,
      { type: QueryTypes.SELECT },
    );
    return rows.map((r) => r.key);
  }

  /** A Paris shop with mozzarella and cola under their thresholds, two active managers and other staff. */
  async function lowShop(prefix = '') {
    const w = await createShopWorld(app.db, { prefix });
    await threshold(w, 'mozza', 60_000); // 50 000 g on hand
    await threshold(w, 'cola', 600); // 500 on hand
    await threshold(w, 'dough', 1_000); // 100 000 g on hand: fine
    const managers = [
      await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId }),
      await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId }),
    ];
    await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId, active: false });
    await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: w.shopId });
    await createEmployee(app.db, { role: 'admin' });
    return { w, managers };
  }

  it('when it is 7 h at the shop, then each active manager gets one digest of the low ingredients in French units, and nobody else, nor at another hour', async () => {
    const { w, managers } = await lowShop();
    // Another Paris shop where nothing is low: its manager gets nothing.
    const calm = await createShopWorld(app.db, { prefix: 'B ' });
    const calmManager = await createEmployee(app.db, { role: 'manager', pizzeriaId: calm.shopId });

    expect(await at('2026-12-07T05:59:00Z'), '6 h 59 in Paris').to.equal(0);
    expect(await at('2026-12-07T06:00:00Z'), '7 h 00 in Paris').to.equal(2);
    expect(await at('2026-12-07T06:59:00Z'), 'later in the same hour').to.equal(0);
    expect(await at('2026-12-07T07:00:00Z'), '8 h 00 in Paris').to.equal(0);
    expect(await digestKeys()).to.have.members(
      managers.map((m) => `low-stock:${w.shopId}:2026-12-07:${m.id}`),
    );

    await worker.drain();
    const mails = await smtp.waitForAccepted(2);
    expect(mails.flatMap((m) => m.to)).to.have.members(managers.map((m) => m.email));
    expect(mailsTo(mails, calmManager.email)).to.deep.equal([]);
    const name = await shopName(w.shopId);
    const mail = mails[0].parsed;
    expect(mail.subject).to.equal(`Stock bas — ${name} : 2 ingrédients sous le seuil d’alerte`);
    const text = mail.text!;
    expect(text).to.include('Bonjour Prénom,');
    expect(text).to.include(`Le lundi 7 décembre 2026 à 7 h, 2 ingrédients de la pizzeria ${name} sont sous`);
    // Available, threshold and on hand of each low line, in its unit, as French people write them.
    expect(text).to.include(
      `Mozzarella : ${formatQuantity(50_000, 'g')} disponibles\n` +
        `    Seuil ${formatQuantity(60_000, 'g')} · en stock ${formatQuantity(50_000, 'g')}`,
    );
    expect(text).to.include(
      `Cola 33 cl : ${formatQuantity(500, 'piece')} disponibles\n` +
        `    Seuil ${formatQuantity(600, 'piece')} · en stock ${formatQuantity(500, 'piece')}`,
    );
    expect(text).not.to.include('Pâte');
    expect(text).not.to.include('Sauce tomate');
    expect(mail.html as string).to.include('Mozzarella');
  });

  it('when a shop is in another time zone, then its digest comes at 7 h there', async () => {
    const { w, managers } = await lowShop();
    await app.db.query(`UPDATE pizzerias SET timezone = 'Indian/Reunion' WHERE id = $1`, {
      bind: [w.shopId],
    });
    expect(await at('2026-12-07T06:00:00Z'), '10 h in La Réunion').to.equal(0);
    expect(await at('2026-12-07T03:00:00Z'), '7 h in La Réunion').to.equal(2);
    // The next local day at 7 h there: that day's digest.
    expect(await at('2026-12-08T03:30:00Z')).to.equal(2);
    expect(await digestKeys()).to.have.members(
      ['2026-12-07', '2026-12-08'].flatMap((d) => managers.map((m) => `low-stock:${w.shopId}:${d}:${m.id}`)),
    );
  });

  it('when several processes check at the same minute, then each manager gets exactly one digest a day', async () => {
    const { managers } = await lowShop();
    // Four processes' digest jobs over the same database and outbox.
    const processes = [
      app.services.lowStockDigest,
      ...[1, 2, 3].map(() =>
        createLowStockDigest({
          db: app.database,
          clock: app.clock,
          hour: 7,
          stock: app.services.stock,
          notifications: app.services.notifications,
        }),
      ),
    ];
    const written = await Promise.all(
      processes.map((p) => p.enqueueLowStockDigests(new Date('2026-12-09T06:00:05Z'))),
    );
    expect(written.reduce((a, b) => a + b, 0)).to.equal(managers.length);
    expect(await digestKeys()).to.have.length(managers.length);
    await worker.drain();
    await smtp.waitForAccepted(2);
    for (const m of managers) expect(mailsTo(smtp.accepted, m.email)).to.have.length(1);
  });

  it('when the job runs in a process whose clock says 7 h, then it queues the digests at once and the worker sends them', async () => {
    const { managers } = await lowShop();
    const job = createLowStockDigest({
      db: app.database,
      clock: fixedClock('2026-12-10T06:00:00Z'),
      hour: 7,
      stock: app.services.stock,
      notifications: app.services.notifications,
    });
    const stop = job.start(pino({ level: 'silent' }));
    try {
      await smtp.waitForAccepted(2);
    } finally {
      stop();
    }
    expect(smtp.accepted.flatMap((m) => m.to)).to.have.members(managers.map((m) => m.email));
  });
});
