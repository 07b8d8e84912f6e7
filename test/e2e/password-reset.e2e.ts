// In a browser: « Mot de passe oublié ? » from the login pages to a new password, with the link of the e-mail
// as it arrived at a real SMTP server process. The mails link to PUBLIC_URL (the app's port is only known once
// it listens): the test opens the same path and hash on the test app.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createPizzeria } from '../factories/catalog.js';
import { createCustomer, createEmployee } from '../factories/people.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { axeViolations } from './axe.js';
import { bundleAdminComponents, launchBrowser, screenshot, signInCustomer, signInStaff } from './browser.js';

const SITE = 'https://www.ocpizza.example';
const NEW_PASSWORD = 'pizza-du-soir-2026';

describe('in a browser: a forgotten password reset from the e-mailed link', function () {
  this.timeout(120_000);
  let smtp: TestSmtpServer;
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let worker: { stop(): Promise<void> };

  before(async () => {
    bundleAdminComponents();
    smtp = await startSmtpServer();
    app = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: SITE, OUTBOX_POLL_MS: '100' });
    ({ browser, close } = await launchBrowser());
  });
  beforeEach(() => {
    worker = app.services.notifications.startWorker({ logger: app.context.logger });
    smtp.accepted.length = 0;
  });
  afterEach(() => worker.stop());
  after(async () => {
    await close?.();
    await app?.close();
    await smtp?.stop();
  });

  /** A page that reports its errors (bypassCSP: the pages allow no inline script, and axe is injected as one). */
  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 800 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  /** The link of the only mail received, moved from PUBLIC_URL to the test app. */
  async function linkInMail(to: string, page: string): Promise<string> {
    const [mail] = await smtp.waitForAccepted(1);
    expect(mail.to).to.deep.equal([to]);
    const link = /https:\/\/\S+jeton=[A-Za-z0-9_-]{43}/.exec(mail.parsed.text!)?.[0];
    expect(link, mail.parsed.text).to.be.a('string');
    expect(link!.startsWith(`${SITE}${page}#/mot-de-passe/nouveau?jeton=`), link).to.equal(true);
    return app.url + link!.slice(SITE.length);
  }

  async function chooseNewPassword(page: Page, shot: string) {
    await page.getByRole('heading', { name: 'Choisir un nouveau mot de passe' }).waitFor();
    const form = page.getByRole('form', { name: 'Nouveau mot de passe' });
    await form.getByText(/au moins 10 caractères/).waitFor();
    await form.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Confirmez le nouveau mot de passe').fill(NEW_PASSWORD + 'x');
    await form.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await form.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, shot);
    await form.getByLabel('Confirmez le nouveau mot de passe').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page
      .getByText('Votre mot de passe a été changé. Connectez-vous avec votre nouveau mot de passe.')
      .waitFor();
    await page.getByRole('heading', { name: 'Mot de passe changé' }).waitFor();
  }

  async function askForLink(page: Page, email: string) {
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
    const form = page.getByRole('form', { name: 'Mot de passe oublié' });
    await form.getByLabel('E-mail').fill(email);
    expect(await axeViolations(page)).to.deep.equal([]);
    await form.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText('Si un compte existe pour cette adresse, un e-mail vient d’être envoyé.').waitFor();
  }

  it('when a customer forgets their password, then the link of the mail lets them choose a new one and sign in with it', async () => {
    const customer = await createCustomer(app.db);
    const { page, errors } = await openPage();
    await page.goto(`${app.url}/#/connexion`);
    await askForLink(page, customer.email);

    await page.goto(await linkInMail(customer.email, '/'));
    await chooseNewPassword(page, 'site-password-reset-form');
    await screenshot(page, 'site-password-reset-done');
    await page.locator('#main').getByRole('link', { name: 'Se connecter' }).click();
    await page.getByRole('form', { name: 'Connexion' }).waitFor();
    await signInCustomer(page, app.url, customer.email, NEW_PASSWORD);

    // The link served once: opened again, it says so and offers a new one.
    await page.goto(await linkInMail(customer.email, '/'));
    const form = page.getByRole('form', { name: 'Nouveau mot de passe' });
    await form.getByLabel('Nouveau mot de passe', { exact: true }).fill('encore-un-autre-9');
    await form.getByLabel('Confirmez le nouveau mot de passe').fill('encore-un-autre-9');
    await form.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page.getByText(/^Ce lien de réinitialisation n’est plus valable/).waitFor();
    await page.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
    expect(errors).to.deep.equal([]);
  });

  it('when an employee forgets their password on the back office’s login page, then /personnel takes them through it', async () => {
    const shop = await createPizzeria(app.db);
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop });
    const { page, errors } = await openPage();
    await page.goto(`${app.url}${app.settings.adminPath}/login`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).waitFor();
    expect(await axeViolations(page, ['critical', 'serious'])).to.deep.equal([]);
    await screenshot(page, 'back-office-login-forgotten');
    await askForLink(page, manager.email);
    expect(new URL(page.url()).pathname).to.equal('/personnel');

    await page.goto(await linkInMail(manager.email, '/personnel'));
    await chooseNewPassword(page, 'staff-password-reset-form');
    await page.locator('#main').getByRole('link', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Connexion du personnel' }).waitFor();
    await signInStaff(page, app.url, manager.email, NEW_PASSWORD);
    expect(errors).to.deep.equal([]);
  });
});
