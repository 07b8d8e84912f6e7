// Stock rows with a threshold, reads of the counters and the ledger, and staff sessions for the stock tests.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Role } from '../../src/shared/permissions.js';
import type { client } from '../helpers/api.js';
import { stock } from './catalog.js';
import { createEmployee } from './people.js';

export interface StockItemInput {
  onHand?: number;
  reserved?: number;
  alertThreshold?: number;
}

/** A stock item with its ledger (receipt, then reservation) and an alert threshold. */
export async function stockItem(
  db: Sequelize,
  pizzeriaId: number,
  ingredientId: number,
  { onHand = 0, reserved = 0, alertThreshold = 0 }: StockItemInput = {},
): Promise<number> {
  const id = await stock(db, pizzeriaId, ingredientId, onHand, reserved);
  // The threshold is no ledger counter: setting it directly keeps the ledger true.
  await db.query(`UPDATE stock_items SET alert_threshold = $2 WHERE id = $1`, { bind: [id, alertThreshold] });
  return id;
}

export interface StockCounters {
  id: number;
  onHand: number;
  reserved: number;
}

export async function stockRow(
  db: Sequelize,
  pizzeriaId: number,
  ingredientId: number,
): Promise<StockCounters | undefined> {
  const [row] = await db.query<StockCounters>(
    `SELECT id, on_hand AS "onHand", reserved FROM stock_items WHERE pizzeria_id = $1 AND ingredient_id = $2`,
    { type: QueryTypes.SELECT, bind: [pizzeriaId, ingredientId] },
  );
  return row;
}

export interface MovementRow {
  kind: string;
  quantity: number;
  employeeId: number | null;
  note: string | null;
}

/** The ledger of one shop × ingredient, oldest first. */
export async function movementsOf(
  db: Sequelize,
  pizzeriaId: number,
  ingredientId: number,
): Promise<MovementRow[]> {
  return db.query<MovementRow>(
    `SELECT m.kind, m.quantity, m.employee_id AS "employeeId", m.note
       FROM stock_movements m JOIN stock_items s ON s.id = m.stock_item_id
      WHERE s.pizzeria_id = $1 AND s.ingredient_id = $2
      ORDER BY m.id`,
    { type: QueryTypes.SELECT, bind: [pizzeriaId, ingredientId] },
  );
}

export async function movementCount(db: Sequelize): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stock_movements`, {
    type: QueryTypes.SELECT,
  });
  return row.n;
}

/** Creates an employee and logs them in through the API, as the staff screens do. */
export async function staffSession(
  api: ReturnType<typeof client>,
  db: Sequelize,
  role: Role,
  pizzeriaId: number | null = null,
): Promise<{ id: number; token: string }> {
  const employee = await createEmployee(db, { role, pizzeriaId });
  const login = await api.post('/api/staff/login', {
    body: { email: employee.email, password: employee.password },
  });
  if (login.status !== 200) throw new Error(`staff login failed: ${login.status}`);
  return { id: employee.id, token: login.body.token };
}
