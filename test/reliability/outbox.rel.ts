// R10: the e-mail outbox under faults, with the real app process (src/server.ts and its outbox worker) sending to
// a real SMTP server process. (a) The SMTP server is down while 200 orders are placed: every order is placed,
// and once the server is back every confirmation arrives exactly once. (b) kill -9 between the SMTP server's 250
// and the commit of "sent": after the lease, the messages in flight arrive a second time with the same
// Message-ID (the documented duplicate), every other exactly once. (c) An SMTP server that answers after 30 s
// never slows an order: all are placed before it accepted anything, and the worker gives up each attempt at
// SMTP_TIMEOUT_MS and tries again later.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { messageIdOf } from '../../src/modules/notifications/outbox.repository.js';
import { rawMessageId, startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.js';
import { buildWorld, orderRequest, type World } from './order-world.js';
import {
  formatTally,
  freePort,
  freshDatabase,
  HttpClient,
  runWorkers,
  startApp,
  tally,
  tail,
  waitFor,
  waitForSessionsGone,
  type AppProcess,
  type Outcome,
  type RelDatabase,
} from './support.js';

const MAIL_FROM = 'OC Pizza <commandes@ocpizza.example>';

/** Small delays so that the drills take seconds: a poll every 100 ms, retries within 0.05–2 s. */
const mailEnv = (smtpUrl: string, extra: Record<string, string> = {}) => ({
  SMTP_URL: smtpUrl,
  PUBLIC_URL: 'https://www.ocpizza.example',
  MAIL_FROM,
  OUTBOX_POLL_MS: '100',
  OUTBOX_RETRY_BASE_MS: '100',
  OUTBOX_RETRY_MAX_MS: '2000',
  OUTBOX_LEASE_SECONDS: '30',
  OUTBOX_MAX_ATTEMPTS: '100',
  SMTP_TIMEOUT_MS: '3000',
  ...extra,
});

interface OutboxRow {
  key: string;
  kind: string;
  messageId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  orderId: string;
  /** Put back for a later attempt (markRetry moved its due time past its creation). */
  rescheduled: boolean;
}

const outboxRows = (rel: RelDatabase) =>
  rel.db.query<OutboxRow>(
    `SELECT key, kind, message_id AS "messageId", status, attempts, last_error AS "lastError",
            order_id AS "orderId", next_attempt_at > created_at AS "rescheduled"
       FROM outbox ORDER BY id`,
    { type: QueryTypes.SELECT },
  );

/** How many times each value occurs. */
function counts(values: (string | undefined)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
  return m;
}

const idsOf = (mails: { raw: string }[]) => mails.map((m) => rawMessageId(m.raw));
const orderNumberOf = (m: ReceivedMail) => /Commande n° (\S+) confirmée/.exec(m.parsed.subject ?? '')?.[1];

/** Places `n` orders from the world's customers, `workers` at a time; their outcomes by idempotency key. */
async function placeOrders(app: AppProcess, w: World, n: number, workers: number, label: string) {
  const client = new HttpClient(app.url);
  const outcomes = new Map<string, Outcome>();
  let seq = 0;
  await runWorkers(workers, async (worker) => {
    const i = ++seq;
    if (i > n) return false;
    const key = `rel-outbox-${label}-${process.pid}-${i}`;
    const items = [{ size: 'M' as const, quantity: 1 }];
    outcomes.set(key, await client.request(orderRequest(w, items, w.customers[worker].token, key), 20_000));
    return true;
  });
  client.close();
  return outcomes;
}

function placedOrders(outcomes: Map<string, Outcome>, app: AppProcess) {
  const all = [...outcomes.values()];
  expect(formatTally(tally(all)), tail(app.output(), 20)).to.equal(`201×${all.length}`);
  return all.map((o) => (o.kind === 'answered' ? (o.body.order as { id: string; number: string }) : null)!);
}

describe('R10 e-mail outbox under SMTP faults (real app process, real SMTP server process)', function () {
  const apps: AppProcess[] = [];
  const smtps: TestSmtpServer[] = [];
  const dbs: RelDatabase[] = [];

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    for (const smtp of smtps.splice(0)) await smtp.stop();
    for (const rel of dbs.splice(0)) await rel.drop();
  });

  async function setUp(label: string, customers = 8) {
    const rel = await freshDatabase(`outbox_${label}`);
    dbs.push(rel);
    return { rel, w: await buildWorld(rel.db, { customers }) };
  }

  async function launch(rel: RelDatabase, env: Record<string, string>) {
    const app = await startApp(rel.url, env);
    apps.push(app);
    return app;
  }

  it('when the SMTP server is down during 200 orders, then all are placed and, once it is back, every confirmation arrives exactly once', async () => {
    const ORDERS = 200;
    const { rel, w } = await setUp('down');
    const port = await freePort();
    // Nothing listens on the SMTP port yet: every attempt of the worker is refused.
    const app = await launch(rel, mailEnv(`smtp://127.0.0.1:${port}`));
    const placed = placedOrders(await placeOrders(app, w, ORDERS, 8, 'down'), app);

    const rows = await outboxRows(rel);
    expect(rows.map((r) => r.kind)).to.deep.equal(Array(ORDERS).fill('order.confirmation'));
    expect(rows.every((r) => r.status === 'pending')).to.equal(true);
    // The worker did try while the server was down, and keeps the messages for later.
    await waitFor(
      'attempts refused while the SMTP server is down',
      async () => (await outboxRows(rel)).filter((r) => r.attempts >= 2).length >= 10,
      30_000,
    );
    const whileDown = await outboxRows(rel);
    expect(whileDown.filter((r) => r.status !== 'pending')).to.deep.equal([]);
    expect(whileDown.find((r) => r.lastError)?.lastError).to.match(/ECONNREFUSED/);

    const accepted: ReceivedMail[] = [];
    const smtp = await startSmtpServer({ port }, accepted);
    smtps.push(smtp);
    await smtp.waitForAccepted(ORDERS, 60_000);
    await waitFor(
      'every outbox row sent',
      async () => (await outboxRows(rel)).every((r) => r.status === 'sent'),
      30_000,
    );
    await smtp.sync();
    const after = await outboxRows(rel);

    const byId = counts(idsOf(accepted));
    const byNumber = counts(accepted.map(orderNumberOf));
    console.log(
      `      R10a: SMTP server down during ${ORDERS} orders -> ${placed.length} placed (201); ` +
        `${whileDown.filter((r) => r.lastError).length} messages refused at least once (up to ` +
        `${Math.max(...whileDown.map((r) => r.attempts))} attempts); server back -> ${accepted.length} ` +
        `messages, ${byId.size} distinct Message-IDs, ${after.filter((r) => r.status === 'sent').length} rows sent`,
    );
    expect(accepted.length, 'messages received').to.equal(ORDERS);
    expect(
      [...byId.values()].filter((n) => n > 1),
      'a Message-ID received twice',
    ).to.deep.equal([]);
    expect(new Set(byId.keys())).to.deep.equal(new Set(after.map((r) => r.messageId)));
    expect(
      [...byNumber.values()].filter((n) => n > 1),
      'an order confirmed twice',
    ).to.deep.equal([]);
    expect(new Set(byNumber.keys())).to.deep.equal(new Set(placed.map((o) => o.number)));
    expect(new Set(after.map((r) => r.orderId))).to.deep.equal(new Set(placed.map((o) => o.id)));
  });

  it('when the process is killed between the SMTP 250 and the commit of "sent", then after the lease the messages in flight arrive twice with the same Message-ID and all others once', async () => {
    const ORDERS = 20;
    const { rel, w } = await setUp('kill');
    const port = await freePort();
    const env = mailEnv(`smtp://127.0.0.1:${port}`, { OUTBOX_LEASE_SECONDS: '3', SMTP_TIMEOUT_MS: '20000' });
    const first = await launch(rel, env);
    placedOrders(await placeOrders(first, w, ORDERS, 4, 'kill'), first);
    // The messages wait, refused, until the server comes: then a pass claims a batch of them at once, so that
    // the process dies with two sends in flight and the rest of its batch claimed but not sent.
    await waitFor(
      'attempts refused before the SMTP server starts',
      async () => (await outboxRows(rel)).filter((r) => r.lastError).length >= ORDERS / 2,
      30_000,
    );
    const accepted: ReceivedMail[] = [];
    const smtp = await startSmtpServer({ port, hold: true }, accepted);
    smtps.push(smtp);

    // The data of the messages in flight has arrived; their final answers are held by the server.
    await waitFor('the data of two messages at the SMTP server', () => smtp.dataReceived >= 2, 30_000);
    first.signal('SIGSTOP');
    // The 250s reach the stopped process's socket; it never reads them.
    smtp.unhold();
    await waitFor('a held message answered 250', () => accepted.length >= 1, 10_000);
    first.signal('SIGKILL');
    expect((await first.exited).signal).to.equal('SIGKILL');
    await waitForSessionsGone(rel.db, first.pid);
    await smtp.sync();
    const dataBeforeKill = new Set(smtp.data.map(rawMessageId));
    const acceptedBeforeKill = new Set(idsOf(accepted));
    const beforeRestart = await outboxRows(rel);
    const [{ claimed }] = await rel.db.query<{ claimed: number }>(
      `SELECT count(*)::int AS claimed FROM outbox WHERE locked_until > now()`,
      { type: QueryTypes.SELECT },
    );
    expect(
      beforeRestart.filter((r) => r.status !== 'pending'),
      'no row marked before the kill',
    ).to.deep.equal([]);

    const second = await launch(rel, env);
    await smtp.waitForAccepted(ORDERS + acceptedBeforeKill.size, 60_000);
    await waitFor(
      'every outbox row sent',
      async () => (await outboxRows(rel)).every((r) => r.status === 'sent'),
      30_000,
    );
    await smtp.sync();
    const rows = await outboxRows(rel);
    const byId = counts(idsOf(accepted));
    const twice = [...byId].filter(([, n]) => n === 2).map(([id]) => id);
    console.log(
      `      R10b: kill -9 between 250 and "sent" -> data of ${dataBeforeKill.size} messages had arrived, ` +
        `${acceptedBeforeKill.size} answered 250 before the kill, ${claimed} rows still claimed; after restart: ${accepted.length} messages ` +
        `received, ${byId.size} distinct Message-IDs, ${twice.length} twice, rows ${formatTally(Object.fromEntries(counts(rows.map((r) => r.status))))}`,
    );
    expect(tail(second.output(), 5)).to.not.match(/"level":50/);
    expect(acceptedBeforeKill.size).to.be.at.least(1);
    expect([...acceptedBeforeKill].every((id) => dataBeforeKill.has(id))).to.equal(true);
    expect(rows.filter((r) => r.messageId !== messageIdOf(r.key, MAIL_FROM))).to.deep.equal([]);
    expect(new Set(byId.keys()), 'Message-IDs received = the outbox rows').to.deep.equal(
      new Set(rows.map((r) => r.messageId)),
    );
    expect(rows.map((r) => r.status)).to.deep.equal(Array(ORDERS).fill('sent'));
    expect(
      [...byId.values()].filter((n) => n > 2),
      'a message received three times',
    ).to.deep.equal([]);
    // The duplicates are exactly the messages the server had answered 250 when the process died.
    expect(new Set(twice)).to.deep.equal(acceptedBeforeKill);
    expect(accepted.length).to.equal(ORDERS + acceptedBeforeKill.size);
  });

  it('when the SMTP server answers after 30 s, then every order is placed before it accepted anything and the worker gives up each attempt at the time limit', async () => {
    const ORDERS = 30;
    const { rel, w } = await setUp('slow');
    const smtp = await startSmtpServer({ delayMs: 30_000 });
    smtps.push(smtp);
    const app = await launch(
      rel,
      mailEnv(smtp.url, {
        SMTP_TIMEOUT_MS: '5000',
        OUTBOX_RETRY_BASE_MS: '200',
        OUTBOX_LEASE_SECONDS: '120',
      }),
    );
    const outcomes = await placeOrders(app, w, ORDERS, 6, 'slow');
    // Read as the last order returned: the server had not yet accepted (nor even received) any message.
    const acceptedWhenPlaced = smtp.accepted.length;
    const dataWhenPlaced = smtp.dataReceived;
    placedOrders(outcomes, app);
    expect(acceptedWhenPlaced).to.equal(0);
    expect(dataWhenPlaced).to.equal(0);
    const rows = await outboxRows(rel);
    expect(rows.map((r) => `${r.kind} ${r.status}`)).to.deep.equal(
      Array(ORDERS).fill('order.confirmation pending'),
    );

    // Two sends at a time: a third message given up on means an attempt ended at the limit and the worker
    // went on, rather than hanging on the silent server.
    await waitFor(
      'attempts given up at SMTP_TIMEOUT_MS',
      async () => (await outboxRows(rel)).filter((r) => r.lastError).length >= 3,
      60_000,
    );
    const later = await outboxRows(rel);
    const givenUp = later.filter((r) => r.lastError);
    console.log(
      `      R10c: SMTP server answering after 30 s -> ${ORDERS} orders placed (201) with 0 messages accepted; ` +
        `${givenUp.length} attempts given up (${givenUp[0].lastError}), rows ${formatTally(Object.fromEntries(counts(later.map((r) => r.status))))}`,
    );
    expect(
      later.every((r) => r.status === 'pending'),
      'no message failed for good',
    ).to.equal(true);
    for (const r of givenUp) expect(r.lastError).to.match(/timeout|greeting/i);
    expect(
      givenUp.filter((r) => !r.rescheduled),
      'given up but not rescheduled',
    ).to.deep.equal([]);
    expect(smtp.accepted.length).to.equal(0);
  });
});
