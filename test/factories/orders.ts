// Orders written straight into the table, for tests that need an order without going through placement
// (no lines, no stock): tracking streams only read the order row itself.
import { QueryTypes, type Sequelize } from 'sequelize';

let seq = 0;

export interface OrderInput {
  pizzeriaId: number;
  customerId?: number | null;
  number?: string;
  status?: string;
  fulfilment?: 'delivery' | 'takeaway';
  estimatedReadyAt?: Date | null;
  estimatedDeliveryAt?: Date | null;
  subtotalCents?: number;
}

export interface InsertedOrder {
  id: string;
  number: string;
  pizzeriaId: number;
  customerId: number | null;
  status: string;
  fulfilment: 'delivery' | 'takeaway';
}

export async function insertOrder(db: Sequelize, input: OrderInput): Promise<InsertedOrder> {
  const number = input.number ?? `T${String(++seq).padStart(6, '0')}`;
  const fulfilment = input.fulfilment ?? 'delivery';
  const delivery = fulfilment === 'delivery';
  const subtotal = input.subtotalCents ?? 2580;
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO orders (number, pizzeria_id, customer_id, customer_name, channel, fulfilment, status,
       delivery_line1, delivery_postcode, delivery_city, estimated_ready_at, estimated_delivery_at,
       subtotal_cents, delivery_fee_cents, total_cents, payment_method)
     VALUES ($1, $2, $3, 'Camille Martin', 'web', $4, $5, $6, $7, $8, $9, $10, $11, 0, $11, 'cash')
     RETURNING id`,
    {
      type: QueryTypes.SELECT,
      bind: [
        number,
        input.pizzeriaId,
        input.customerId ?? null,
        fulfilment,
        input.status ?? 'received',
        delivery ? '12 rue Oberkampf' : null,
        delivery ? '75011' : null,
        delivery ? 'Paris' : null,
        input.estimatedReadyAt ?? null,
        input.estimatedDeliveryAt ?? null,
        subtotal,
      ],
    },
  );
  return {
    id: row.id,
    number,
    pizzeriaId: input.pizzeriaId,
    customerId: input.customerId ?? null,
    status: input.status ?? 'received',
    fulfilment,
  };
}
