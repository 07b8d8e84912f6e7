// THE table of the steps staff take on an order (also bundled into the staff screens: keep it free of imports
// other than types): the status each starts from, the status it leads to, the right
// it needs, and what else happens. The lifecycle service, the staff API's routes, the back office's actions and
// the staff screens' labels all read it; no other file restates a step.
// The staff screens bundle this file: the permission type comes from the table's own file (shared/), not from
// the staff module's index (which would pull server code into the browser's type check).
import type { Permission } from '../../shared/permissions.js';
import type { Fulfilment, OrderStatus } from './state-machine.js';

export type StaffStep = 'start' | 'ready' | 'pickup' | 'deliver' | 'collect';

export interface StepRule {
  /** What the back office calls it (French). */
  label: string;
  /** The big button of the staff screens (French). */
  button: string;
  /** The staff API's path segment: POST /api/staff/orders/:orderId/<path>. */
  path: string;
  /** The operationId of that API operation in the OpenAPI document. */
  operationId: string;
  /** Summary of the API operation (French). */
  summary: string;
  from: readonly OrderStatus[];
  to: OrderStatus;
  permission: Permission;
  /** Only orders of this fulfilment take the step. */
  fulfilment?: Fulfilment;
  /** Side effects beside the status change. */
  effects: {
    /** Online payment captured before the step (no lock held). */
    capturesPayment?: boolean;
    /** Reservations become consumption in the stock ledger. */
    consumesStock?: boolean;
    /** The employee becomes the order's pizzaiolo; the ready time is estimated from now. */
    assignsPizzaiolo?: boolean;
    /** The employee becomes the order's driver; the delivery time is estimated from now. */
    assignsDriver?: boolean;
    /** A driver may take it only on a delivery assigned to them (others: 404, as if it did not exist). */
    assignedDriverOnly?: boolean;
    /** Money handed over at the door or the counter is recorded (unless paid online). */
    collectsPayment?: boolean;
  };
}

export const STAFF_STEPS: Readonly<Record<StaffStep, StepRule>> = {
  start: {
    label: 'Commencer la préparation',
    button: 'Commencer',
    path: 'start',
    operationId: 'startPreparation',
    summary: 'Commencer la préparation (le paiement en ligne est encaissé, le stock réservé est consommé)',
    from: ['received'],
    to: 'preparing',
    permission: 'kitchen.prepare',
    effects: { capturesPayment: true, consumesStock: true, assignsPizzaiolo: true },
  },
  ready: {
    label: 'Prête',
    button: 'Prête',
    path: 'ready',
    operationId: 'markOrderReady',
    summary: 'Commande prête',
    from: ['preparing'],
    to: 'ready',
    permission: 'kitchen.prepare',
    effects: {},
  },
  pickup: {
    label: 'Partie en livraison',
    button: 'Je pars',
    path: 'pickup',
    operationId: 'pickUpDelivery',
    summary: 'Le livreur part avec la commande',
    from: ['ready'],
    to: 'out_for_delivery',
    permission: 'deliveries.deliver',
    fulfilment: 'delivery',
    effects: { assignsDriver: true },
  },
  deliver: {
    label: 'Livrée au client',
    button: 'Livrée',
    path: 'deliver',
    operationId: 'deliverOrder',
    summary: 'Commande livrée (avec le paiement encaissé à la porte si elle n’est pas payée en ligne)',
    from: ['out_for_delivery'],
    to: 'delivered',
    permission: 'deliveries.deliver',
    fulfilment: 'delivery',
    effects: { assignedDriverOnly: true, collectsPayment: true },
  },
  collect: {
    label: 'Retirée par le client',
    button: 'Remettre',
    path: 'collect',
    operationId: 'handOverTakeaway',
    summary: 'Commande à emporter remise au client (avec le paiement encaissé au comptoir)',
    from: ['ready'],
    to: 'collected',
    permission: 'orders.collect',
    fulfilment: 'takeaway',
    effects: { collectsPayment: true },
  },
};

export const STAFF_STEP_NAMES = Object.keys(STAFF_STEPS) as StaffStep[];

/** The steps an order in `status` may take now (the screens offer only these). */
export function stepsFrom(status: OrderStatus, fulfilment: Fulfilment): StaffStep[] {
  return STAFF_STEP_NAMES.filter((name) => {
    const rule = STAFF_STEPS[name];
    return rule.from.includes(status) && (!rule.fulfilment || rule.fulfilment === fulfilment);
  });
}
