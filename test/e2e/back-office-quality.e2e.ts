// The back office as it runs in production (NODE_ENV=production and production settings, the component bundle
// built minified as `npm run build` does), in Chromium, as the group admin and as a shop manager. On every page
// type (dashboard, lists with their filter panel, record pages, edit forms, each custom action, the exports, the
// recipe memo, the login page): no request leaves the machine, no warning or error in the console, the favicon
// answers, axe finds no critical or serious violation. The time each page takes to be ready is reported (the
// 2 s goal is checked by bench/admin-page.ts, not here: timings are not assertions in this house's tests).
import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Sequelize } from 'sequelize';
import { ensureSiteBuilt } from '../../src/site/build.js';
import { TEST_DATABASE_URL, testDb } from '../helpers/db.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { createEmployee, PASSWORD } from '../factories/people.js';
import { createSupplier, supplierItem } from '../factories/purchasing.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  takeawayMargherita,
  type ShopWorld,
} from '../factories/shop.js';
import { productionEnv } from '../ops/support.js';
import { axeViolations } from './axe.js';
import {
  csvExport,
  DASHBOARD,
  EXPORTS,
  list,
  MEMO,
  openTimed,
  record,
  recordAction,
  type PageSpec,
} from './back-office-pages.js';
import { bundleAdminComponents, launchBrowser, screenshot, signInBackOffice } from './browser.js';

const ADMIN_PATH = '/gestion-qualite';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);
const OC_RED = 'rgb(179, 38, 30)';

interface Watch {
  problems: string[];
  /** Console lines that this step expects (a refused login answers 400). */
  expected: RegExp[];
}

/** Records what the page asks of other hosts, and what it writes to the console as a warning or an error. */
function watch(page: Page): Watch {
  const w: Watch = { problems: [], expected: [] };
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (/^(https?|wss?):$/.test(url.protocol) && !LOCAL_HOSTS.has(url.hostname)) {
      w.problems.push(`request to ${url.origin} (${req.url()})`);
    }
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'warning' && msg.type() !== 'error') return;
    const text = `${msg.text()} @ ${msg.location().url}`;
    if (!w.expected.some((re) => re.test(text))) w.problems.push(`console ${msg.type()}: ${text}`);
  });
  page.on('pageerror', (error) => w.problems.push(`page error: ${error.message}`));
  return w;
}

describe('in a browser, under production settings: the back office stays local, accessible and light', function () {
  this.timeout(240_000);
  let server: ServerProcess;
  let db: Sequelize;
  let browser: Browser;
  let close: () => Promise<void>;
  const times: { role: string; type: string; path: string; ms: number }[] = [];
  const admin = (p = '') => `${server.url}${ADMIN_PATH}${p}`;

  before(async () => {
    // As `npm run build` leaves them: the component bundle (minified) and the site the server also serves.
    bundleAdminComponents();
    await ensureSiteBuilt();
    db = await testDb();
    server = await startServerProcess(
      {
        ...productionEnv(TEST_DATABASE_URL, ADMIN_PATH),
        NODE_ENV: 'production',
        OCPIZZA_SETTINGS: 'production',
        // startServerProcess learns the port from the `listening` line (info).
        LOG_LEVEL: 'info',
        MEDIA_DIR: mkdtempSync(path.join(tmpdir(), 'ocpizza-bo-media-')),
      },
      60_000,
    );
    // The back office loads right after the server listens: wait for it outside any measured page.
    expect((await fetch(admin('/login'))).status).to.equal(200);
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    if (times.length) {
      console.log('\n    Back office, time to a ready page (production settings, loopback):');
      console.table(times);
    }
    await close?.();
    if (server) await stopServerProcess(server);
  });

  /** A browser tab as staff have it behind NGINX: the proxy says HTTPS, so the Secure session cookie is set. */
  async function newTab() {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
      extraHTTPHeaders: { 'X-Forwarded-Proto': 'https' },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, watched: watch(page) };
  }

  const signIn = (page: Page, email: string, password = PASSWORD) =>
    signInBackOffice(page, admin('/login'), email, password);

  /** Each page: loaded, timed, favicon linked, axe clean (and with its filter panel open). */
  async function walk(role: string, page: Page, watched: Watch, pages: PageSpec[]) {
    const failures: string[] = [];
    for (const spec of pages) {
      const ms = await openTimed(page, admin(spec.path), spec);
      times.push({ role, type: spec.type, path: spec.path || '/', ms });
      if ((await page.locator('link[rel~="icon"]').count()) === 0) failures.push(`${spec.path}: no favicon`);
      failures.push(...(await axeViolations(page, ['critical', 'serious'])).map((v) => `${spec.path}: ${v}`));
      if (spec.filters) {
        await page.locator('[data-css$="-filter-button"]').click();
        await page.locator('[data-css$="-filter-drawer-button-apply"]').waitFor();
        const open = await axeViolations(page, ['critical', 'serious']);
        failures.push(...open.map((v) => `${spec.path} (filtres ouverts): ${v}`));
      }
    }
    expect([...watched.problems, ...failures]).to.deep.equal([]);
  }

  /** A Margherita to take away, placed by a customer through the API (cash): its id. */
  async function placeOrder(w: ShopWorld): Promise<string> {
    const customer = await customerWithToken(db);
    const placed = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${customer.token}`,
        'Idempotency-Key': newKey(),
      },
      body: JSON.stringify(takeawayMargherita(w)),
    });
    const body = (await placed.json()) as { order: { id: string } };
    expect(placed.status, JSON.stringify(body)).to.equal(201);
    return body.order.id;
  }

  async function world() {
    const w = await createShopWorld(db);
    return { w, orderId: await placeOrder(w) };
  }

  it('when the group admin walks every page type, then nothing leaves 127.0.0.1 and axe finds nothing serious', async () => {
    const { w, orderId } = await world();
    // « Rembourser » is offered once an order is paid: a second order marked paid, only to show its form.
    const paid = await placeOrder(w);
    await db.query(`UPDATE orders SET payment_status = 'paid' WHERE id = $1`, { bind: [paid] });
    const boss = await createEmployee(db, { role: 'admin', pizzeriaId: null });
    const supplier = await createSupplier(db, { pizzeriaId: w.shopId });
    const item = await supplierItem(db, supplier, w.ingredients.mozza);
    const { page, watched } = await newTab();
    await signIn(page, boss.email);
    const resources = ['products', 'product_sizes', 'recipe_lines', 'extras', 'ingredients', 'stock_items'];
    const more = ['stock_movements', 'order_lines', 'order_status_events', 'customers', 'payments'];
    const purchasing = ['suppliers', 'supplier_items', 'purchase_orders'];
    await walk('admin', page, watched, [
      DASHBOARD,
      list('orders', true),
      ...[
        ...resources,
        ...more,
        ...purchasing,
        'refunds',
        'payment_corrections',
        'employees',
        'pizzerias',
      ].map((r) => list(r)),
      record('orders', orderId, 'show'),
      recordAction('orders', orderId, 'advance'),
      recordAction('orders', orderId, 'cancel'),
      recordAction('orders', paid, 'refund'),
      record('products', w.margherita.productId, 'show'),
      record('products', w.margherita.productId, 'edit'),
      { type: 'création', path: '/resources/products/actions/new', ready: '[data-testid="button-save"]' },
      record('stock_items', w.stockIds.mozza, 'show'),
      recordAction('stock_items', w.stockIds.mozza, 'receipt'),
      record('suppliers', supplier, 'show'),
      // The delivery days: seven labelled checkboxes.
      record('suppliers', supplier, 'edit'),
      record('supplier_items', item, 'edit'),
      record('employees', boss.id, 'edit'),
      record('pizzerias', w.shopId, 'show'),
      EXPORTS,
      MEMO,
      {
        type: 'photo du produit',
        path: `/resources/products/records/${w.margherita.productId}/picture`,
        ready: '[data-testid="frame-page"]',
      },
      csvExport('products'),
      { type: 'mémo imprimable', path: '/memo', ready: 'article h2' },
    ]);
    await screenshot(page, 'admin-quality-last-page');
  });

  it('when a shop manager walks their pages, then nothing leaves 127.0.0.1 and axe finds nothing serious', async () => {
    const { w, orderId } = await world();
    const manager = await createEmployee(db, { role: 'manager', pizzeriaId: w.shopId });
    const { page, watched } = await newTab();
    await signIn(page, manager.email);
    await walk('manager', page, watched, [
      DASHBOARD,
      list('orders', true),
      list('stock_items', true),
      list('stock_movements'),
      list('products'),
      list('suppliers'),
      list('purchase_orders'),
      { type: 'création', path: '/resources/suppliers/actions/new', ready: '[data-testid="button-save"]' },
      record('orders', orderId, 'show'),
      recordAction('orders', orderId, 'advance'),
      record('stock_items', w.stockIds.mozza, 'show'),
      recordAction('stock_items', w.stockIds.mozza, 'receipt'),
      recordAction('stock_items', w.stockIds.mozza, 'waste'),
      recordAction('stock_items', w.stockIds.mozza, 'count'),
      // A manager no longer edits group products (issue 17): their forms are the shop's menu layer.
      { type: 'création', path: '/resources/shop_sizes/actions/new', ready: '[data-testid="button-save"]' },
      {
        type: 'création',
        path: '/resources/menu_ruptures/actions/new',
        ready: '[data-testid="button-save"]',
      },
      MEMO,
      csvExport('stock_items'),
    ]);
  });

  it('when a sign-in is refused, then the page keeps the e-mail, in OC Pizza’s colours, with a favicon', async () => {
    const manager = await createEmployee(db, {
      role: 'manager',
      pizzeriaId: (await createShopWorld(db)).shopId,
    });
    const { page, watched } = await newTab();
    const ms = await openTimed(page, admin('/login'), { type: 'connexion', path: '/login', ready: 'form' });
    times.push({ role: '-', type: 'connexion', path: '/login', ms });
    expect(await axeViolations(page, ['critical', 'serious'])).to.deep.equal([]);
    // The brand panel and the button in the site's red, not AdminJS's blue; no AdminJS artwork.
    const background = (selector: string) =>
      page.locator(selector).evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
    expect(await background('[data-testid="login-brand"]')).to.equal(OC_RED);
    expect(await background('form button[type="submit"]')).to.equal(OC_RED);
    const icon = await page.locator('link[rel~="icon"]').getAttribute('href');
    const favicon = await page.request.get(new URL(icon!, page.url()).href);
    expect(favicon.status()).to.equal(200);
    expect(favicon.headers()['content-type']).to.match(/^image\/png/);

    await page.fill('input[name="email"]', manager.email);
    await page.fill('input[name="password"]', 'pas-le-bon-mot-de-passe');
    // The refusal is a 400 page: Chromium reports its status in the console.
    watched.expected.push(/status of 400/);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('E-mail ou mot de passe incorrect.').waitFor();
    expect(await page.inputValue('input[name="email"]')).to.equal(manager.email);
    expect(await page.inputValue('input[name="password"]')).to.equal('');
    expect(await axeViolations(page, ['critical', 'serious'])).to.deep.equal([]);
    await screenshot(page, 'admin-login-refused');
    // The e-mail kept is enough: only the password is typed again.
    await page.fill('input[name="password"]', manager.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('dashboard').waitFor();
    expect(watched.problems).to.deep.equal([]);
  });

  it('when the pages load, then every script is a minified production build and the favicon answers', async () => {
    const boss = await createEmployee(db, { role: 'admin', pizzeriaId: null });
    const { page } = await newTab();
    await signIn(page, boss.email);
    await page.getByTestId('dashboard').waitFor();
    const scripts = await page
      .locator('script[src]')
      .evaluateAll((els) => els.map((el) => (el as unknown as { src: string }).src));
    const sizes: Record<string, number> = {};
    for (const src of scripts) {
      const res = await page.request.get(src);
      expect(res.status(), src).to.equal(200);
      const body = await res.text();
      const name = new URL(src).pathname.split('/').pop()!;
      sizes[name] = body.length;
      // Minified: long lines (AdminJS's development builds average 120 to 160 characters a line, their
      // production builds 500 to 33,000) and no inline source map.
      expect(body.length / body.split('\n').length, `${name}: lines of a development build`).to.be.above(400);
      expect(body, `${name}: inline source map`).not.to.include('sourceMappingURL=data:');
    }
    expect(Object.keys(sizes)).to.include.members(['app.bundle.js', 'components.bundle.js']);
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`    scripts of a back-office page: ${(total / 1e6).toFixed(2)} MB ${JSON.stringify(sizes)}`);
    expect(total).to.be.below(4_000_000);
  });
});
