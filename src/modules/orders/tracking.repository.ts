// SQL for the live tracking streams. Returns plain objects.
import { QueryTypes, type Sequelize } from 'sequelize';

export interface TrackedOrderRow {
  id: string;
  number: string;
  customerId: number | null;
  pizzeriaId: number;
  status: string;
  fulfilment: 'delivery' | 'takeaway';
  estimatedReadyAt: Date | null;
  estimatedDeliveryAt: Date | null;
  updatedAt: Date;
}

export async function findTrackedOrder(db: Sequelize, orderId: string): Promise<TrackedOrderRow | undefined> {
  const [row] = await db.query<TrackedOrderRow>(
    `SELECT id, number, customer_id AS "customerId", pizzeria_id AS "pizzeriaId", status, fulfilment,
            estimated_ready_at AS "estimatedReadyAt", estimated_delivery_at AS "estimatedDeliveryAt",
            updated_at AS "updatedAt"
       FROM orders WHERE id = $1`,
    { type: QueryTypes.SELECT, bind: [orderId] },
  );
  return row;
}

export async function pizzeriaExists(db: Sequelize, pizzeriaId: number): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM pizzerias WHERE id = $1`, {
    type: QueryTypes.SELECT,
    bind: [pizzeriaId],
  });
  return rows.length > 0;
}
