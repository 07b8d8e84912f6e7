// Demo pictures: a small illustration drawn for every demo product (a pizza disc with its sauce and the colours
// of its toppings, a can or a bottle, a dessert pot, a side dish), as SVG, rendered by sharp and stored through
// the catalog's own picture code (WebP 160/320/640, content-hashed, under MEDIA_DIR), then set on the products
// that have no picture yet. Drawn at seed time, so a fresh clone's `npm start` shows them; deterministic (the
// same SVG, hence the same file names, on every machine).
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Database } from '../src/db/executor.js';
import { storePicture } from '../src/modules/catalog/index.js';
import { DEMO_PRODUCTS, type DemoProduct } from './demo-data.js';

/** A colour per topping ingredient (what shows on the disc); sauces, dough and herbs in powder are not drawn. */
const TOPPING_COLOURS: Record<string, string> = {
  'Jambon blanc': '#f2a7a0',
  'Champignons de Paris': '#c9b79c',
  Chorizo: '#b8312f',
  Poivrons: '#3f9c35',
  'Olives noires': '#2b2b2b',
  Merguez: '#8e3b22',
  'Oignons rouges': '#9b4f96',
  Œuf: '#f7d046',
  'Pommes de terre': '#e8c77a',
  'Lardons fumés': '#d98c7a',
  Reblochon: '#f6e7b5',
  'Fromage de chèvre': '#fbfbf5',
  Gorgonzola: '#dfe3c8',
  'Emmental râpé': '#f3dc8c',
  Miel: '#e0a526',
  Roquette: '#4f8a2b',
  'Basilic frais': '#2f7d32',
  Anchois: '#7b5b4b',
  Câpres: '#6b7f2a',
  Thon: '#c8a08a',
  'Saumon fumé': '#f08a5d',
  'Poulet rôti': '#d9a46b',
  'Viande hachée de bœuf': '#6e3b2a',
  Ananas: '#f5d547',
  Artichauts: '#9bb06b',
  'Tomates cerises': '#e0392b',
  'Jambon cru': '#c4555a',
  Parmesan: '#f5e6a8',
};

const DRINK_COLOURS: Record<string, [string, string]> = {
  'Coca-Cola': ['#d7261e', '#ffffff'],
  'Coca-Cola zéro': ['#1b1b1b', '#d7261e'],
  Orangina: ['#f28c1b', '#1f4ea3'],
  'Eau minérale': ['#8cc8ec', '#ffffff'],
  'Peroni Nastro Azzurro': ['#1d3f8f', '#f4f1e6'],
  'Birra Moretti': ['#2e6b3a', '#e9d8a6'],
};

const DESSERT_COLOURS: Record<string, [string, string]> = {
  Tiramisu: ['#e9dcc4', '#6b3e26'],
  'Mousse au chocolat': ['#5a3421', '#3b2116'],
  'Panna cotta aux fruits rouges': ['#f7f1e3', '#b3203a'],
};

/** A small deterministic generator, seeded by the product's name: the same picture on every run. */
function random(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

const frame = (background: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="640" viewBox="0 0 100 100">` +
  `<rect width="100" height="100" fill="${background}"/>${body}</svg>`;

function pizzaSvg(p: DemoProduct): string {
  const rand = random(p.name);
  const sauce = p.recipe.some((l) => l.ingredient === 'Crème fraîche')
    ? '#f4ead2'
    : p.recipe.some((l) => l.ingredient === 'Sauce barbecue')
      ? '#7a3218'
      : '#c8372d';
  const toppings = p.recipe.map((l) => TOPPING_COLOURS[l.ingredient]).filter(Boolean);
  let body = `<circle cx="50" cy="52" r="44" fill="#d8d2c8"/><circle cx="50" cy="50" r="42" fill="#e2a457"/>`;
  body += `<circle cx="50" cy="50" r="36" fill="${sauce}"/>`;
  for (let i = 0; i < 9; i++) {
    const a = rand() * Math.PI * 2;
    const d = rand() * 26;
    body += `<circle cx="${(50 + Math.cos(a) * d).toFixed(1)}" cy="${(50 + Math.sin(a) * d).toFixed(1)}" r="${(5 + rand() * 4).toFixed(1)}" fill="#f7edc9" opacity=".9"/>`;
  }
  for (const colour of toppings) {
    for (let i = 0; i < 8; i++) {
      const a = rand() * Math.PI * 2;
      const d = 4 + rand() * 28;
      body += `<circle cx="${(50 + Math.cos(a) * d).toFixed(1)}" cy="${(50 + Math.sin(a) * d).toFixed(1)}" r="${(2.5 + rand() * 2.5).toFixed(1)}" fill="${colour}"/>`;
    }
  }
  return frame('#fbf3e4', body);
}

function drinkSvg(p: DemoProduct): string {
  const [colour, band] = DRINK_COLOURS[p.name] ?? ['#888888', '#ffffff'];
  const bottle = /bouteille|bière/i.test(p.description);
  const body = bottle
    ? `<path d="M44 10h12v16c6 4 9 9 9 16v46a4 4 0 0 1-4 4H39a4 4 0 0 1-4-4V42c0-7 3-12 9-16z" fill="${colour}"/>` +
      `<rect x="35" y="52" width="30" height="18" fill="${band}"/><rect x="43" y="6" width="14" height="6" rx="1" fill="#c9a227"/>`
    : `<rect x="30" y="16" width="40" height="72" rx="6" fill="${colour}"/>` +
      `<rect x="30" y="44" width="40" height="16" fill="${band}"/><rect x="33" y="12" width="34" height="6" rx="2" fill="#b9bcc0"/>`;
  return frame('#eef4f8', body);
}

function dessertSvg(p: DemoProduct): string {
  const [cream, top] = DESSERT_COLOURS[p.name] ?? ['#f1e4cc', '#8a5a3b'];
  const body =
    `<path d="M24 40h52l-6 46H30z" fill="#ffffff" stroke="#d5d0c8" stroke-width="1.5"/>` +
    `<path d="M27 48h46l-4 36H31z" fill="${cream}"/>` +
    `<ellipse cx="50" cy="42" rx="26" ry="7" fill="${top}"/>` +
    `<circle cx="60" cy="36" r="4" fill="#c0392b"/><path d="M60 32q3-6 7-6" stroke="#3f7d2b" stroke-width="1.5" fill="none"/>`;
  return frame('#f8efe9', body);
}

function sideSvg(p: DemoProduct): string {
  const salad = /salade/i.test(p.name);
  const rand = random(p.name);
  let body = `<ellipse cx="50" cy="62" rx="40" ry="20" fill="#ffffff" stroke="#d5d0c8" stroke-width="1.5"/>`;
  for (let i = 0; i < 7; i++) {
    const x = 22 + i * 9 + rand() * 3;
    body += salad
      ? `<ellipse cx="${x.toFixed(1)}" cy="${(52 + rand() * 8).toFixed(1)}" rx="9" ry="6" fill="${i % 2 ? '#6fae3c' : '#3f8a2b'}"/>`
      : `<rect x="${(x - 5).toFixed(1)}" y="${(46 + rand() * 8).toFixed(1)}" width="11" height="14" rx="3" fill="#e3b062" stroke="#b57a32" stroke-width="1"/>` +
        `<circle cx="${x.toFixed(1)}" cy="${(50 + rand() * 8).toFixed(1)}" r="1.2" fill="#3f8a2b"/>`;
  }
  return frame('#f3f6ec', body);
}

export function illustrationSvg(p: DemoProduct): string {
  switch (p.category) {
    case 'pizza':
      return pizzaSvg(p);
    case 'drink':
      return drinkSvg(p);
    case 'dessert':
      return dessertSvg(p);
    default:
      return sideSvg(p);
  }
}

/**
 * Draws and stores the picture of every demo product that has none (or whose files are missing from this
 * machine's MEDIA_DIR), and sets it on the products still without one. Returns how many products were updated.
 */
export async function seedPictures(db: Database, mediaDir: string): Promise<number> {
  const rows = await db.read((ex) =>
    ex.many<{ name: string; imageKey: string | null }>(
      'SELECT lower(name) AS name, image_key AS "imageKey" FROM products WHERE lower(name) = ANY($1::text[])',
      [DEMO_PRODUCTS.map((p) => p.name.toLowerCase())],
    ),
  );
  const current = new Map(rows.map((r) => [r.name, r.imageKey]));
  const missing = (key: string | null | undefined) =>
    !key || !existsSync(path.join(mediaDir, `${key}-320.webp`));
  let updated = 0;
  for (const product of DEMO_PRODUCTS) {
    const name = product.name.toLowerCase();
    if (!current.has(name) || !missing(current.get(name))) continue;
    const png = await sharp(Buffer.from(illustrationSvg(product)))
      .png({ compressionLevel: 1 })
      .toBuffer();
    const key = await storePicture(mediaDir, png);
    updated += await db.transaction((tx) =>
      tx.exec(
        'UPDATE products SET image_key = $1, updated_at = now() WHERE lower(name) = $2 AND image_key IS NULL',
        [key, name],
      ),
    );
  }
  return updated;
}
