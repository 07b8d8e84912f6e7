// Figures for the back-office dashboard, for one shop or the whole group: revenue today / 7 / 30 days
// (completed orders, VAT included, minus refunds), orders by status today, top products, low stock, and the
// average preparation (preparing → ready) and delivery (out_for_delivery → delivered) times over 30 days.
// Days are Paris days, and "now" is the clock's ($2), so that the figures of a given moment can be asked.
import type { Executor } from '../../db/executor.js';

export interface Dashboard {
  scope: { pizzeriaId: number | null };
  revenueCents: { today: number; days7: number; days30: number };
  ordersToday: { total: number; byStatus: Record<string, number> };
  topProducts: { name: string; quantity: number; revenueCents: number }[];
  lowStock: {
    pizzeriaCode: string;
    ingredient: string;
    unit: string;
    available: number;
    threshold: number;
  }[];
  averageMinutes: { preparation: number | null; delivery: number | null };
  revenueByDay: { day: string; revenueCents: number }[];
}

const SHOP = `($1::int IS NULL OR o.pizzeria_id = $1)`;
const NOW = `$2::timestamptz`;
const PARIS_TODAY = `(${NOW} AT TIME ZONE 'Europe/Paris')::date`;
const PARIS_DAY = `(o.created_at AT TIME ZONE 'Europe/Paris')::date`;

const SQL = `
WITH done AS (
  SELECT o.id, o.total_cents - COALESCE((SELECT SUM(r.amount_cents) FROM refunds r
           WHERE r.order_id = o.id AND r.status = 'succeeded'), 0) AS net, ${PARIS_DAY} AS day
  FROM orders o
  WHERE ${SHOP} AND o.status IN ('delivered', 'collected') AND o.created_at > ${NOW} - interval '31 days'
), steps AS (
  SELECT e.order_id, e.to_status, e.created_at FROM order_status_events e JOIN orders o ON o.id = e.order_id
  WHERE ${SHOP} AND o.created_at > ${NOW} - interval '30 days'
    AND e.to_status IN ('preparing', 'ready', 'out_for_delivery', 'delivered')
)
SELECT
  json_build_object(
    'today', COALESCE((SELECT SUM(net) FROM done WHERE day = ${PARIS_TODAY}), 0),
    'days7', COALESCE((SELECT SUM(net) FROM done WHERE day > ${PARIS_TODAY} - 7), 0),
    'days30', COALESCE((SELECT SUM(net) FROM done WHERE day > ${PARIS_TODAY} - 30), 0)) AS revenue,
  COALESCE((SELECT json_object_agg(status, n) FROM (
    SELECT o.status, count(*)::int AS n FROM orders o WHERE ${SHOP} AND ${PARIS_DAY} = ${PARIS_TODAY}
    GROUP BY o.status) s), '{}'::json) AS by_status,
  COALESCE((SELECT json_agg(t) FROM (
    SELECT l.product_name AS name, SUM(l.quantity)::int AS quantity, SUM(l.line_total_cents)::int AS "revenueCents"
    FROM order_lines l JOIN done d ON d.id = l.order_id WHERE d.day > ${PARIS_TODAY} - 30
    GROUP BY l.product_name ORDER BY SUM(l.quantity) DESC, l.product_name LIMIT 5) t), '[]'::json) AS top,
  COALESCE((SELECT json_agg(s ORDER BY s."pizzeriaCode", s.ingredient) FROM (
    SELECT p.code AS "pizzeriaCode", i.name AS ingredient, i.unit, (si.on_hand - si.reserved) AS available,
           si.alert_threshold AS threshold
    FROM stock_items si JOIN ingredients i ON i.id = si.ingredient_id JOIN pizzerias p ON p.id = si.pizzeria_id
    WHERE ($1::int IS NULL OR si.pizzeria_id = $1) AND si.on_hand - si.reserved < si.alert_threshold) s), '[]'::json) AS low,
  (SELECT ROUND(AVG(EXTRACT(EPOCH FROM (b.created_at - a.created_at)) / 60)::numeric, 1)
     FROM steps a JOIN steps b ON b.order_id = a.order_id AND b.to_status = 'ready' WHERE a.to_status = 'preparing') AS prep,
  (SELECT ROUND(AVG(EXTRACT(EPOCH FROM (b.created_at - a.created_at)) / 60)::numeric, 1)
     FROM steps a JOIN steps b ON b.order_id = a.order_id AND b.to_status = 'delivered'
    WHERE a.to_status = 'out_for_delivery') AS delivery,
  COALESCE((SELECT json_agg(json_build_object('day', to_char(d, 'YYYY-MM-DD'),
      'revenueCents', COALESCE((SELECT SUM(net) FROM done WHERE day = d), 0)) ORDER BY d)
    FROM generate_series(${PARIS_TODAY} - 29, ${PARIS_TODAY}, interval '1 day') AS g(d)), '[]'::json) AS by_day`;

export async function dashboard(ex: Executor, pizzeriaId: number | null, now: Date): Promise<Dashboard> {
  const row = (await ex.one<{
    revenue: { today: number; days7: number; days30: number };
    by_status: Record<string, number>;
    top: Dashboard['topProducts'];
    low: Dashboard['lowStock'];
    prep: string | null;
    delivery: string | null;
    by_day: Dashboard['revenueByDay'];
  }>(SQL, [pizzeriaId, now]))!;
  const num = (v: unknown) => Number(v ?? 0);
  return {
    scope: { pizzeriaId },
    revenueCents: {
      today: num(row.revenue.today),
      days7: num(row.revenue.days7),
      days30: num(row.revenue.days30),
    },
    ordersToday: {
      total: Object.values(row.by_status).reduce((a, b) => a + b, 0),
      byStatus: row.by_status,
    },
    topProducts: row.top,
    lowStock: row.low,
    averageMinutes: {
      preparation: row.prep === null ? null : Number(row.prep),
      delivery: row.delivery === null ? null : Number(row.delivery),
    },
    revenueByDay: row.by_day.map((d) => ({ day: d.day, revenueCents: num(d.revenueCents) })),
  };
}
