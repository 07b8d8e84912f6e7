// Builds the live event published when an order is created or changes.
import type { OrderEvent } from '../../realtime/events.js';

interface OrderLike {
  id: string;
  number: string;
  pizzeriaId: number;
  customerId: number | null;
  status: string;
  fulfilment: 'delivery' | 'takeaway';
  estimatedReadyAt: Date | string | null;
  estimatedDeliveryAt: Date | string | null;
  scheduledFor: Date | string | null;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function orderEvent(type: OrderEvent['type'], o: OrderLike): OrderEvent {
  return {
    type,
    orderId: o.id,
    number: o.number,
    pizzeriaId: o.pizzeriaId,
    customerId: o.customerId,
    status: o.status,
    fulfilment: o.fulfilment,
    estimatedReadyAt: iso(o.estimatedReadyAt),
    estimatedDeliveryAt: iso(o.estimatedDeliveryAt),
    scheduledFor: iso(o.scheduledFor),
    at: new Date().toISOString(),
  };
}
