// README screenshots taken with the browser of the e2e tests (Debian Chromium through playwright-core) from a
// running demo (`npm start`, the demo data and its pictures):
//   npm start   (in another terminal)
//   node --import tsx scripts/screenshots.ts [http://127.0.0.1:8000] [menu] [counter]
// `menu` (the menu made for phones, 390×844): docs/screenshots/menu-phone.png, menu-phone-drinks.png and
// menu-phone-sheet.png; `counter` (the counter of P01 on a 1024×768 tablet, signed in as its demo counter
// employee): staff-counter-tablet.png (an order being taken) and staff-counter-tablet-handover.png (« À
// remettre », with that order recorded and prepared by the demo's pizzaiolo: it writes to the database, so run
// it against a demo only). Both sets when none is named.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fromRoot } from '../src/shared/paths.js';
import { DEMO_STAFF_PASSWORD } from '../seeders/demo-data.js';
import { launchBrowser, signInStaff } from '../test/e2e/browser.js';

const args = process.argv.slice(2);
const base = args.find((a) => /^https?:/.test(a)) ?? 'http://127.0.0.1:8000';
const sets = args.filter((a) => !/^https?:/.test(a));
const wanted = (set: string) => sets.length === 0 || sets.includes(set);
const out = fromRoot('docs', 'screenshots');
const PHONE = { width: 390, height: 844 };

/** What the page's pictures tell (the scripts have no DOM typings). */
interface Img {
  complete: boolean;
  naturalWidth: number;
  getBoundingClientRect(): { top: number };
}
interface Storage {
  setItem(key: string, value: string): void;
}

async function shot(page: Page, name: string): Promise<void> {
  // Every picture in view decoded before the shot (they load lazily).
  await page.waitForFunction((height) => {
    const { document } = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<Img> };
    };
    return Array.from(document.querySelectorAll('img'))
      .filter((i) => i.getBoundingClientRect().top < height)
      .every((i) => i.complete && i.naturalWidth > 0);
  }, PHONE.height);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

const shops = (await (await fetch(`${base}/api/pizzerias`)).json()) as {
  pizzerias: { id: number; code: string; name: string }[];
};
const shop = shops.pizzerias.find((p) => p.code === 'P01') ?? shops.pizzerias[0];
mkdirSync(out, { recursive: true });
const { browser, close } = await launchBrowser();
try {
  if (wanted('menu')) await menuShots();
  if (wanted('counter')) await counterShots();
} finally {
  await close();
}

async function menuShots(): Promise<void> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: PHONE, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.addInitScript(
    ([id, name]) =>
      (globalThis as unknown as { localStorage: Storage }).localStorage.setItem(
        'ocpizza.context',
        JSON.stringify({ fulfilment: 'takeaway', pizzeriaId: id, pizzeriaName: name }),
      ),
    [shop.id, shop.name] as const,
  );
  await page.goto(`${base}/#/carte`);
  await page.locator('article.pcard').first().waitFor();
  await shot(page, 'menu-phone');
  await page.getByRole('navigation', { name: 'Catégories de la carte' }).getByText('Boissons').click();
  await page.waitForTimeout(800);
  await shot(page, 'menu-phone-drinks');
  await page.getByRole('navigation', { name: 'Catégories de la carte' }).getByText('Pizzas').click();
  await page.waitForTimeout(800);
  await page.locator('article[data-product="Reine"]').getByRole('button', { name: 'Reine' }).click();
  const sheet = page.getByRole('dialog', { name: 'Reine' });
  await sheet.getByLabel(/Méga/).check();
  await sheet.getByLabel(/Champignons/).check();
  await sheet.getByRole('button', { name: 'Ajouter un' }).click();
  await shot(page, 'menu-phone-sheet');
}

/** The counter of the demo's P01 on a tablet: a phone order being taken, then the hand-over list. */
async function counterShots(): Promise<void> {
  const TABLET = { width: 1024, height: 768 };
  const context = await browser.newContext({ locale: 'fr-FR', viewport: TABLET, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await signInStaff(page, base, 'comptoir.p01@ocpizza.fr', DEMO_STAFF_PASSWORD);
  const form = page.getByRole('form', { name: 'Nouvelle commande' });
  await form.getByLabel('Nom du client').fill('Mme Leroy');
  await form.getByLabel('Téléphone du client').fill('06 39 98 12 34');
  for (const name of [/^Ajouter Reine Méga/, /^Ajouter Margherita Sénior/, /^Ajouter Calzone Sénior/]) {
    await page.getByRole('button', { name }).first().click();
  }
  await page
    .getByRole('button', { name: /^Ajouter .* 33 cl/ })
    .first()
    .click();
  await page.getByRole('button', { name: /^Une de plus : Margherita/ }).click();
  await form.locator('tr.total').waitFor();
  await page.getByRole('region', { name: 'Carte' }).evaluate((pane) => pane.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, 'staff-counter-tablet.png') });
  console.log('docs/screenshots/staff-counter-tablet.png');
  // Recorded (to take away, paid at the counter), then prepared by the shop's pizzaiolo through the API: the
  // hand-over list shows it ready, live.
  await form.getByRole('button', { name: 'Enregistrer la commande' }).click();
  const placed = form.getByText(/^Commande n° .+ enregistrée/);
  await placed.waitFor();
  const number = (await placed.innerText()).match(/n° (\S+)/)![1];
  await page.getByRole('button', { name: /^À remettre : [1-9]/ }).click();
  const handover = page.getByRole('region', { name: 'Commandes à remettre' });
  const orderId = await handover
    .locator('li[data-order-id]', { hasText: number })
    .getAttribute('data-order-id');
  const login = await fetch(`${base}/api/staff/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'pizzaiolo1.p01@ocpizza.fr', password: DEMO_STAFF_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  for (const step of ['start', 'ready']) {
    await fetch(`${base}/api/staff/orders/${orderId}/${step}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
  }
  await handover.getByRole('button', { name: `Remettre la commande n° ${number}` }).waitFor();
  await page.screenshot({ path: path.join(out, 'staff-counter-tablet-handover.png') });
  console.log('docs/screenshots/staff-counter-tablet-handover.png');
}
