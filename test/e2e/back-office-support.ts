// What the French back-office browser tests share: AdminJS's own English texts (its `en` locale, read from
// node_modules, plus the English messages its code writes outside the locale), a finder of those texts on a
// page, and a walker over every page a signed-in employee can open (lists with their filters, record pages,
// forms, custom actions).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { locale } from '../../admin/locale.js';
import { fromRoot } from '../../src/shared/paths.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** English written by AdminJS's code rather than its locale (notices, errors, fallbacks). */
const ENGLISH_OUTSIDE_LOCALE = [
  'There was an error',
  'Check out console',
  'cannot be found',
  'could not be found',
  'You have to pass',
  'More information can be found',
  'no records were selected',
];

/** AdminJS's English texts, as fragments to look for (placeholders cut out), but not those French shares. */
export function englishDefaults(): string[] {
  const file = fromRoot('node_modules', 'adminjs', 'lib', 'locale', 'en', 'translation.json');
  const english = leaves(JSON.parse(readFileSync(file, 'utf8')) as Tree);
  const french = leaves(locale.translations!.fr as unknown as Tree);
  const fragments = new Set<string>(ENGLISH_OUTSIDE_LOCALE);
  for (const [key, text] of english) {
    if (french.get(key) === text) continue; // « Navigation », « Pages »: the same word in French
    const parts = text.split(/\{\{[^}]*\}\}|<\/?\d+>|<\/?strong>/);
    for (const part of parts) {
      const fragment = part
        .trim()
        .replace(/[:("]+$/, '')
        .replace(/^[")]+/, '')
        .trim();
      // A lone word cut out of a sentence (« Page » of « Page "x" does not exist ») may be French too.
      if (fragment.length >= 3 && (parts.length === 1 || fragment.includes(' '))) fragments.add(fragment);
    }
  }
  return [...fragments];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The English fragments found in a text: whole words only (« Filter » is not in « Filtrer »), in any case
 * (AdminJS Start-Cases a text it cannot translate: « There Was An Error Updating Record »).
 */
export function englishIn(text: string, fragments: readonly string[]): string[] {
  return fragments.filter((f) => new RegExp(`(?<![\\p{L}])${escape(f)}(?![\\p{L}])`, 'iu').test(text));
}

/** Everything a person reads on the page: its text, the tab title, placeholders, tooltips, accessible names. */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const attributes = [...doc.querySelectorAll('[placeholder], [title], [aria-label], [alt]')].flatMap(
      (el: any) => ['placeholder', 'title', 'aria-label', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [doc.title, doc.body.innerText, ...attributes].join('\n');
  });
}

/** lodash's startCase as AdminJS applies it to a name without translation: `priceCents` → « Price Cents ». */
const startCase = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .replace(/\b[a-z]/g, (c) => c.toUpperCase());

/** Start Case labels AdminJS makes up for a property or action without a French name (« Price Cents »). */
export function madeUpLabels(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => startCase(n)).filter((label) => label.includes(' ')))];
}

interface ActionJson {
  name: string;
  component?: string | false | null;
  actionType: string;
}
interface ResourceJson {
  id: string;
  resourceActions: ActionJson[];
  properties: Record<string, { path: string }>;
}

/** The resources the signed-in employee sees, as AdminJS's page state lists them. */
export async function visibleResources(page: Page): Promise<ResourceJson[]> {
  return page.evaluate(
    () => (globalThis as unknown as { REDUX_STATE: { resources: ResourceJson[] } }).REDUX_STATE.resources,
  );
}

/** Waits until AdminJS has fetched and drawn the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !(globalThis as any).document.querySelector('[data-css="loader"]'), null, {
    timeout: 10_000,
  });
}

/** The pages of one resource: its list (and filters), first record's page and actions, its resource actions. */
export async function pagesOf(page: Page, adminPath: string, resource: ResourceJson): Promise<string[]> {
  const base = `${adminPath}/resources/${resource.id}`;
  const pages = [base];
  for (const action of resource.resourceActions) {
    if (['list', 'search', 'bulkDelete'].includes(action.name) || action.component === false) continue;
    pages.push(`${base}/actions/${action.name}`);
  }
  // Through the context's request client (the browser's cookies), not a fetch inside the page: a page still
  // navigating (an action that redirects once drawn) aborted such a fetch (« Failed to fetch »).
  const res = await page.request.get(
    new URL(`${adminPath}/api/resources/${resource.id}/actions/list`, page.url()).toString(),
  );
  const list = (await res.json()) as { records?: { id: string; recordActions: ActionJson[] }[] };
  const record = list.records?.[0];
  if (record) {
    pages.push(`${base}/records/${record.id}/show`);
    for (const action of record.recordActions) {
      if (['show', 'delete'].includes(action.name) || action.component === false) continue;
      pages.push(`${base}/records/${record.id}/${action.name}`);
    }
  }
  return pages;
}
