import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createPizzeria } from '../factories/catalog.js';
import { launchBrowser, newPage, screenshot } from './browser.js';

describe('in a browser: home page and API documentation', function () {
  this.timeout(60_000);
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

  it('when a person opens /api/docs, then Swagger UI renders the OC Pizza API (security headers allow it)', async () => {
    const { page, context } = await newPage(browser);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${app.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').innerText()).to.include('OC Pizza API');
    expect(await page.locator('.opblock').count()).to.be.above(20);
    await screenshot(page, 'api-docs');
    expect(errors.filter((e) => /Content Security Policy|Refused/.test(e))).to.deep.equal([]);
    await context.close();
  });

  it('when a person opens the home page and chooses takeaway, then the shops are listed in French', async () => {
    await createPizzeria(app.db, { name: 'OC Pizza Oberkampf' });
    const { page, context } = await newPage(browser);
    await page.goto(`${app.url}/`);
    expect(await page.locator('h1').innerText()).to.equal('Des pizzas chaudes, livrées ou à emporter');
    await page.getByRole('button', { name: 'À emporter' }).click();
    await page.getByRole('heading', { name: /OC Pizza Oberkampf/ }).waitFor();
    await screenshot(page, 'home');
    await context.close();
  });
});
