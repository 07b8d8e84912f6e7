// R9: brute force on the customer login, the staff login and the back-office login → refused (429 with
// Retry-After on the APIs) from the attempt after the limit, the right password too; then every log line of
// the real server process (src/server.ts with the Sentry instrument file, stdout and stderr) and every envelope
// the fake Sentry ingest received during the file holds no password used, no token issued, no session cookie,
// no Stripe secret and no card number — although requests carried them everywhere and errors reached Sentry.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import pg from 'pg';
import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../src/db/sequelize.js';
import { migrateUp } from '../../src/db/migrator.js';
import { LOGIN_LIMITS } from '../../src/modules/auth/login-limits.js';
import { createShopWorld, type ShopWorld } from '../factories/shop.js';
import { createCustomer, createEmployee } from '../factories/people.js';
import { startFakeSentry, type FakeSentry } from '../fakes/sentry-ingest.js';
import { startFakeStripe, type FakeStripeServer } from '../fakes/stripe-server.js';
import { adminClient, dropDatabase, recreateDatabase, siblingDatabaseUrl } from '../helpers/db.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { findSecrets, inPool } from './input-support.js';

// A database of its own (the server process changes its schema to make errors happen), named after this
// process so that concurrent runs never share it; left-overs of killed runs are dropped at the next start.
const DB_PREFIX = 'ocpizza_rel_secrets_';
const DB_NAME = `${DB_PREFIX}${process.pid}`;
const ADMIN_PATH = '/gestion-r9';
const unique = (label: string) => `R9-${label}-${randomBytes(6).toString('hex')}`;
const CARDS = ['4242424242424242', '4242 4242 4242 4242', '4000-0566-5566-5556', '5555555555554444'];

async function dropStale(client: pg.Client) {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'ocpizza\\_rel\\_secrets\\_%'`,
  );
  for (const { datname } of rows) {
    const pid = Number(datname.slice(DB_PREFIX.length));
    let alive = pid === process.pid;
    try {
      if (!alive) process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

describe('R9: login brute force, and no secret in the logs or in Sentry', function () {
  this.timeout(180_000);
  const secrets = new Set<string>(
    CARDS.flatMap((c) => [c, encodeURIComponent(c), c.replaceAll(' ', '+'), c.replace(/\D/g, '')]),
  );
  const remember = (...values: string[]) => values.forEach((v) => secrets.add(v));
  let db: Sequelize;
  let sentry: FakeSentry;
  let stripe: FakeStripeServer;
  let server: ServerProcess;
  let w: ShopWorld;
  const people = {
    customer: { email: 'r9.camille@example.fr', password: unique('customer-pw') },
    other: { email: 'r9.dominique@example.fr', password: unique('other-pw') },
    manager: { email: 'r9.manager@ocpizza.test', password: unique('manager-pw') },
    pizzaiolo: { email: 'r9.pizzaiolo@ocpizza.test', password: unique('pizzaiolo-pw') },
    admin: { email: 'r9.admin@ocpizza.test', password: unique('admin-pw') },
    // Not targeted by the brute force: they sign in for real in the second test.
    shopper: { email: 'r9.sacha@example.fr', password: unique('shopper-pw') },
    cook: { email: 'r9.cuisine@ocpizza.test', password: unique('cook-pw') },
  };
  const env = {
    SECRET_KEY: unique('secret-key'),
    // Shaped like Stripe's (letters and digits after the prefix).
    STRIPE_API_KEY: `sk_test_R9${randomBytes(12).toString('hex')}`,
    STRIPE_WEBHOOK_SECRET: `whsec_R9${randomBytes(12).toString('hex')}`,
  };

  before(async () => {
    const maintenance = await adminClient();
    try {
      await dropStale(maintenance);
    } finally {
      await maintenance.end();
    }
    await recreateDatabase(DB_NAME);
    db = createSequelize({ url: siblingDatabaseUrl(DB_NAME), poolMax: 2, applicationName: 'ocpizza-r9' });
    await migrateUp(db);
    w = await createShopWorld(db);
    await createCustomer(db, people.customer);
    await createCustomer(db, people.other);
    await createCustomer(db, people.shopper);
    await createEmployee(db, { role: 'manager', pizzeriaId: w.shopId, ...people.manager });
    await createEmployee(db, { role: 'pizzaiolo', pizzeriaId: w.shopId, ...people.pizzaiolo });
    await createEmployee(db, { role: 'admin', pizzeriaId: null, ...people.admin });
    await createEmployee(db, { role: 'pizzaiolo', pizzeriaId: w.shopId, ...people.cook });
    for (const p of Object.values(people)) remember(p.password);
    remember(...Object.values(env));
    sentry = await startFakeSentry();
    stripe = await startFakeStripe({ apiKey: env.STRIPE_API_KEY });
    server = await startServerProcess({
      OCPIZZA_SETTINGS: 'test',
      DATABASE_URL: siblingDatabaseUrl(DB_NAME),
      LOG_LEVEL: 'info',
      TRUST_PROXY: '1', // each scenario comes from its own client address (X-Forwarded-For)
      SECRET_ADMIN_URL: ADMIN_PATH,
      SENTRY_DSN: sentry.dsn,
      STRIPE_API_BASE: stripe.apiBase,
      STRIPE_PUBLISHABLE_KEY: 'pk_test_r9',
      ...env,
    });
  });
  after(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await server?.exited;
    await sentry?.close();
    await stripe?.close();
    await db?.close();
    await dropDatabase(DB_NAME);
  });

  const post = async (path: string, body: unknown, ip: string, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  /** The back office's login form, as a browser posts it. */
  const adminLogin = async (email: string, password: string, ip: string) => {
    const res = await fetch(`${server.url}${ADMIN_PATH}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
      body: new URLSearchParams({ email, password }).toString(),
      redirect: 'manual',
    });
    const text = await res.text();
    const error = /"errorMessage":"(\w+)"/.exec(text)?.[1] ?? null;
    return { status: res.status, cookie: res.headers.get('set-cookie'), error };
  };
  const wrong = (who: string, i: number) => {
    const password = unique(`wrong-${who}-${i}`);
    remember(password);
    return password;
  };

  it('when one e-mail or one address tries too often, then the next attempt is refused, even with the right password', async () => {
    const { perEmail, perIp, windowSeconds } = LOGIN_LIMITS;
    const expectBlocked = (res: { status: number; headers: Headers; body: any }, what: string) => {
      expect([res.status, res.body.error?.code], what).to.deep.equal([429, 'too_many_requests']);
      expect(Number(res.headers.get('retry-after')), `${what}: Retry-After`).to.be.within(1, windowSeconds);
    };
    for (const [path, person, ip] of [
      ['/api/auth/login', people.customer, '10.9.0.1'],
      ['/api/staff/login', people.manager, '10.9.0.2'],
    ] as const) {
      const statuses: number[] = [];
      for (let i = 1; i <= perEmail; i++)
        statuses.push((await post(path, { email: person.email, password: wrong(path, i) }, ip)).status);
      expect(statuses, `${path}: the first ${perEmail} wrong passwords`).to.deep.equal(
        Array(perEmail).fill(401),
      );
      expectBlocked(
        await post(path, { email: person.email, password: wrong(path, 0) }, ip),
        `${path} #${perEmail + 1}`,
      );
      expectBlocked(
        await post(path, { email: person.email.toUpperCase(), password: person.password }, ip),
        path,
      );
      // The limit is the e-mail's: another account from the same address still gets its answer.
      const stranger = await post(path, { email: 'r9.personne@example.fr', password: wrong(path, 99) }, ip);
      expect(stranger.status, `${path}: another e-mail`).to.equal(401);
    }

    // One address trying many e-mails: blocked after perIp attempts, whatever the account.
    const ip = '10.9.0.3';
    const many = await inPool(
      Array.from({ length: perIp }, (_, i) => i),
      5,
      (i) => post('/api/auth/login', { email: `r9.inconnu${i}@example.fr`, password: wrong('ip', i) }, ip),
    );
    expect(many.map((r) => r.status)).to.deep.equal(Array(perIp).fill(401));
    expectBlocked(await post('/api/auth/login', people.other, ip), `attempt ${perIp + 1} from one address`);
    const elsewhere = await post('/api/auth/login', people.other, '10.9.0.4');
    expect(elsewhere.status, 'the same account from elsewhere').to.equal(200);
    remember(elsewhere.body.token);

    // The back office shares the staff login's counters: its form refuses from the 11th attempt (AdminJS
    // answers its login page with the French message), and so does the staff API for that e-mail.
    const backOffice: (string | null)[] = [];
    for (let i = 1; i <= perEmail; i++)
      backOffice.push((await adminLogin(people.pizzaiolo.email, wrong('admin', i), '10.9.0.5')).error);
    expect(backOffice).to.deep.equal(Array(perEmail).fill('invalidCredentials'));
    const refused = await adminLogin(people.pizzaiolo.email, people.pizzaiolo.password, '10.9.0.5');
    expect([refused.status, refused.error, refused.cookie]).to.deep.equal([400, 'tooManyRequests', null]);
    expectBlocked(
      await post('/api/staff/login', people.pizzaiolo, '10.9.0.5'),
      'staff API after the back office',
    );
    console.log(
      `      R9: 429 after ${perEmail} attempts per e-mail (customer and staff login, Retry-After ≤ ${windowSeconds} s, ` +
        `right password refused too) and ${perIp} per address; back-office login refused from attempt ${perEmail + 1}`,
    );
  });

  it('when requests carry passwords, tokens, cookies and card numbers and errors reach Sentry, then neither the logs nor Sentry hold any', async () => {
    const ip = '10.9.1.1';
    const customer = await post('/api/auth/login', people.shopper, ip);
    const staff = await post('/api/staff/login', people.cook, ip);
    expect([customer.status, staff.status]).to.deep.equal([200, 200]);
    const admin = await adminLogin(people.admin.email, people.admin.password, ip);
    expect(admin.status).to.equal(302);
    const cookie = admin.cookie!.split(';')[0];
    const sessionCookie = decodeURIComponent(cookie.split('=')[1]); // s:<session id>.<signature>
    remember(customer.body.token, staff.body.token, cookie.split('=')[1], sessionCookie);
    remember(...sessionCookie.slice(2).split('.'));
    const registered = await post(
      '/api/customers',
      {
        email: 'r9.nouveau@example.fr',
        password: (() => {
          const p = unique('new-pw');
          remember(p);
          return p;
        })(),
        firstName: 'Alix',
        lastName: 'Nouveau',
      },
      ip,
    );
    expect(registered.status).to.equal(201);
    remember(registered.body.token);

    // An online order while the catalogue still works: a PaymentIntent (its client secret is a secret too).
    const item = { productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 };
    const bearer = { Authorization: `Bearer ${customer.body.token}` };
    const placed = await post(
      '/api/orders',
      {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [item],
        paymentMethod: 'card_online',
        note: `carte ${CARDS[1]}`,
      },
      ip,
      { ...bearer, 'Idempotency-Key': unique('key') },
    );
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    remember(placed.body.payment.clientSecret);
    const pi = stripe.paymentIntents()[0].id;
    const { body, header } = stripe.signedWebhook(stripe.authorize(pi), env.STRIPE_WEBHOOK_SECRET);
    const hook = await fetch(`${server.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body,
    });
    expect(hook.status).to.equal(200);
    remember(/v1=(\w+)/.exec(header)![1]);

    // From now on the catalogue queries fail (a column renamed behind the server's back): unexpected errors,
    // each a 500 reported to Sentry, on requests full of secrets.
    await db.query('ALTER TABLE products RENAME COLUMN name TO title');
    const card = CARDS[0];
    const tempting: { method: string; path: string; headers?: Record<string, string>; body?: unknown }[] = [];
    const everywhere = (token: string) => ({
      Authorization: `Bearer ${token}`,
      Cookie: `${cookie}; card=${card}`,
      'User-Agent': `Mozilla/5.0 (card ${CARDS[2]}; token ${token}; ${env.STRIPE_API_KEY} ${env.STRIPE_WEBHOOK_SECRET})`,
      Referer: `https://ocpizza.fr/?card=${card}&password=${people.customer.password}`,
      'X-Card-Number': card,
      'X-Request-Id': `card-${card}`,
      'X-Forwarded-For': ip,
    });
    const secretQuery =
      `card=${card}&cvc=123&password=${people.customer.password}&token=${staff.body.token}` +
      `&q=${encodeURIComponent(CARDS[1])}&access_token=${customer.body.token}`;
    for (const token of [customer.body.token, staff.body.token]) {
      tempting.push(
        { method: 'GET', path: `/api/pizzerias/${w.shopId}/menu?${secretQuery}`, headers: everywhere(token) },
        {
          method: 'POST',
          path: `/api/orders/quote?${secretQuery}`,
          headers: everywhere(token),
          body: { pizzeriaId: w.shopId, fulfilment: 'takeaway', items: [item], card },
        },
        { method: 'GET', path: `/api/staff/kitchen?${secretQuery}`, headers: everywhere(token) },
        { method: 'GET', path: `/api/staff/recipes?${secretQuery}`, headers: everywhere(token) },
        {
          method: 'GET',
          path: `/api/orders/${placed.body.order.id}?${secretQuery}`,
          headers: everywhere(token),
        },
        {
          method: 'GET',
          path: `/api/orders/${placed.body.order.id}/events?access_token=${token}`,
          headers: { 'X-Forwarded-For': ip },
        },
        {
          method: 'GET',
          path: `/api/staff/kitchen/events?access_token=${token}&card=${card}`,
          headers: { 'X-Forwarded-For': ip },
        },
        {
          method: 'PATCH',
          path: `/api/orders/${placed.body.order.id}`,
          headers: everywhere(token),
          body: { items: [item], note: CARDS[3] },
        },
        {
          method: 'POST',
          path: '/api/orders',
          headers: { ...everywhere(token), 'Idempotency-Key': unique('key') },
          body: {
            pizzeriaId: w.shopId,
            fulfilment: 'takeaway',
            items: [item],
            paymentMethod: 'cash',
            note: `ma carte ${card}`,
          },
        },
        {
          method: 'POST',
          path: '/api/me/addresses',
          headers: everywhere(token),
          body: {
            label: card,
            line1: `${CARDS[1]} rue`,
            postcode: '75011',
            city: 'Paris',
            instructions: `code ${card}`,
          },
        },
      );
    }
    const spaced = encodeURIComponent(CARDS[1]);
    for (const path of [`/api/orders/${card}`, `/api/pizzerias/${card}/menu`, `/api/${spaced}`, `/${card}`]) {
      tempting.push({ method: 'GET', path, headers: everywhere(customer.body.token) });
    }
    tempting.push(
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'X-Forwarded-For': '10.9.1.2' },
        body: { email: 'r9.x@example.fr', password: card },
      },
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'X-Forwarded-For': '10.9.1.2' },
        body: `{"email":"${card}","password":"${people.other.password}"`,
      },
      {
        method: 'POST',
        path: '/api/customers',
        headers: { 'X-Forwarded-For': '10.9.1.2' },
        body: { email: `${card}@example.fr`, password: card, firstName: card, lastName: 'X' },
      },
      {
        method: 'POST',
        path: '/api/payments/stripe/webhook',
        headers: { 'Stripe-Signature': `t=1,v1=${card}` },
        body: { card, secret: env.STRIPE_WEBHOOK_SECRET },
      },
      {
        method: 'GET',
        path: `${ADMIN_PATH}/api/resources/orders/actions/list?card=${card}`,
        headers: { Cookie: cookie },
      },
      {
        method: 'GET',
        path: `${ADMIN_PATH}/api/resources/products/actions/list`,
        headers: { Cookie: cookie },
      },
      {
        method: 'POST',
        path: `${ADMIN_PATH}/login`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.9.1.3' },
        body: new URLSearchParams({ email: card, password: people.admin.password }).toString(),
      },
    );
    const answers = await inPool(tempting, 4, async (r) => {
      const res = await fetch(server.url + r.path, {
        method: r.method,
        headers: {
          ...(typeof r.body === 'object' ? { 'Content-Type': 'application/json' } : {}),
          ...r.headers,
        },
        body: r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) await res.body?.cancel();
      else await res.text();
      return res.status;
    });
    const errors = answers.filter((s) => s === 500).length;
    expect(errors, 'requests that failed unexpectedly (and went to Sentry)').to.be.above(5);

    // Every error reported, then the process stopped gracefully (Sentry flushed), then everything read.
    const deadline = Date.now() + 20_000;
    while (sentry.items.filter((i) => i.type === 'event').length < errors && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    server.child.kill('SIGTERM');
    await server.exited;
    const events = sentry.items.filter((i) => i.type === 'event');
    expect(events.length, 'Sentry events of the 500s').to.be.at.least(errors);
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '');
    const hits = findSecrets(secrets, [
      ...lines.map((text, i) => ({ where: `log line ${i + 1}`, text })),
      ...sentry.rawBodies.map((text, i) => ({ where: `Sentry envelope ${i + 1}`, text })),
    ]);
    console.log(
      `      R9: ${tempting.length} requests carrying secrets (${errors} of them 500s); scanned ${lines.length} log lines ` +
        `and ${events.length} Sentry events (${sentry.rawBodies.length} envelopes) for ${secrets.size} secrets: ` +
        `${hits.length} found`,
    );
    expect(hits.map((h) => `${h.where}: ${h.secret} in …${h.excerpt}…`)).to.deep.equal([]);
  });
});
