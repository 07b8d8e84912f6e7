// The low-stock digest: once a day, at LOW_STOCK_DIGEST_HOUR in each shop's own time zone, every active manager
// of an active shop gets one e-mail listing the shop's ingredients below their alert threshold (the stock
// module's rule and reading); nothing when nothing is low. Every app process (API role) checks each minute:
// the message's key (shop, local date, manager) is unique in the outbox, so however many processes find the
// same shop due, one message is written. A process started late in the hour still sends that day's digest.
import type { Logger } from 'pino';
import type { Database, Executor, Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { formatQuantity, type BaseUnit } from '../../shared/quantity.js';
import type { MessageRenderer, NewMessage } from './index.js';
import { startPeriodic } from '../../shared/periodic.js';

export const LOW_STOCK_KIND = 'staff.low_stock';
const CHECK_EVERY_MS = 60_000;

/** What the digest needs of the stock module: its low lines of one shop (available below the threshold). */
export interface LowStockSource {
  low(pizzeriaId: number): Promise<
    {
      name: string;
      unit: BaseUnit;
      onHand: number;
      reserved: number;
      available: number;
      alertThreshold: number;
    }[]
  >;
}

export interface LowStockDigestDeps {
  db: Database;
  clock: Clock;
  /** Local hour of the digest (settings.mail.lowStockDigestHour). */
  hour: number;
  stock: LowStockSource;
  notifications: {
    enqueue(tx: Tx, message: NewMessage): Promise<boolean>;
    registerRenderer(kind: string, renderer: MessageRenderer): void;
  };
}

interface DueManager {
  pizzeriaId: number;
  shopName: string;
  localDate: string;
  employeeId: number;
  email: string;
  name: string;
  firstName: string;
}

export interface LowStockLine {
  name: string;
  unit: BaseUnit;
  onHand: number;
  reserved: number;
  available: number;
  threshold: number;
}

interface DigestPayload {
  shopName: string;
  localDate: string;
  hour: number;
  firstName: string;
  lines: LowStockLine[];
}

export const digestKey = (pizzeriaId: number, localDate: string, employeeId: number) =>
  `low-stock:${pizzeriaId}:${localDate}:${employeeId}`;

/** The managers of the shops where it is the digest's hour now, who have not had today's digest yet. */
function dueManagers(ex: Executor, now: Date, hour: number): Promise<DueManager[]> {
  return ex.many<DueManager>(
    `SELECT p.id AS "pizzeriaId", p.name AS "shopName", d.local_date AS "localDate", e.id AS "employeeId",
            e.email, e.first_name || ' ' || e.last_name AS name, e.first_name AS "firstName"
       FROM pizzerias p
       CROSS JOIN LATERAL (SELECT $1::timestamptz AT TIME ZONE p.timezone AS local_time) t
       CROSS JOIN LATERAL (SELECT to_char(t.local_time, 'YYYY-MM-DD') AS local_date) d
       JOIN employees e ON e.pizzeria_id = p.id AND e.role = 'manager' AND e.active
      WHERE p.active AND extract(hour FROM t.local_time) = $2
        AND NOT EXISTS (SELECT 1 FROM outbox o
                         WHERE o.key = 'low-stock:' || p.id || ':' || d.local_date || ':' || e.id)
      ORDER BY p.id, e.id`,
    [now.toISOString(), hour],
  );
}

/** « lundi 7 décembre 2026 » of a local date (YYYY-MM-DD). */
function frenchDate(localDate: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${localDate}T12:00:00Z`));
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The digest, from what was low at the digest's hour (kept in the message: the e-mail says « ce matin »). */
export const lowStockDigestDocument: MessageRenderer = async (m) => {
  const p = m.payload as unknown as DigestPayload;
  const count = plural(p.lines.length, 'ingrédient', 'ingrédients');
  return {
    subject: `Stock bas — ${p.shopName} : ${count} sous le seuil d’alerte`,
    preheader: p.lines.map((l) => l.name).join(', '),
    blocks: [
      { p: `Bonjour ${p.firstName},` },
      {
        p:
          `Le ${frenchDate(p.localDate)} à ${p.hour} h, ${count} de la pizzeria ${p.shopName} ` +
          `${p.lines.length > 1 ? 'sont' : 'est'} sous le seuil d’alerte (quantité disponible, hors réservations ` +
          `des commandes en cours) :`,
      },
      {
        table: p.lines.map((l) => ({
          label: l.name,
          value: `${formatQuantity(l.available, l.unit)} disponible${l.available > 1 ? 's' : ''}`,
          detail:
            `Seuil ${formatQuantity(l.threshold, l.unit)} · en stock ${formatQuantity(l.onHand, l.unit)}` +
            (l.reserved > 0 ? ` dont ${formatQuantity(l.reserved, l.unit)} réservés` : ''),
        })),
      },
      {
        p:
          'Pensez à commander auprès de vos fournisseurs, puis à enregistrer la livraison dans le back-office ' +
          '(Stock › Stocks › Réception).',
      },
      {
        small: [
          `Récapitulatif envoyé chaque jour à ${p.hour} h aux responsables de la pizzeria, seulement quand un ` +
            'ingrédient est sous son seuil.',
        ],
      },
    ],
  };
};

export function createLowStockDigest(deps: LowStockDigestDeps) {
  const { db, clock, hour, stock, notifications } = deps;
  notifications.registerRenderer(LOW_STOCK_KIND, lowStockDigestDocument);

  /** Writes the digests due at `now`; the number written (0 when another process wrote them first). */
  async function enqueueLowStockDigests(now: Date): Promise<number> {
    const due = await db.read((ex) => dueManagers(ex, now, hour));
    const byShop = new Map<number, DueManager[]>();
    for (const d of due) byShop.set(d.pizzeriaId, [...(byShop.get(d.pizzeriaId) ?? []), d]);
    let written = 0;
    for (const [pizzeriaId, managers] of byShop) {
      const lines: LowStockLine[] = (await stock.low(pizzeriaId)).map((l) => ({
        name: l.name,
        unit: l.unit,
        onHand: l.onHand,
        reserved: l.reserved,
        available: l.available,
        threshold: l.alertThreshold,
      }));
      if (lines.length === 0) continue;
      written += await db.transaction(async (tx) => {
        let n = 0;
        for (const m of managers) {
          const payload: DigestPayload = {
            shopName: m.shopName,
            localDate: m.localDate,
            hour,
            firstName: m.firstName,
            lines,
          };
          const inserted = await notifications.enqueue(tx, {
            key: digestKey(pizzeriaId, m.localDate, m.employeeId),
            kind: LOW_STOCK_KIND,
            to: m.email,
            toName: m.name,
            employeeId: m.employeeId,
            pizzeriaId,
            payload: payload as unknown as Record<string, unknown>,
          });
          if (inserted) n += 1;
        }
        return n;
      });
    }
    return written;
  }

  /** Checks now and then every minute (the API role's processes); returns the stop. */
  function start(logger: Logger, everyMs = CHECK_EVERY_MS): () => void {
    return startPeriodic(
      async () => {
        const n = await enqueueLowStockDigests(clock.now());
        if (n > 0) logger.info({ digests: n }, 'low-stock digests queued');
      },
      {
        everyMs,
        firstMs: 0,
        onError: (error) =>
          logger.error({ errName: error.name, errMessage: error.message }, 'low-stock digest check failed'),
      },
    );
  }

  return { enqueueLowStockDigests, start };
}

export type LowStockDigest = ReturnType<typeof createLowStockDigest>;
