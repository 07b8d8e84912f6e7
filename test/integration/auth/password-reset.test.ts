// « Mot de passe oublié » for customers and staff, through the API, with the mails read as they arrived at a real
// SMTP server process: the link, single use, expiry, every session ended (back office included), the same
// answer for unknown addresses, and the limits.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { RESET_LIMITS } from '../../../src/modules/auth/index.js';
import type { OutboxMessage } from '../../../src/modules/notifications/index.js';
import { createPizzeria } from '../../factories/catalog.js';
import { createCustomer, createEmployee, tokenFor } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { mailsTo, startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../helpers/smtp.js';
import { AdminClient } from '../admin/support.js';

const SITE = 'https://www.ocpizza.example';
const SAME_ANSWER = { message: 'Si un compte existe pour cette adresse, un e-mail vient d’être envoyé.' };
const NEW_PASSWORD = 'nouveau-secret-2026';

describe('password reset by e-mail (customers and staff, real SMTP server)', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let worker: { stop(): Promise<void>; drain(): Promise<number> };
  let ip = 0;
  // Each test asks from its own address (the app trusts one proxy): only the limit test shares one.
  let from: Record<string, string>;

  before(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL: SITE,
      OUTBOX_POLL_MS: '100',
      TRUST_PROXY: '1',
    });
    api = client(app.url);
  });
  beforeEach(() => {
    worker = app.services.notifications.startWorker({ logger: app.context.logger });
    smtp.accepted.length = 0;
    from = { 'X-Forwarded-For': `198.51.100.${++ip}` };
  });
  afterEach(() => worker.stop());
  after(async () => {
    await app.close();
    await smtp.stop();
  });

  const query = <T extends object>(sql: string, bind: unknown[] = []) =>
    app.db.query<T>(sql, { type: QueryTypes.SELECT, bind });

  /** The token of the link in a reset mail, checked to be the same in the text and the HTML. */
  function linkToken(mail: ReceivedMail, page: string): string {
    const pattern = new RegExp(
      `${page.replace(/[/.?#]/g, '\\$&')}#/mot-de-passe/nouveau\\?jeton=([A-Za-z0-9_-]{43})`,
    );
    const inText = pattern.exec(mail.parsed.text!)?.[1];
    const inHtml = pattern.exec(mail.parsed.html as string)?.[1];
    expect(inText, mail.parsed.text).to.be.a('string');
    expect(inHtml).to.equal(inText);
    return inText!;
  }

  async function requestCustomerLink(email: string): Promise<string> {
    const before = smtp.accepted.length;
    const res = await api.post('/api/auth/password-reset', { body: { email }, headers: from });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    const mails = await smtp.waitForAccepted(before + 1);
    return linkToken(mails[before], `${SITE}/`);
  }

  const confirm = (token: string, password = NEW_PASSWORD, path = '/api/auth/password-reset/confirm') =>
    api.post(path, { body: { token, password } });
  const login = (email: string, password: string) =>
    api.post('/api/auth/login', { body: { email, password }, headers: from });

  it('when a customer asks for a link, then a French mail brings it, only its hash is stored, and the sent mail keeps no token', async () => {
    const camille = await createCustomer(app.db, { email: 'camille.reset@example.fr' });
    const res = await api.post('/api/auth/password-reset', {
      body: { email: ' Camille.Reset@example.fr' },
      headers: from,
    });
    expect(res.status).to.equal(202);
    expect(res.body).to.deep.equal(SAME_ANSWER);

    const [mail] = await smtp.waitForAccepted(1);
    expect(mail.to).to.deep.equal([camille.email]);
    expect(mail.parsed.subject).to.equal('Réinitialisation de votre mot de passe OC Pizza');
    const token = linkToken(mail, `${SITE}/`);
    const text = mail.parsed.text!;
    const html = (mail.parsed.html as string).replace(/&#39;|&rsquo;/g, '’');
    for (const body of [text, html]) {
      expect(body).to.include('Bonjour Camille,');
      expect(body).to.include('Choisir un nouveau mot de passe');
      expect(body).to.include('valable 1 heure');
      expect(body).to.include(
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      );
    }
    expect(html).to.include(`href="${SITE}/#/mot-de-passe/nouveau?jeton=${token}"`);

    const [row] = await query<{ tokenHash: string; subject: string; customerId: number; ttl: number }>(
      `SELECT token_hash AS "tokenHash", subject, customer_id AS "customerId",
              EXTRACT(EPOCH FROM expires_at - created_at)::int AS ttl FROM password_reset_tokens`,
    );
    expect(row).to.deep.equal({
      tokenHash: createHash('sha256').update(token).digest('hex'),
      subject: 'customer',
      customerId: camille.id,
      ttl: 3600,
    });
    await worker.drain();
    const [outbox] = await query<OutboxMessage & { status: string }>(
      `SELECT id, kind, recipient, recipient_name AS "recipientName", payload, status FROM outbox`,
    );
    expect(outbox.status).to.equal('sent');
    expect(JSON.stringify(outbox.payload)).not.to.include(token);
    // Shown again later (the back office's preview), the sent mail offers a new link instead of the dead one.
    const again = await app.services.notifications.renderMessage(outbox);
    expect(again.text).to.include(`Demander un nouveau lien : ${SITE}/#/mot-de-passe/oublie`);
    expect(again.text).not.to.include('jeton=');
  });

  it('when the link is used, then the new password works, the old one and every session end, and the link is dead', async () => {
    const camille = await createCustomer(app.db);
    const session = await tokenFor(app.db, { customerId: camille.id });
    const phone = await tokenFor(app.db, { customerId: camille.id });
    const earlier = await requestCustomerLink(camille.email);
    const token = await requestCustomerLink(camille.email);
    expect(earlier).not.to.equal(token);

    const done = await confirm(token);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.message).to.equal(
      'Votre mot de passe a été changé. Connectez-vous avec votre nouveau mot de passe.',
    );
    expect((await login(camille.email, NEW_PASSWORD)).status).to.equal(200);
    expect((await login(camille.email, camille.password)).status).to.equal(401);
    for (const old of [session.token, phone.token]) {
      const me = await api.get('/api/me', { token: old });
      expect(me.status).to.equal(401);
    }
    for (const used of [token, earlier]) {
      const again = await confirm(used, 'encore-autre-chose-7');
      expect(again.status).to.equal(410);
      expect(again.body.error.code).to.equal('reset_token_invalid');
      expect(again.body.error.message).to.match(/^Ce lien de réinitialisation n’est plus valable/);
    }
    expect((await login(camille.email, NEW_PASSWORD)).status).to.equal(200);
  });

  it('when the same link is confirmed twice at once, then exactly one confirmation wins', async () => {
    const camille = await createCustomer(app.db);
    const token = await requestCustomerLink(camille.email);
    const answers = await Promise.all([
      confirm(token, 'premier-essai-11'),
      confirm(token, 'second-essai-22'),
    ]);
    expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 410]);
    const winner = answers[0].status === 200 ? 'premier-essai-11' : 'second-essai-22';
    expect((await login(camille.email, winner)).status).to.equal(200);
  });

  it('when the link has expired, is unknown or is cut short, then 410 and the password is unchanged', async () => {
    const camille = await createCustomer(app.db);
    const token = await requestCustomerLink(camille.email);
    await app.db.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'`);
    for (const t of [token, token.slice(0, 20), 'x'.repeat(43)]) {
      const res = await confirm(t);
      expect(res.status, t).to.equal(410);
      expect(res.body.error.code).to.equal('reset_token_invalid');
    }
    expect((await login(camille.email, camille.password)).status).to.equal(200);
  });

  it('when the new password breaks the rule, then 422 weak_password and the link still works', async () => {
    const camille = await createCustomer(app.db, { email: 'camille.rule@example.fr' });
    const token = await requestCustomerLink(camille.email);
    const weak = await confirm(token, 'camille.rule-123');
    expect(weak.status).to.equal(422);
    expect(weak.body.error.code).to.equal('weak_password');
    expect(weak.body.error.details.map((d: { rule: string }) => d.rule)).to.deep.equal(['email']);
    expect((await confirm(token)).status).to.equal(200);
  });

  it('when the address has no account, then the same 202 and no mail, no token', async () => {
    const res = await api.post('/api/auth/password-reset', {
      body: { email: 'personne@example.fr' },
      headers: from,
    });
    expect(res.status).to.equal(202);
    expect(res.body).to.deep.equal(SAME_ANSWER);
    await worker.drain();
    expect(smtp.accepted).to.have.length(0);
    expect(await query(`SELECT 1 FROM outbox UNION ALL SELECT 1 FROM password_reset_tokens`)).to.deep.equal(
      [],
    );
  });

  it('when one address or one IP asks too often, then 429 with Retry-After, known address or not', async () => {
    const camille = await createCustomer(app.db);
    const ask = (email: string, address = from) =>
      api.post('/api/auth/password-reset', { body: { email }, headers: address });
    for (const email of [camille.email, 'inconnu@example.fr']) {
      for (let i = 0; i < RESET_LIMITS.perEmail; i++) {
        const res = await ask(email, { 'X-Forwarded-For': `203.0.113.${i + 1}` });
        expect(res.status).to.equal(202);
      }
      const blocked = await ask(email, { 'X-Forwarded-For': '203.0.113.99' });
      expect(blocked.status, email).to.equal(429);
      expect(Number(blocked.headers.get('retry-after'))).to.be.within(1, RESET_LIMITS.windowSeconds);
    }
    // Mails went to the account only, once per accepted request.
    await smtp.waitForAccepted(RESET_LIMITS.perEmail);
    await worker.drain();
    expect(mailsTo(smtp.accepted, camille.email)).to.have.length(RESET_LIMITS.perEmail);
    expect(smtp.accepted).to.have.length(RESET_LIMITS.perEmail);

    const shared = { 'X-Forwarded-For': '192.0.2.50' };
    for (let i = 0; i < RESET_LIMITS.perIp; i++)
      expect((await ask(`voisin${i}@example.fr`, shared)).status).to.equal(202);
    const blocked = await ask('encore-un@example.fr', shared);
    expect(blocked.status).to.equal(429);
    expect(blocked.body.error.code).to.equal('too_many_requests');
  });

  describe('staff', () => {
    const staffLogin = (email: string, password: string) =>
      api.post('/api/staff/login', { body: { email, password }, headers: from });

    it('when an employee resets their password, then the link leads to /personnel and every session ends, the back office’s too', async () => {
      const shop = await createPizzeria(app.db);
      const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop });
      const colleague = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop });
      const backOffice = new AdminClient(app);
      expect((await backOffice.login(manager.email, manager.password)).status).to.equal(302);
      const otherOffice = new AdminClient(app);
      expect((await otherOffice.login(colleague.email, colleague.password)).status).to.equal(302);
      const screens = await tokenFor(app.db, { employeeId: manager.id });
      const sessionsOf = async (id: number) =>
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM admin_sessions WHERE sess -> 'adminUser' ->> 'employeeId' = $1`,
            [String(id)],
          )
        )[0].n;
      expect(await sessionsOf(manager.id)).to.equal(1);

      const res = await api.post('/api/staff/password-reset', {
        body: { email: manager.email },
        headers: from,
      });
      expect(res.status).to.equal(202);
      expect(res.body).to.deep.equal(SAME_ANSWER);
      const [mail] = await smtp.waitForAccepted(1);
      expect(mail.to).to.deep.equal([manager.email]);
      expect(mail.parsed.text).to.include('votre compte du personnel OC Pizza');
      const token = linkToken(mail, `${SITE}/personnel`);

      // A customer's confirmation does not take a staff link.
      expect((await confirm(token)).status).to.equal(410);
      const done = await confirm(token, NEW_PASSWORD, '/api/staff/password-reset/confirm');
      expect(done.status, JSON.stringify(done.body)).to.equal(200);

      expect(await sessionsOf(manager.id)).to.equal(0);
      expect(await sessionsOf(colleague.id)).to.equal(1);
      expect((await backOffice.get('')).status).to.equal(302);
      expect((await otherOffice.get('')).status).to.equal(200);
      expect((await api.get('/api/staff/me', { token: screens.token })).status).to.equal(401);
      expect((await staffLogin(manager.email, manager.password)).status).to.equal(401);
      expect((await staffLogin(manager.email, NEW_PASSWORD)).status).to.equal(200);
      const again = await confirm(token, 'encore-autre-chose-7', '/api/staff/password-reset/confirm');
      expect(again.status).to.equal(410);
    });

    it('when the address is an inactive employee’s or a customer’s, then the same 202 and no mail', async () => {
      const shop = await createPizzeria(app.db);
      const gone = await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: shop, active: false });
      const customer = await createCustomer(app.db);
      for (const email of [gone.email, customer.email]) {
        const res = await api.post('/api/staff/password-reset', { body: { email }, headers: from });
        expect(res.status).to.equal(202);
        expect(res.body).to.deep.equal(SAME_ANSWER);
      }
      await worker.drain();
      expect(smtp.accepted).to.have.length(0);
      expect(await query(`SELECT 1 FROM password_reset_tokens`)).to.deep.equal([]);
    });

    it('when the employee is deactivated after asking, then their link no longer works', async () => {
      const shop = await createPizzeria(app.db);
      const driver = await createEmployee(app.db, { role: 'driver', pizzeriaId: shop });
      await api.post('/api/staff/password-reset', { body: { email: driver.email }, headers: from });
      const [mail] = await smtp.waitForAccepted(1);
      const token = linkToken(mail, `${SITE}/personnel`);
      await app.db.query(`UPDATE employees SET active = false WHERE id = $1`, { bind: [driver.id] });
      const res = await confirm(token, NEW_PASSWORD, '/api/staff/password-reset/confirm');
      expect(res.status).to.equal(410);
      expect(res.body.error.code).to.equal('reset_token_invalid');
    });
  });
});
