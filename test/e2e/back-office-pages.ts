// The back office's page types and when each is ready to use: shared by the browser test of its quality
// (test/e2e/back-office-quality.e2e.ts) and the benchmark of its speed (bench/admin-page.ts).
import type { Page } from 'playwright-core';

export interface PageSpec {
  /** What the page is, in the report. */
  type: string;
  /** Under the back office's path. */
  path: string;
  /** Shown once the page has its data: a record property, our component, the memo inside its frame. */
  ready: string;
  /** The selector is inside this iframe. */
  frame?: string;
  /** A list page whose filter panel is also opened (and checked). */
  filters?: boolean;
}

/** A record's row, or the « no record » box of an empty list. */
export const LIST_READY = '[data-testid^="property-list-"], .adminjs_InfoBox';
export const SHOW_READY = '[data-testid^="property-show-"]';
export const EDIT_READY = '[data-testid="button-save"]';

export const list = (resource: string, filters = false): PageSpec => ({
  type: 'liste',
  path: `/resources/${resource}`,
  ready: LIST_READY,
  filters,
});

export const record = (resource: string, id: string | number, action: 'show' | 'edit'): PageSpec => ({
  type: action === 'show' ? 'fiche' : 'modification',
  path: `/resources/${resource}/records/${id}/${action}`,
  ready: action === 'show' ? SHOW_READY : EDIT_READY,
});

export const recordAction = (resource: string, id: string | number, action: string): PageSpec => ({
  type: `action ${action}`,
  path: `/resources/${resource}/records/${id}/${action}`,
  ready: '[data-testid="action-form"]',
});

export const DASHBOARD: PageSpec = {
  type: 'tableau de bord',
  path: '',
  ready: '[data-testid="revenue-today"]',
};
export const EXPORTS: PageSpec = {
  type: 'exports comptables',
  path: '/resources/orders/actions/exports',
  ready: '[data-testid="accounting-exports"]',
};
export const MEMO: PageSpec = {
  type: 'mémo des recettes',
  path: '/resources/products/actions/memo',
  ready: 'article h2',
  frame: '#recipe-memo-frame',
};
export const csvExport = (resource: string): PageSpec => ({
  type: 'export CSV',
  path: `/resources/${resource}/actions/csvExport`,
  ready: '[data-testid="crud-export"]',
});

/**
 * Opens `url` as a new page load and waits until it is ready; returns the milliseconds from the start of the
 * navigation (the browser's own clock) to that moment.
 */
export async function openTimed(page: Page, url: string, spec: PageSpec): Promise<number> {
  await page.goto(url);
  const scope = spec.frame ? page.frameLocator(spec.frame) : page;
  await scope.locator(spec.ready).first().waitFor();
  return Math.round(await page.evaluate(() => performance.now()));
}
