// The French names of the kinds of message, as the back office lists them (« Messages ») and the admin's alert
// names them. A kind not listed here (added by a later feature) shows as its code.
export const MESSAGE_KIND_LABELS: Readonly<Record<string, string>> = {
  'order.confirmation': 'Confirmation de commande',
  'order.preparing': 'Commande en préparation',
  'order.ready': 'Commande prête à retirer',
  'order.out_for_delivery': 'Commande en route',
  'order.delivered': 'Commande livrée',
  'order.collected': 'Commande retirée',
  'order.cancelled': 'Commande annulée',
  'order.refunded': 'Remboursement',
  'order.payment_failed': 'Paiement en ligne refusé',
  'account.password_reset': 'Mot de passe oublié',
  'staff.outbox_failed': 'Alerte : message non envoyé',
  'staff.low_stock': 'Stock bas du jour',
  'purchasing.order_sent': 'Bon de commande fournisseur',
};

export function kindLabel(kind: string): string {
  return MESSAGE_KIND_LABELS[kind] ?? kind;
}

/** What a customer is told they always receive, by order event (the events without the status e-mails' choice). */
const CUSTOMER_EVENT_LABELS: Readonly<Record<string, string>> = {
  confirmation: 'Confirmation de commande (avec le reçu)',
  cancelled: 'Annulation de commande',
  refunded: 'Remboursement',
  payment_failed: 'Paiement en ligne refusé',
};

export function customerEventLabel(event: string): string {
  return CUSTOMER_EVENT_LABELS[event] ?? kindLabel(`order.${event}`);
}

/** Account messages, sent whatever the customer chose. */
export const CUSTOMER_ACCOUNT_MESSAGES = ['Réinitialisation du mot de passe'] as const;
