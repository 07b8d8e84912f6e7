// Logs without personal data beyond need (issue 21): the real server process (src/server.ts, logs at info) goes
// through what puts people's data in requests and messages (a registration, failed logins on the customer API,
// the staff API and the back office, password reset mails, one accepted and one refused by the SMTP server,
// back-office lists filtered and searched on a customer's e-mail and name, an address looked up), then its
// log lines (stdout and stderr) hold no full e-mail address, no name, no phone and no street address.
import { expect } from 'chai';
import { createPizzeria } from '../../factories/catalog.js';
import { createEmployee } from '../../factories/people.js';
import { TEST_DATABASE_URL } from '../../helpers/db.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../../helpers/server-process.js';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.js';
import { testDb } from '../../helpers/db.js';
import { waitFor } from '../../helpers/wait.js';
import { AdminClient } from '../admin/support.js';

const ADMIN_PATH = '/gestion-test';

describe('the server process’s logs: no personal data beyond need', function () {
  this.timeout(90_000);
  let server: ServerProcess | undefined;
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    if (server) await stopServerProcess(server);
    await smtp?.stop();
    server = smtp = undefined;
  });

  const camille = {
    email: 'camille.martinez@example.fr',
    password: 'Pizzas-au-four-2026',
    firstName: 'Camille',
    lastName: 'Martinez',
    phone: '06 12 34 56 78',
  };
  const refused = 'dominique.refusee@example.org';
  const STREET = '12 rue Oberkampf';

  it('when people register, fail to log in, get mails and are looked up in the back office, then no line holds their e-mail, name, phone or address', async () => {
    const db = await testDb();
    const shop = await createPizzeria(db);
    const admin = await createEmployee(db, { role: 'admin', email: 'sacha.gerant@ocpizza.test' });
    await createEmployee(db, { role: 'manager', pizzeriaId: shop, email: 'lou.responsable@ocpizza.test' });
    smtp = await startSmtpServer({ rejectRecipients: [refused] });
    server = await startServerProcess({
      OCPIZZA_SETTINGS: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      LOG_LEVEL: 'info',
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
    });
    const url = server.url;
    const post = (path: string, body: unknown) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    expect((await post('/api/customers', camille)).status).to.equal(201);
    expect((await post('/api/customers', { ...camille, email: refused })).status).to.equal(201);
    // An e-mail already used: refused, as the log line of the request says.
    expect((await post('/api/customers', camille)).status).to.equal(409);
    expect(
      (await post('/api/auth/login', { email: camille.email, password: 'pas-le-bon-1' })).status,
    ).to.equal(401);
    expect(
      (await post('/api/staff/login', { email: 'lou.responsable@ocpizza.test', password: 'faux-99' })).status,
    ).to.equal(401);
    const failed = await new AdminClient({ url, settings: { adminPath: ADMIN_PATH } }).login(
      'lou.responsable@ocpizza.test',
      'faux-mot-de-passe-9',
    );
    expect(failed.status).to.equal(400);
    // Reset mails: one delivered, one refused for good by the server (its answer names the address).
    expect((await post('/api/auth/password-reset', { email: camille.email })).status).to.equal(202);
    expect((await post('/api/auth/password-reset', { email: refused })).status).to.equal(202);

    const back = new AdminClient({ url, settings: { adminPath: ADMIN_PATH } });
    expect((await back.login(admin.email, admin.password)).status).to.equal(302);
    const query = new URLSearchParams({
      'filters.email': camille.email,
      'filters.lastName': camille.lastName,
    });
    const list = await back.list('customers', query.toString());
    expect(list.body.records).to.have.length(1);
    const search = await back.get(
      `/api/resources/customers/actions/search/${encodeURIComponent(camille.email)}`,
    );
    expect(search.status).to.equal(200);
    await fetch(`${url}/api/pizzerias/nearest?${new URLSearchParams({ address: `${STREET}, 75011 Paris` })}`);

    await smtp.waitForAccepted(1, 20_000);
    const proc = server;
    await waitFor(
      'the refused mail’s log line',
      () => proc.output().includes('"msg":"message failed for good"'),
      20_000,
    );

    // The log lines (the demo banner a non-production start prints for a person, with the demo accounts, is not
    // one).
    const output = proc
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .join('\n');
    // The requests were logged (the access log is on)…
    expect(output).to.include('"url":"/api/customers"').and.include('/actions/search/');
    expect(output).to.include('d***@example.org');
    // … without the people in them.
    const people = [camille.email, refused, admin.email, 'lou.responsable@ocpizza.test'];
    for (const address of people) {
      const [local] = address.split('@');
      expect(output, address).not.to.include(`${local}@`);
      expect(output, address).not.to.include(`${local}%40`);
    }
    for (const text of [camille.lastName, camille.phone, '0612345678', 'Oberkampf'])
      expect(output, text).not.to.include(text);
    expect(output.match(/[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9.-]+\.[a-z]{2,}/g) ?? []).to.deep.equal([]);
  });
});
