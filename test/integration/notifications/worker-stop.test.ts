// A process that stops (deploy, SIGTERM) lets the sends in flight finish and hands the messages it had claimed but
// not started back at once: another process sends them now, not when the lease ends.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.js';
import { waitFor } from '../../helpers/wait.js';
import { createShopWorld, customerWithToken, placeThroughApi } from '../../factories/shop.js';

describe('notifications: the outbox worker of a stopping process', function () {
  this.timeout(30_000);
  let smtp: TestSmtpServer;
  let app: TestApp;

  before(async () => {
    smtp = await startSmtpServer({ delayMs: 1000 });
    app = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', OUTBOX_LEASE_SECONDS: '600' });
  });
  after(async () => {
    await app.close();
    await smtp.stop();
  });

  it('when it stops with messages claimed, then the ones in flight are sent and the others are due again at once', async () => {
    const w = await createShopWorld(app.db);
    const api = client(app.url);
    for (let i = 0; i < 5; i++) {
      const customer = await customerWithToken(app.db);
      await placeThroughApi(api, customer.token, {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
      });
    }
    const rows = () =>
      app.db.query<{ status: string; locked: boolean; attempts: number }>(
        `SELECT status, locked_until IS NOT NULL AS locked, attempts FROM outbox ORDER BY id`,
        { type: QueryTypes.SELECT },
      );
    const worker = app.services.notifications.startWorker({ logger: app.context.logger });
    // All five claimed in one batch, two being sent (the server answers after 1 s).
    await waitFor('five messages claimed', async () => (await rows()).every((r) => r.locked));
    await worker.stop();
    const after = await rows();
    const sent = after.filter((r) => r.status === 'sent');
    const handedBack = after.filter((r) => r.status === 'pending');
    expect(sent.length, 'the sends in flight finished').to.be.within(1, 2);
    expect(smtp.accepted.length).to.equal(sent.length);
    expect(handedBack.length).to.equal(5 - sent.length);
    expect(
      handedBack.every((r) => !r.locked && r.attempts === 0),
      'free again, no attempt counted',
    ).to.equal(true);
  });
});
