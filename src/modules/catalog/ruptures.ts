// « Ruptures »: a shop takes a size or an extra of its menu off for a while, with a reason and optionally an end.
// A rupture ends by itself when the clock passes `until` (the menu, quote and placement compare at read time:
// no job), or by hand (`ended_at`). A new rupture of the same item ends the open one (trigger of migration
// 20261204000017, in the same statement), so the menu only ever reads one open rupture per item.
import { isUniqueViolation, type Database, type Executor, type Tx } from '../../db/executor.js';
import type { EventBus } from '../../realtime/events.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';

/**
 * THE rule of a rupture in force, as SQL on the `menu_ruptures` row aliased `r`, at the instant given by the SQL
 * expression `now` (a statement's parameter): open, and without an end or with its end still ahead. The menu, the
 * order catalogue and this module's statements all use it.
 */
export const ruptureInForce = (r: string, now: string) =>
  `${r}.ended_at IS NULL AND (${r}.until IS NULL OR ${r}.until > ${now})`;

export interface RuptureInput {
  sizeId?: number;
  extraId?: number;
  reason: string;
  /** When it ends by itself; absent: until someone ends it. */
  until?: Date | null;
}

export interface Rupture {
  id: number;
  pizzeriaId: number;
  sizeId: number | null;
  extraId: number | null;
  /** « Reine — Junior 26 cm » or the extra's name. */
  label: string;
  reason: string;
  until: string | null;
  startedAt: string;
}

const COLUMNS = `r.id, r.pizzeria_id AS "pizzeriaId", r.size_id AS "sizeId", r.extra_id AS "extraId",
  COALESCE(p.name || ' — ' || ps.label, e.name) AS label, r.reason, r.until, r.started_at AS "startedAt"`;
const FROM = `menu_ruptures r
  LEFT JOIN product_sizes ps ON ps.id = r.size_id LEFT JOIN products p ON p.id = ps.product_id
  LEFT JOIN extras e ON e.id = r.extra_id`;

/** The shop's ruptures holding at `now`, newest first. */
export function listRuptures(ex: Executor, pizzeriaId: number, now: Date): Promise<Rupture[]> {
  return ex.many<Rupture>(
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE r.pizzeria_id = $1 AND ${ruptureInForce('r', '$2')}
     ORDER BY r.started_at DESC, r.id DESC`,
    [pizzeriaId, now],
  );
}

/** Whether the item is on this shop's menu at all (a group item, or a speciality of this shop). */
async function assertOnMenu(ex: Executor, pizzeriaId: number, input: RuptureInput): Promise<void> {
  const found = input.sizeId
    ? await ex.one(
        `SELECT 1 FROM product_sizes ps JOIN products p ON p.id = ps.product_id
         WHERE ps.id = $1 AND (p.pizzeria_id IS NULL OR p.pizzeria_id = $2)`,
        [input.sizeId, pizzeriaId],
      )
    : await ex.one(`SELECT 1 FROM extras WHERE id = $1`, [input.extraId]);
  if (!found)
    throw new NotFoundError('Cet article n’est pas à la carte de cette pizzeria.', 'menu_item_not_found');
}

/** Tells every process's streams, once committed, that this shop's menu changed. */
export const menuChanged = (bus: EventBus, tx: Tx, pizzeriaId: number, now: Date) =>
  bus.publish(tx, { type: 'menu.changed', pizzeriaId, at: now.toISOString() });

export async function startRupture(
  db: Database,
  bus: EventBus,
  pizzeriaId: number,
  input: RuptureInput,
  employeeId: number | null,
  now: Date,
): Promise<Rupture> {
  if (input.until && input.until.getTime() <= now.getTime()) {
    throw new ValidationError(
      'La fin de la rupture doit être dans le futur.',
      { field: 'until' },
      'rupture_until_past',
    );
  }
  try {
    return await db.transaction(async (tx) => {
      await assertOnMenu(tx, pizzeriaId, input);
      const { id } = (await tx.one<{ id: number }>(
        `INSERT INTO menu_ruptures (pizzeria_id, size_id, extra_id, reason, until, started_at, employee_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          pizzeriaId,
          input.sizeId ?? null,
          input.extraId ?? null,
          input.reason,
          input.until ?? null,
          now,
          employeeId,
        ],
      ))!;
      await menuChanged(bus, tx, pizzeriaId, now);
      return (await tx.one<Rupture>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`, [id]))!;
    });
  } catch (error) {
    // Two ruptures of one item at the same instant: the open-rupture unique index keeps one.
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        'rupture_in_progress',
        'Cet article vient d’être mis en rupture par quelqu’un d’autre.',
      );
    }
    throw error;
  }
}

/** Puts the item back on the menu now. */
export async function endRupture(
  db: Database,
  bus: EventBus,
  pizzeriaId: number,
  ruptureId: number,
  now: Date,
): Promise<void> {
  const n = await db.transaction(async (tx) => {
    const ended = await tx.exec(
      `UPDATE menu_ruptures SET ended_at = $3, updated_at = now()
       WHERE id = $1 AND pizzeria_id = $2 AND ${ruptureInForce('menu_ruptures', '$3')}`,
      [ruptureId, pizzeriaId, now],
    );
    if (ended > 0) await menuChanged(bus, tx, pizzeriaId, now);
    return ended;
  });
  if (n === 0)
    throw new NotFoundError('Cette rupture est introuvable ou déjà terminée.', 'rupture_not_found');
}
