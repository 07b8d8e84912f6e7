// Headless Debian Chromium driven by playwright-core (no browser download: none is possible here). Playwright
// gives every launch a fresh temporary profile; screenshots go to test/e2e/artifacts/ (git-ignored).
// CHROMIUM_PATH names another Chromium-based browser: GitHub's runner uses its preinstalled Google Chrome.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { fromRoot } from '../../src/shared/paths.js';

export const ARTIFACTS = fromRoot('test', 'e2e', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

let bundled = false;

/**
 * The back office's custom components (dashboard, action forms…) bundled from the current sources, once per
 * run: the test app serves dist/admin-bundle/bundle.js, which an older build may have left behind.
 */
export function bundleAdminComponents(): void {
  if (bundled) return;
  execFileSync(process.execPath, ['--import', 'tsx', fromRoot('admin', 'bundle.ts')], {
    cwd: fromRoot(),
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  bundled = true;
}

/** Signs a customer in on the site's « Connexion » form; resolves once the site shows their orders. */
export async function signInCustomer(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/#/connexion`);
  const login = page.getByRole('form', { name: 'Connexion' });
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Mot de passe').fill(password);
  await login.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Mes commandes' }).waitFor();
}

/** Signs a staff member in on /personnel; resolves once their screen is shown. */
/** Signs an employee in on the back office's login page (`loginUrl`); resolves once it has left the login page. */
export async function signInBackOffice(page: Page, loginUrl: string, email: string, password: string) {
  await page.goto(loginUrl);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

export async function signInStaff(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/personnel`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}
