// Messages that cannot be sent, against a real SMTP server process: an address refused for good (550) fails the
// message at once with its reason, the group admin is alerted by e-mail, the back office lists it first and
// « Renvoyer » sends it once the server accepts it; a server that does not answer at all is retried with
// backoff until the last attempt.
import { expect } from 'chai';
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { mailsTo, startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.js';
import { waitFor } from '../../helpers/wait.js';
import { createShopWorld, customerWithToken, newKey, type ShopWorld } from '../../factories/shop.js';
import { createEmployee } from '../../factories/people.js';
import { isRefused, loggedIn } from '../admin/support.js';

interface Row {
  id: number;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
  sentAt: Date | null;
}

async function outboxRows(app: TestApp): Promise<Row[]> {
  return app.db.query<Row>(
    `SELECT id::int, kind, recipient, status, attempts, last_error AS "lastError", failed_at AS "failedAt",
       sent_at AS "sentAt" FROM outbox ORDER BY id`,
    { type: QueryTypes.SELECT },
  );
}

async function placeOrder(app: TestApp, w: ShopWorld, token: string) {
  const res = await client(app.url).post('/api/orders', {
    token,
    headers: { 'Idempotency-Key': newKey() },
    body: {
      pizzeriaId: w.shopId,
      fulfilment: 'takeaway',
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
      paymentMethod: 'cash',
    },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.order as { id: string; number: string };
}

describe('notifications: messages the SMTP server refuses (real SMTP server)', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let worker: { stop(): Promise<void>; drain(): Promise<number> };
  let w: ShopWorld;

  before(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
  });
  beforeEach(async () => {
    worker = app.services.notifications.startWorker({ logger: app.context.logger });
    w = await createShopWorld(app.db);
    smtp.accepted.length = 0;
  });
  afterEach(async () => {
    await worker.stop();
    await smtp.rejectRecipients([]);
  });
  after(async () => {
    await app.close();
    await smtp.stop();
  });

  it('when the server refuses a recipient for good, then the message fails at once, the admin is alerted, the back office lists it first and « Renvoyer » sends it once accepted', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const customer = await customerWithToken(app.db);
    await smtp.rejectRecipients([customer.email]);

    const order = await placeOrder(app, w, customer.token);
    // The alert is the only message the server accepts.
    const [alert] = await smtp.waitForAccepted(1);
    const [failed, alertRow] = await outboxRows(app);
    expect(failed).to.include({
      kind: 'order.confirmation',
      recipient: customer.email,
      status: 'failed',
      attempts: 1,
    });
    expect(failed.failedAt).to.be.instanceOf(Date);
    expect(failed.lastError).to.match(/^SMTP 550: .*User unknown/);
    expect(alertRow).to.include({ kind: 'staff.outbox_failed', recipient: admin.employee.email });

    expect(alert.to).to.deep.equal([admin.employee.email]);
    expect(alert.parsed.subject).to.equal(
      `Message non envoyé : Confirmation de commande à ${customer.email}`,
    );
    expect(alert.parsed.text).to.include(`n° ${failed.id}`);
    expect(alert.parsed.text).to.include('Motif : SMTP 550');
    expect(alert.parsed.text).to.include('Notifications › Messages');

    // The back office: failures first (the alert, sent and newer, comes after), reason shown, payload never.
    const list = await admin.list('outbox');
    expect(list.status).to.equal(200);
    const records = list.body.records as { id: string; params: any; recordActions: { name: string }[] }[];
    expect(records.map((r) => Number(r.id))).to.deep.equal([failed.id, alertRow.id]);
    expect(records[0].params).to.include({
      kindLabel: 'Confirmation de commande',
      recipient: customer.email,
      status: 'failed',
      attempts: 1,
    });
    expect(records[0].params.lastError).to.match(/^SMTP 550/);
    for (const r of records)
      expect(Object.keys(r.params).some((k) => k.startsWith('payload'))).to.equal(false);
    expect(records[0].recordActions.map((a) => a.name)).to.include('resend');
    expect(records[1].recordActions.map((a) => a.name)).not.to.include('resend');
    expect(records[1].params.kindLabel).to.equal('Alerte : message non envoyé');

    // Read-only: nothing can be created, changed or deleted, even by the group admin.
    expect(isRefused(await admin.edit('outbox', failed.id, { recipient: 'x@example.test' }))).to.equal(true);
    expect(isRefused(await admin.remove('outbox', failed.id))).to.equal(true);

    // The address is fixed on the server's side; « Renvoyer » puts the message back in the queue.
    await smtp.rejectRecipients([]);
    const resend = await admin.post(`/api/resources/outbox/records/${failed.id}/resend`);
    expect(resend.status).to.equal(200);
    expect(resend.body.notice).to.deep.equal({
      message: `Message n° ${failed.id} remis dans la file d’envoi.`,
      type: 'success',
    });
    const [, confirmation] = await smtp.waitForAccepted(2);
    expect(confirmation.to).to.deep.equal([customer.email]);
    expect(confirmation.parsed.subject).to.match(new RegExp(`^Commande n° ${order.number} confirmée`));
    await waitFor('sent', async () => (await outboxRows(app))[0].status === 'sent');
    const [sent] = await outboxRows(app);
    expect(sent).to.include({ status: 'sent', attempts: 1, lastError: null, failedAt: null });

    // A second « Renvoyer » (another tab) is refused in French: the message is no longer failed.
    const again = await admin.post(`/api/resources/outbox/records/${failed.id}/resend`);
    expect(again.status).to.equal(409);
    expect(again.body.error).to.deep.include({ code: 'message_not_failed' });
    expect(again.body.error.message).to.match(/^Ce message n’est plus en échec/);
    expect(mailsTo(smtp.accepted, customer.email)).to.have.length(1);
  });

  it('when a shop manager or an accountant opens the messages, then they are refused', async () => {
    const customer = await customerWithToken(app.db);
    await smtp.rejectRecipients([customer.email]);
    await createEmployee(app.db, { role: 'admin' });
    await placeOrder(app, w, customer.token);
    await smtp.waitForAccepted(1);
    const [failed] = await outboxRows(app);
    for (const [role, shop] of [
      ['manager', w.shopId],
      ['accountant', null],
    ] as const) {
      const staff = await loggedIn(app, app.db, role, shop);
      expect(isRefused(await staff.list('outbox')), `${role} list`).to.equal(true);
      expect(isRefused(await staff.show('outbox', failed.id)), `${role} show`).to.equal(true);
      const resend = await staff.post(`/api/resources/outbox/records/${failed.id}/resend`);
      expect(isRefused(resend), `${role} resend`).to.equal(true);
    }
    expect((await outboxRows(app))[0].status).to.equal('failed');
  });
});

describe('notifications: an SMTP server that does not answer (retries with backoff)', () => {
  let app: TestApp;
  let port: number;

  before(async () => {
    // A port where nothing listens any more: every connection is refused.
    const gone = await startSmtpServer();
    port = gone.port;
    await gone.stop();
    app = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      OUTBOX_POLL_MS: '50',
      OUTBOX_MAX_ATTEMPTS: '3',
      OUTBOX_RETRY_BASE_MS: '20',
      OUTBOX_RETRY_MAX_MS: '200',
    });
  });
  after(() => app.close());

  it('when every attempt is refused, then the message is retried with growing delays and fails after the last attempt, the admin alert queued', async () => {
    const logs: { msg: string; outboxId: number; attempts: number; retryInMs?: number; reason: string }[] =
      [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const worker = app.services.notifications.startWorker({ logger });
    try {
      const w = await createShopWorld(app.db);
      const admin = await createEmployee(app.db, { role: 'admin' });
      const customer = await customerWithToken(app.db);
      await placeOrder(app, w, customer.token);
      await waitFor('the confirmation failed', async () => (await outboxRows(app))[0]?.status === 'failed');
      const [failed, alert] = await outboxRows(app);
      expect(failed).to.include({ kind: 'order.confirmation', status: 'failed', attempts: 3 });
      expect(failed.lastError).to.match(/ECONNREFUSED/);
      expect(failed.sentAt).to.equal(null);
      expect(alert).to.include({ kind: 'staff.outbox_failed', recipient: admin.email });

      const mine = logs.filter((l) => l.outboxId === failed.id);
      expect(mine.map((l) => [l.msg, l.attempts])).to.deep.equal([
        ['message not sent, will retry', 1],
        ['message not sent, will retry', 2],
        ['message failed for good', 3],
      ]);
      // Full jitter within base × 2^(attempt − 1): at most 20 ms after the first attempt, 40 ms after the second.
      expect(mine[0].retryInMs).to.be.within(10, 20);
      expect(mine[1].retryInMs).to.be.within(10, 40);
      // The logs name the message, never its recipient.
      expect(JSON.stringify(logs)).not.to.include(customer.email);
    } finally {
      await worker.stop();
    }
  });

  it('when the server is unreachable with several messages due, then one pass tries at most one per lane and the others wait untried', async () => {
    const logs: { msg: string; postponed?: number; outboxId?: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const w = await createShopWorld(app.db);
    for (let i = 0; i < 4; i++) await placeOrder(app, w, (await customerWithToken(app.db)).token);
    const worker = app.services.notifications.startWorker({ logger });
    try {
      await waitFor('the four confirmations failed', async () =>
        (await outboxRows(app))
          .filter((r) => r.kind === 'order.confirmation')
          .every((r) => r.status === 'failed'),
      );
      const first = logs.findIndex((l) => l.msg === 'SMTP server unreachable, pass ended');
      expect(first, 'the pass ended at the first refused connection').to.be.above(0);
      const tried = logs.slice(0, first).filter((l) => l.msg === 'message not sent, will retry');
      expect(tried.length, 'tried before the pass ended').to.be.within(1, 2);
      expect(logs[first].postponed).to.equal(4 - tried.length);
      // Put back untried, the attempts were not counted: each message still had its three.
      const confirmations = (await outboxRows(app)).filter((r) => r.kind === 'order.confirmation');
      expect(confirmations.map((r) => r.attempts)).to.deep.equal([3, 3, 3, 3]);
    } finally {
      await worker.stop();
    }
  });
});
