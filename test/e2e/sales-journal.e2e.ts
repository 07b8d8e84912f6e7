// In a browser: a shop's manager opens « Journal des ventes » in the back office and closes the day (once: the
// button then says the day is closed); the accountant checks every shop's integrity and reads « intègre », then,
// after an amount was changed in SQL, the altered entry named in French.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createShopWorld, customerWithToken, staffWithToken } from '../factories/shop.js';
import { createEmployee } from '../factories/people.js';
import { collectedOrder, tamper } from '../factories/journal.js';
import { bundleAdminComponents, launchBrowser, newPage, screenshot, signInBackOffice } from './browser.js';

describe('in a browser: « Journal des ventes » in the back office', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => {
    bundleAdminComponents();
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });

  const admin = (path = '') => `${app.url}${app.settings.adminPath}${path}`;

  async function signIn(role: 'manager' | 'accountant', pizzeriaId: number | null) {
    const employee = await createEmployee(app.db, { role, pizzeriaId });
    const { page } = await newPage(browser);
    await signInBackOffice(page, admin('/login'), employee.email, employee.password);
    await page.goto(admin('/resources/orders/actions/salesJournal'));
    await page.getByTestId('sales-journal').waitFor();
    return page;
  }

  it('when the manager closes the day and the accountant verifies before and after an alteration, then each reads it in French', async () => {
    const w = await createShopWorld(app.db);
    const tokens = {
      customer: (await customerWithToken(app.db)).token,
      staff: (await staffWithToken(app.db, 'manager', w.shopId)).token,
    };
    await collectedOrder(client(app.url), w, tokens, { method: 'card_terminal' });

    const manager = await signIn('manager', w.shopId);
    const closeDay = manager.getByTestId('journal-close-day');
    expect(await closeDay.textContent()).to.match(/^Clôturer la journée du \d{2}\/\d{2}\/\d{4}$/);
    await closeDay.click();
    await manager.getByText(/clôture n° 1 signée/).waitFor();
    expect(await closeDay.textContent()).to.match(/^Journée du \d{2}\/\d{2}\/\d{4} clôturée$/);
    expect(await closeDay.isDisabled()).to.equal(true);
    const row = manager.getByTestId('journal-closure');
    expect(await row.count()).to.equal(1);
    const text = (await row.textContent()) ?? '';
    expect(text).to.include('Journée n° 1');
    expect(text).to.include('Carte bancaire (TPE)');
    expect(text).to.include('10 %');
    // The public key: its id, a .pem download, and its base64 body (the PEM armour is in the file, not the page).
    const key = (await manager.getByTestId('journal-key').textContent()) ?? '';
    expect(key).to.match(/^Clé [0-9a-f]{16} \(en service\) : télécharger \(fichier \.pem\)MCowBQYDK2Vw/);
    await screenshot(manager, 'sales-journal-manager');

    const accountant = await signIn('accountant', null);
    await accountant.getByTestId('journal-verify').click();
    await accountant.getByText('Résultat : journal des ventes intègre.').waitFor();
    await tamper(app.db, 'UPDATE sales_journal SET amount_cents = amount_cents + 1 WHERE pizzeria_id = $1', [
      w.shopId,
    ]);
    await accountant.getByTestId('journal-verify').click();
    await accountant
      .getByText(/Résultat : journal des ventes ALTÉRÉ \(pizzeria P\d+, écriture n° 1\)\./)
      .waitFor();
    await screenshot(accountant, 'sales-journal-altered');
  });
});
