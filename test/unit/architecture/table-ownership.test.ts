// ARCHITECTURE.md rule 10: each table has one owning module, the only one whose code writes it. This reads every
// source file under src/ (and admin/, which acts through the services) for SQL that writes a table (INSERT INTO,
// UPDATE, DELETE FROM, TRUNCATE, INSERT … ON CONFLICT DO UPDATE) and fails on a write from outside the owner.
// A new table must be given an owner here, or the test fails too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { fromRoot } from '../../../src/shared/paths.js';

/** Table → the module (folder under src/modules) that owns it. */
export const TABLE_OWNERS: Record<string, string> = {
  pizzerias: 'pizzerias',
  products: 'catalog',
  product_sizes: 'catalog',
  recipe_lines: 'catalog',
  extras: 'catalog',
  ingredients: 'catalog',
  stock_items: 'stock',
  stock_movements: 'stock',
  customers: 'customers',
  addresses: 'customers',
  employees: 'staff',
  auth_tokens: 'auth',
  password_reset_tokens: 'auth',
  // Login and registration counters: src/shared/rate-limit.ts, used by auth and the back office's login.
  rate_limits: 'src/shared',
  orders: 'orders',
  order_lines: 'orders',
  order_status_events: 'orders',
  order_counters: 'orders',
  payments: 'payments',
  refunds: 'payments',
  payment_corrections: 'payments',
  processed_webhook_events: 'payments',
  suppliers: 'purchasing',
  supplier_items: 'purchasing',
  purchase_orders: 'purchasing',
  purchase_order_counters: 'purchasing',
  purchase_order_lines: 'purchasing',
  purchase_receipts: 'purchasing',
  purchase_receipt_lines: 'purchasing',
  geocode_cache: 'delivery',
  served_area_places: 'delivery',
  sales_journal: 'journal',
  journal_heads: 'journal',
  journal_closures: 'journal',
  journal_keys: 'journal',
  // Written by connect-pg-simple for the back office's sessions (admin/auth.ts), nowhere else.
  admin_sessions: 'admin',
  // The retention job's record of its daily runs (src/modules/privacy/retention.ts).
  retention_runs: 'privacy',
};

/** Where code outside src/modules may write, and what: the back office's own session table only. */
const OUTSIDE_MODULES: Record<string, string> = { admin: 'admin' };

const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([a-z_]+)"?/gi;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|js)$/.test(name) ? [full] : [];
  });
}

function ownerOfFile(file: string): string {
  const rel = path.relative(fromRoot('.'), file).split(path.sep);
  if (rel[0] === 'src' && rel[1] === 'modules') return rel[2];
  if (rel[0] === 'admin') return OUTSIDE_MODULES.admin;
  return rel.slice(0, 2).join('/');
}

export function tableWrites(): { file: string; owner: string; table: string }[] {
  const out: { file: string; owner: string; table: string }[] = [];
  for (const root of ['src', 'admin']) {
    for (const file of files(fromRoot(root))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(WRITE)) {
        const table = m[1].toLowerCase();
        if (!(table in TABLE_OWNERS)) continue; // an English word after "update", a CTE name…
        out.push({ file: path.relative(fromRoot('.'), file), owner: ownerOfFile(file), table });
      }
    }
  }
  return out;
}

describe('table ownership (each table written by its module only)', () => {
  it('when the migrations create a table, then it has an owner', () => {
    const created = new Set<string>();
    for (const file of files(fromRoot('migrations'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)"?/g))
        created.add(m[1]);
    }
    expect([...created].filter((t) => !(t in TABLE_OWNERS))).to.deep.equal([]);
  });

  it('when source code writes a table, then the file belongs to the owning module', () => {
    const writes = tableWrites();
    expect(writes.length, 'the scan finds the writes').to.be.greaterThan(20);
    const foreign = writes
      .filter((w) => w.owner !== TABLE_OWNERS[w.table])
      .map((w) => `${w.file} writes ${w.table} (owner: ${TABLE_OWNERS[w.table]})`);
    expect(foreign).to.deep.equal([]);
  });
});
