// The README's screenshots of the menu made for phones, taken with the browser of the e2e tests (Debian
// Chromium through playwright-core) from a running demo (`npm start`, the demo data and its pictures):
//   npm start   (in another terminal)
//   node --import tsx scripts/screenshots.ts [http://127.0.0.1:8000]
// writes docs/screenshots/menu-phone.png, menu-phone-drinks.png and menu-phone-sheet.png (390×844).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fromRoot } from '../src/shared/paths.js';
import { launchBrowser } from '../test/e2e/browser.js';

const base = process.argv[2] ?? 'http://127.0.0.1:8000';
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
} finally {
  await close();
}
