// SQL for the live tracking streams. Returns plain objects.
import type { Executor } from '../../db/executor.js';

export interface TrackedOrderRow {
  id: string;
  number: string;
  customerId: number | null;
  pizzeriaId: number;
  status: string;
  fulfilment: 'delivery' | 'takeaway';
  estimatedReadyAt: Date | null;
  estimatedDeliveryAt: Date | null;
  scheduledFor: Date | null;
  updatedAt: Date;
}

export async function findTrackedOrder(ex: Executor, orderId: string): Promise<TrackedOrderRow | undefined> {
  return ex.one<TrackedOrderRow>(
    `SELECT id, number, customer_id AS "customerId", pizzeria_id AS "pizzeriaId", status, fulfilment,
            estimated_ready_at AS "estimatedReadyAt", estimated_delivery_at AS "estimatedDeliveryAt",
            scheduled_for AS "scheduledFor", updated_at AS "updatedAt"
       FROM orders WHERE id = $1`,
    [orderId],
  );
}

export async function pizzeriaExists(ex: Executor, pizzeriaId: number): Promise<boolean> {
  return (await ex.one(`SELECT 1 FROM pizzerias WHERE id = $1`, [pizzeriaId])) !== undefined;
}
