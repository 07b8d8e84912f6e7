// Purchasing demo (issue 20), after the orders: the suppliers and what they sell are reference data, inserted with
// SQL by natural key (supplier: name and shop; item: supplier and ingredient) so that a second run inserts nothing
// and advances no sequence. The past purchase orders are business events: each goes through the purchasing
// service as P01's manager would take it (draft, sent — its e-mail to the supplier goes to the outbox —, received
// in full into the stock ledger) on a clock set to its days; one already seeded (same shop and note) is left alone.
import type { Logger } from 'pino';
import { getSettings, type Settings } from '../src/config/index.js';
import type { Database, Tx } from '../src/db/executor.js';
import type { EmployeePrincipal } from '../src/modules/auth/index.js';
import { LocalEventBus, type EventBus } from '../src/realtime/events.js';
import { fixedClock } from '../src/shared/clock.js';
import { createLogger } from '../src/shared/logger.js';
import { createServices } from '../src/wiring.js';
import { createDemoGateway } from './demo-gateway.js';
import { DEMO_PURCHASE_ORDERS, DEMO_SUPPLIERS } from './demo-purchasing.js';

const DAY_MS = 86_400_000;

export interface PurchasingSeedOptions {
  now: Date;
  settings?: Settings;
  logger?: Logger;
  bus?: EventBus;
}

type Report = (table: string, inserted: number) => void;

/** Names that the demo data refers to and the database lacks: a mistake in demo-purchasing.ts. */
function missing(kind: string, names: string[], found: Map<string, number>) {
  const unknown = names.filter((n) => !found.has(n.toLowerCase()));
  if (unknown.length) throw new Error(`Demo purchasing refers to unknown ${kind}: ${unknown.join(', ')}`);
}

async function seedSuppliers(tx: Tx, report: Report): Promise<void> {
  const shops = new Map(
    (await tx.many<{ code: string; id: number }>(`SELECT code, id FROM pizzerias`)).map((r) => [
      r.code,
      r.id,
    ]),
  );
  const suppliers = DEMO_SUPPLIERS.map((s) => ({
    name: s.name,
    pizzeria_id: s.pizzeria === null ? null : shops.get(s.pizzeria),
    contact_name: s.contactName,
    email: s.email,
    phone: s.phone,
    delivery_days: s.deliveryDays,
    lead_time_days: s.leadTimeDays,
    minimum_order_cents: s.minimumOrderCents,
  }));
  report(
    'suppliers',
    await tx.exec(
      `INSERT INTO suppliers (name, pizzeria_id, contact_name, email, phone, delivery_days, lead_time_days,
                              minimum_order_cents)
       SELECT x.name, x.pizzeria_id, x.contact_name, x.email, x.phone, x.delivery_days, x.lead_time_days,
              x.minimum_order_cents
         FROM jsonb_to_recordset($1::jsonb) AS x(name text, pizzeria_id int, contact_name text, email text,
              phone text, delivery_days varchar(3)[], lead_time_days int, minimum_order_cents int)
        WHERE NOT EXISTS (SELECT 1 FROM suppliers t
                           WHERE t.name = x.name AND t.pizzeria_id IS NOT DISTINCT FROM x.pizzeria_id)`,
      [JSON.stringify(suppliers)],
    ),
  );
  const ingredients = new Map(
    (await tx.many<{ key: string; id: number }>(`SELECT lower(name) AS key, id FROM ingredients`)).map(
      (r) => [r.key, r.id],
    ),
  );
  missing(
    'ingredients',
    DEMO_SUPPLIERS.flatMap((s) => s.items.map((i) => i.ingredient)),
    ingredients,
  );
  const items = DEMO_SUPPLIERS.flatMap((s) =>
    s.items.map((i) => ({
      supplier: s.name,
      pizzeria_id: s.pizzeria === null ? null : shops.get(s.pizzeria),
      ingredient_id: ingredients.get(i.ingredient.toLowerCase()),
      reference: i.reference,
      pack_label: i.packLabel,
      pack_quantity: i.packQuantity,
      pack_price_cents: i.packPriceCents,
    })),
  );
  report(
    'supplier_items',
    await tx.exec(
      `INSERT INTO supplier_items (supplier_id, ingredient_id, reference, pack_label, pack_quantity, pack_price_cents)
       SELECT s.id, x.ingredient_id, x.reference, x.pack_label, x.pack_quantity, x.pack_price_cents
         FROM jsonb_to_recordset($1::jsonb) AS x(supplier text, pizzeria_id int, ingredient_id int, reference text,
              pack_label text, pack_quantity int, pack_price_cents int)
         JOIN suppliers s ON s.name = x.supplier AND s.pizzeria_id IS NOT DISTINCT FROM x.pizzeria_id
        WHERE NOT EXISTS (SELECT 1 FROM supplier_items t WHERE t.supplier_id = s.id AND t.ingredient_id = x.ingredient_id)`,
      [JSON.stringify(items)],
    ),
  );
}

async function seedPurchaseOrders(db: Database, opts: PurchasingSeedOptions, report: Report): Promise<void> {
  const seeded = await db.read((ex) =>
    ex.many<{ key: string; id: number; status: string }>(
      `SELECT p.code || '|' || po.note AS key, po.id, po.status::text AS status
         FROM purchase_orders po JOIN pizzerias p ON p.id = po.pizzeria_id
        WHERE po.note = ANY($1::text[])`,
      [DEMO_PURCHASE_ORDERS.map((o) => o.note)],
    ),
  );
  // One left as a draft or sent by an interrupted run is taken on from where it stopped.
  const known = new Map(seeded.map((r) => [r.key, r]));
  const fresh = DEMO_PURCHASE_ORDERS.filter(
    (o) => known.get(`${o.pizzeria}|${o.note}`)?.status !== 'received',
  );
  if (fresh.length === 0) return report('purchase_orders', 0);

  const clock = fixedClock(opts.now);
  const services = createServices({
    settings: opts.settings ?? getSettings(),
    logger: opts.logger ?? createLogger('silent'),
    db,
    bus: opts.bus ?? new LocalEventBus(),
    clock,
    gateway: createDemoGateway(),
  });
  const refs = await db.read(async (ex) => ({
    managers: await ex.many<{ code: string; id: number; pizzeriaId: number }>(
      `SELECT DISTINCT ON (p.code) p.code, e.id, p.id AS "pizzeriaId"
         FROM employees e JOIN pizzerias p ON p.id = e.pizzeria_id
        WHERE e.role = 'manager' AND e.active ORDER BY p.code, e.id`,
    ),
    suppliers: await ex.many<{ key: string; id: number }>(
      `SELECT coalesce(p.code, '') || '|' || s.name AS key, s.id
         FROM suppliers s LEFT JOIN pizzerias p ON p.id = s.pizzeria_id`,
    ),
    ingredients: await ex.many<{ key: string; id: number }>(`SELECT lower(name) AS key, id FROM ingredients`),
  }));
  const supplierIds = new Map(refs.suppliers.map((s) => [s.key, s.id]));
  const ingredientIds = new Map(refs.ingredients.map((i) => [i.key, i.id]));
  // Oldest first, as they happened
  for (const o of [...fresh].sort((a, b) => b.sentDaysAgo - a.sentDaysAgo)) {
    const manager = refs.managers.find((m) => m.code === o.pizzeria);
    const own = DEMO_SUPPLIERS.find((s) => s.name === o.supplier)?.pizzeria;
    const supplierId = supplierIds.get(`${own ?? ''}|${o.supplier}`);
    if (!manager || !supplierId)
      throw new Error(`Demo purchase order « ${o.note} »: unknown shop or supplier`);
    const me: EmployeePrincipal = {
      kind: 'employee',
      employeeId: manager.id,
      role: 'manager',
      pizzeriaId: manager.pizzeriaId,
      tokenId: 0,
    };
    const sentAt = opts.now.getTime() - o.sentDaysAgo * DAY_MS;
    clock.set(new Date(sentAt - 5 * 60_000));
    const started = known.get(`${o.pizzeria}|${o.note}`);
    const draft = started
      ? await services.purchasing.get(me, started.id)
      : await services.purchasing.createDraft(me, {
          supplierId,
          note: o.note,
          lines: o.lines.map((l) => {
            const ingredientId = ingredientIds.get(l.ingredient.toLowerCase());
            if (!ingredientId) throw new Error(`Demo purchase order « ${o.note} »: unknown ${l.ingredient}`);
            return { ingredientId, packs: l.packs };
          }),
        });
    clock.set(new Date(sentAt));
    if (draft.status === 'draft') await services.purchasing.send(me, draft.id);
    clock.set(new Date(sentAt + o.receivedAfterDays * DAY_MS - 2 * 3_600_000));
    await services.purchasing.receive(me, draft.id, {
      lines: draft.lines.map((l) => ({
        purchaseOrderLineId: l.id,
        receivedQuantity: l.packs * l.packQuantity,
      })),
      note: 'Livraison conforme.',
    });
  }
  report('purchase_orders', fresh.length);
}

export async function seedPurchasing(
  db: Database,
  opts: PurchasingSeedOptions,
  report: Report,
): Promise<void> {
  await db.transaction((tx) => seedSuppliers(tx, report));
  await seedPurchaseOrders(db, opts, report);
}
