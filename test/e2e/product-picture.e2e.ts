// In a browser, the back office's « Photo » action of a product: a manager picks an image file in the framed
// form, the page says it is saved, and the site's menu shows it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { createEmployee } from '../factories/people.js';
import { createShopWorld } from '../factories/shop.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { bundleAdminComponents, launchBrowser, newPage, screenshot, signInBackOffice } from './browser.js';

describe('in a browser: a product’s picture uploaded in the back office', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let mediaDir: string;
  before(async () => {
    bundleAdminComponents();
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'ocpizza-e2e-pictures-'));
    app = await startTestApp({ MEDIA_DIR: mediaDir });
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('when a manager chooses a photo in « Photo », then it is saved and the menu shows it', async () => {
    const w = await createShopWorld(app.db);
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId });
    const { page } = await newPage(browser);
    const admin = (p: string) => `${app.url}${app.settings.adminPath}${p}`;
    await signInBackOffice(page, admin('/login'), manager.email, manager.password);

    await page.goto(admin(`/resources/products/records/${w.margherita.productId}/picture`));
    const frame = page.frameLocator('iframe[title="Photo du produit"]');
    await frame.getByText('Pas encore de photo').waitFor();
    const file = path.join(mediaDir, 'margherita.jpg');
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#d9432f' } })
      .jpeg()
      .toFile(file);
    await frame.getByLabel(/Nouvelle photo/).setInputFiles(file);
    await frame.getByRole('button', { name: 'Enregistrer la photo' }).click();
    await frame.getByRole('status').getByText('Photo enregistrée.').waitFor();
    expect(await frame.locator('img').evaluate((i: any) => i.naturalWidth)).to.be.above(0);
    await screenshot(page, 'admin-product-picture');

    const menu: any = await (await fetch(`${app.url}/api/pizzerias/${w.shopId}/menu`)).json();
    const pizza = menu.products.find((p: any) => p.id === w.margherita.productId);
    expect(pizza.image.src).to.match(/^\/media\/products\/[0-9a-f]{24}-320\.webp$/);
  });
});
