// The one place that decides which status change is legal. Every transition is recorded in the status history
// with its actor by the services; anything else is refused with 409.
import { ConflictError } from '../../shared/errors.js';

export const ORDER_STATUSES = [
  'pending_payment',
  'received',
  'preparing',
  'ready',
  'out_for_delivery',
  'delivered',
  'collected',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type Fulfilment = 'delivery' | 'takeaway';

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['received', 'cancelled'],
  received: ['preparing', 'cancelled'],
  preparing: ['ready'],
  ready: ['out_for_delivery', 'collected'],
  out_for_delivery: ['delivered'],
  delivered: [],
  collected: [],
  cancelled: [],
};

/** Where an order ends: nothing follows (an order in any other status is still in progress). */
export const FINAL_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (s) => TRANSITIONS[s].length === 0,
);

/** Before preparation starts the customer may still change or cancel the order. */
export const MODIFIABLE: readonly OrderStatus[] = ['pending_payment', 'received'];

export function canTransition(from: OrderStatus, to: OrderStatus, fulfilment: Fulfilment): boolean {
  if (!TRANSITIONS[from].includes(to)) return false;
  if (to === 'out_for_delivery' || to === 'delivered') return fulfilment === 'delivery';
  if (to === 'collected') return fulfilment === 'takeaway';
  return true;
}

const LABELS: Record<OrderStatus, string> = {
  pending_payment: 'en attente de paiement',
  received: 'reçue',
  preparing: 'en préparation',
  ready: 'prête',
  out_for_delivery: 'en livraison',
  delivered: 'livrée',
  collected: 'retirée',
  cancelled: 'annulée',
};

export function assertTransition(from: OrderStatus, to: OrderStatus, fulfilment: Fulfilment): void {
  if (canTransition(from, to, fulfilment)) return;
  if (to === 'cancelled') {
    throw new ConflictError(
      'order_locked',
      `La commande est ${LABELS[from]} : elle ne peut plus être annulée.`,
      {
        status: from,
      },
    );
  }
  throw new ConflictError(
    'invalid_transition',
    `Impossible de passer une commande ${LABELS[from]} à l’état « ${LABELS[to]} ».`,
    { from, to },
  );
}

export function assertModifiable(status: OrderStatus): void {
  if (!MODIFIABLE.includes(status)) {
    throw new ConflictError(
      'order_locked',
      `La commande est ${LABELS[status]} : elle ne peut plus être modifiée ni annulée.`,
      { status },
    );
  }
}
