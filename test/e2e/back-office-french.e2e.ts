// The back office as French staff read and write it, in the real browser (AdminJS draws its pages client-side):
// no English AdminJS text on any page the group admin or a manager can open, amounts typed and shown in euros,
// rates in %, the VAT breakdown as a table, quantities with their unit, the ledger's reason and author, titles
// naming the record, a French refusal of another shop's record, and no lock-out after many good logins.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee } from '../factories/people.js';
import { adminWorld, type AdminWorld } from '../integration/admin/world.js';
import { LOGIN_LIMITS } from '../../src/modules/auth/index.js';
import { EUROS_EXPECTED } from '../../src/shared/money.js';
import { list, record, recordAction } from './back-office-pages.js';
import type { Role } from '../../src/shared/permissions.js';
import {
  bundleAdminComponents,
  launchBrowser,
  newPage,
  screenshot,
  signInStaff,
  signInBackOffice,
} from './browser.js';
import {
  englishDefaults,
  englishIn,
  madeUpLabels,
  pagesOf,
  readableText,
  settled,
  visibleResources,
} from './back-office-support.js';

describe('in a browser: the back office in French, with euros and units', function () {
  this.timeout(600_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: AdminWorld;
  const ENGLISH = englishDefaults();

  before(async () => {
    bundleAdminComponents();
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });
  beforeEach(async () => {
    w = await adminWorld(app.db);
  });

  const admin = (path = '') => `${app.url}${app.settings.adminPath}${path}`;

  async function signIn(role: Role, pizzeriaId: number | null): Promise<Page> {
    const employee = await createEmployee(app.db, { role, pizzeriaId });
    const { page } = await newPage(browser);
    await signInBackOffice(page, admin('/login'), employee.email, employee.password);
    await settled(page);
    return page;
  }

  async function englishOnPage(page: Page, extra: readonly string[] = []): Promise<string[]> {
    const text = await readableText(page);
    return [...englishIn(text, ENGLISH), ...englishIn(text, extra)];
  }

  /** Opens every page the employee can reach; returns « url: English text » for each English text found. */
  async function walk(page: Page): Promise<{ found: string[]; visited: number }> {
    const found: string[] = [];
    let visited = 0;
    const check = async (where: string, extra: readonly string[]) => {
      visited += 1;
      for (const english of await englishOnPage(page, extra)) found.push(`${where}: « ${english} »`);
    };
    await check('tableau de bord', []);
    for (const resource of await visibleResources(page)) {
      const madeUp = madeUpLabels([
        ...Object.keys(resource.properties ?? {}),
        ...resource.resourceActions.map((a) => a.name),
      ]);
      for (const url of await pagesOf(page, app.settings.adminPath, resource)) {
        await page.goto(app.url + url);
        await settled(page);
        await check(url, madeUp);
        const filter = page.getByRole('button', { name: /^Filtrer/ });
        if (url.endsWith(`/resources/${resource.id}`) && (await filter.count()) > 0) {
          await filter.first().click();
          await settled(page);
          await check(`${url} (filtres)`, madeUp);
        }
      }
    }
    return { found, visited };
  }

  it('when the group admin and a manager open every list, filter, record page, form and action, then no English AdminJS text shows', async () => {
    expect(ENGLISH, 'English texts collected from AdminJS').to.include.members(['Save', 'Filter', 'Log out']);
    // The two walks side by side (each in its own browser context): the browser and the app have two cores.
    const walkAs = async (role: 'admin' | 'manager', shop: number | null) => {
      const page = await signIn(role, shop);
      const { found, visited } = await walk(page);
      // Refusals and errors: another shop's records by their URL (a manager), an amount that is not one.
      const refused =
        role === 'manager'
          ? [
              `/resources/orders/records/${w.b.orderId}/show`,
              `/resources/stock_items/records/${w.b.world.stockIds.mozza}/edit`,
            ]
          : [];
      for (const url of refused) {
        await page.goto(admin(url));
        await settled(page);
        for (const english of await englishOnPage(page)) found.push(`${url}: « ${english} »`);
      }
      // Personal data (issue 21): the pages the walk may not reach through a list's first record.
      const gone = await createEmployee(app.db, {
        role: 'driver',
        pizzeriaId: w.a.world.shopId,
        active: false,
      });
      const privacyPages = [
        recordAction('employees', w.a.pizzaioloId, 'departure'),
        recordAction('employees', gone.id, 'reactivate'),
        ...(role === 'admin'
          ? [
              recordAction('customers', w.a.customerId, 'erase'),
              list('privacy_requests', true),
              record('privacy_requests', w.a.privacyRequestId, 'show'),
            ]
          : []),
      ];
      for (const spec of privacyPages) {
        await page.goto(admin(spec.path));
        await page.locator(spec.ready).first().waitFor();
        await settled(page);
        for (const english of await englishOnPage(page)) found.push(`${spec.path}: « ${english} »`);
      }
      if (role === 'admin') {
        await page.goto(admin(`/resources/extras/records/${w.a.world.extraMozza}/edit`));
        await settled(page);
        await page.locator('input#priceCents').fill('1,5,0');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByTestId('notice-wrapper').waitFor();
        for (const english of await englishOnPage(page))
          found.push(`extras (montant refusé): « ${english} »`);
      }
      expect(visited, `${role}: pages walked`).to.be.above(role === 'admin' ? 40 : 20);
      expect(found, `${role}: English on the back office`).to.deep.equal([]);
      await page.context().close();
    };
    await Promise.all([walkAs('admin', null), walkAs('manager', w.a.world.shopId)]);
    // The login page, after a refusal.
    const { page } = await newPage(browser);
    await page.goto(admin('/login'));
    await page.fill('input[name="email"]', 'personne@ocpizza.test');
    await page.fill('input[name="password"]', 'pas-le-bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('E-mail ou mot de passe incorrect.').waitFor();
    expect(await englishOnPage(page), 'login page').to.deep.equal([]);
  });

  it('when « 10,50 » is typed as a size’s price, then 1 050 cents are saved and the list shows « 10,50 € »', async () => {
    const page = await signIn('admin', null);
    const sizeId = w.a.world.margherita.sizeM;
    await page.goto(admin(`/resources/product_sizes/records/${sizeId}/edit`));
    await settled(page);
    const price = page.locator('input#priceCents');
    expect(await page.locator('h2').first().innerText()).to.match(/^Modifier — Margherita — /);
    expect(await price.inputValue(), 'the stored 1 290 cents, as euros').to.equal('12,90');
    await price.fill('10,50');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Enregistrement modifié').first().waitFor();
    expect(await priceOf(sizeId)).to.equal(1050);
    await page.goto(admin(`/resources/product_sizes/records/${sizeId}/show`));
    await settled(page);
    expect(await page.locator('section, main').first().innerText()).to.match(/10,50\s€/u);
    await screenshot(page, 'admin-size-price-euros');
  });

  it('when « dix » is typed as a price, then a French error shows under the field, what was typed stays and nothing is written', async () => {
    const page = await signIn('admin', null);
    const sizeId = w.a.world.margherita.sizeM;
    const failures: number[] = [];
    page.on('response', (res) => {
      if (res.status() >= 500) failures.push(res.status());
    });
    await page.goto(admin(`/resources/product_sizes/records/${sizeId}/edit`));
    await settled(page);
    await page.locator('input#priceCents').fill('dix');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(EUROS_EXPECTED).waitFor();
    await page.getByText('Certaines valeurs sont invalides').first().waitFor();
    expect(await page.locator('input#priceCents').inputValue()).to.equal('dix');
    expect(await englishOnPage(page)).to.deep.equal([]);
    expect(failures, 'server errors').to.deep.equal([]);
    expect(await priceOf(sizeId)).to.equal(1290);
    await screenshot(page, 'admin-size-price-refused');
  });

  it('when an order is opened, then its VAT breakdown is a table with rates in % and euros, and titles name the order', async () => {
    await app.db.query(
      `UPDATE orders SET vat_breakdown = '[{"rateBp":550,"baseCents":237,"vatCents":13},
        {"rateBp":1000,"baseCents":2345,"vatCents":235}]' WHERE id = $1`,
      { bind: [w.a.orderId] },
    );
    const page = await signIn('admin', null);
    await page.goto(admin(`/resources/orders/records/${w.a.orderId}/show`));
    await settled(page);
    const table = page.getByTestId('vat-breakdown').locator('table');
    const rows = await table
      .locator('tr')
      .evaluateAll((trs: any[]) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c: any) => String(c.innerText).trim())),
      );
    const n = (s: string) => s.replace(/\s/gu, ' ');
    expect(rows.map((r) => r.map(n))).to.deep.equal([
      ['Taux', 'Montant HT', 'TVA', 'Montant TTC'],
      ['5,5 %', '2,37 €', '0,13 €', '2,50 €'],
      ['10 %', '23,45 €', '2,35 €', '25,80 €'],
    ]);
    const [number] = await app.db.query<{ number: string }>('SELECT number FROM orders WHERE id = $1', {
      type: QueryTypes.SELECT,
      bind: [w.a.orderId],
    });
    expect(await page.locator('h2').first().innerText()).to.equal(number.number);
    expect(await page.title()).to.include(number.number);
    await screenshot(page, 'admin-order-vat-table');
    await page.goto(admin(`/resources/order_lines/records/${w.a.lineId}/show`));
    await settled(page);
    expect(await page.locator('section, main').first().innerText()).to.match(/10\s%/u);
  });

  it('when a manager reads the stock and its ledger, then quantities carry their unit, movements their reason and author, and pages their record’s name', async () => {
    const page = await signIn('manager', w.a.world.shopId);
    await page.goto(admin('/resources/stock_items'));
    await settled(page);
    const stockList = await page.locator('table').innerText();
    expect(stockList)
      .to.match(/100\s000\sg/u)
      .and.match(/50\s000\sg/u)
      .and.match(/500\spièces/u);
    expect(stockList).to.match(/100\s000\sml/u);
    await screenshot(page, 'admin-stock-units');

    await page.goto(admin(`/resources/stock_items/records/${w.a.world.stockIds.mozza}/receipt`));
    await page.getByTestId('action-form').waitFor();
    expect(await page.locator('h2').first().innerText()).to.equal('Réception — Mozzarella · P01');
    await page.fill('input[name="quantity"]', '2500');
    await page.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await page.waitForURL(/\/records\/\d+\/show$/);
    await page.getByText('Réception enregistrée').first().waitFor();
    expect(await page.locator('h2').first().innerText()).to.equal('Mozzarella · P01');

    await page.goto(admin('/resources/stock_movements'));
    await settled(page);
    const headers = await page.locator('table thead').innerText();
    expect(headers).to.include('Motif').and.include('Auteur');
    const first = await page.locator('table tbody tr').first().innerText();
    expect(first)
      .to.include('Mozzarella · P01')
      .and.include('Réception')
      .and.match(/2\s500\sg/u);
    expect(first).not.to.match(/Stock \d+/);
    const [me] = await app.db.query<{ name: string }>(
      `SELECT e.first_name || ' ' || e.last_name AS name
         FROM stock_movements m JOIN employees e ON e.id = m.employee_id ORDER BY m.id DESC LIMIT 1`,
      { type: QueryTypes.SELECT },
    );
    expect(first).to.include(me.name);
    await screenshot(page, 'admin-stock-movements');
  });

  it('when a manager opens another shop’s order by its URL, then a French refusal shows and nothing of it', async () => {
    const page = await signIn('manager', w.a.world.shopId);
    await page.goto(admin(`/resources/orders/records/${w.b.orderId}/show`));
    await settled(page);
    await page
      .getByText('Cet enregistrement n’existe pas ou ne fait pas partie de vos accès.')
      .first()
      .waitFor();
    expect(await englishOnPage(page)).to.deep.equal([]);
    await page.goto(admin(`/resources/stock_items/records/${w.b.world.stockIds.mozza}/edit`));
    await settled(page);
    expect(await englishOnPage(page)).to.deep.equal([]);
    await screenshot(page, 'admin-cross-shop-refused');
  });

  it('when a manager signs in 11 times in a row to the back office and to /personnel, then none is refused', async () => {
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: w.a.world.shopId });
    for (let i = 0; i < LOGIN_LIMITS.perEmail + 1; i++) {
      const { context, page } = await newPage(browser);
      await signInBackOffice(page, admin('/login'), manager.email, manager.password);
      await signInStaff(page, app.url, manager.email, manager.password);
      await context.close();
    }
  });

  async function priceOf(sizeId: number): Promise<number> {
    const [row] = await app.db.query<{ price: number }>(
      'SELECT price_cents AS price FROM product_sizes WHERE id = $1',
      { type: QueryTypes.SELECT, bind: [sizeId] },
    );
    return row.price;
  }
});
