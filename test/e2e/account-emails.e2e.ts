// In a browser: the account page's choice of order status e-mails, saved at once through the API, kept after a
// reload, with the note of what is always sent; no accessibility violation.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCustomer } from '../factories/people.js';
import { axeViolations } from './axe.js';
import { launchBrowser, signInCustomer } from './browser.js';

describe('in a browser: the customer chooses their e-mails', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => {
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });

  it('when the customer unticks the status e-mails on their account page, then it is saved at once and stays so after a reload', async () => {
    const customer = await createCustomer(app.db);
    // bypassCSP: the site allows no inline script, and axe is injected as one.
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.goto(`${app.url}/#/connexion`);
    const box = page.getByLabel('Recevoir les e-mails de suivi de commande (préparation, livraison)');
    await page.locator('#acc-status-emails:not([disabled])').waitFor();
    expect(await box.isChecked()).to.equal(true);
    const note = await page.locator('#acc-status-emails-note').textContent();
    expect(note).to.equal(
      'Toujours envoyés, quel que soit ce choix : confirmation de commande (avec le reçu), annulation de ' +
        'commande, remboursement, paiement en ligne refusé, réinitialisation du mot de passe.',
    );
    expect(await axeViolations(page)).to.deep.equal([]);

    await box.uncheck();
    await page.getByText('E-mails de suivi de commande coupés.').waitFor();
    const [row] = await app.db.query<{ on: boolean }>(
      'SELECT status_emails AS on FROM customers WHERE id = $1',
      {
        type: QueryTypes.SELECT,
        bind: [customer.id],
      },
    );
    expect(row.on).to.equal(false);

    await page.reload();
    await page.locator('#acc-status-emails:not([disabled])').waitFor();
    expect(await box.isChecked()).to.equal(false);
    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
