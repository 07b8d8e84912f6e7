// The French name of each order status, as staff and customers read it: the back office, the accountant's CSV
// and the site (which bundles this file) all use this one table. Pure data: safe to import from the browser.
export const ORDER_STATUS_LABELS = {
  pending_payment: 'En attente de paiement',
  received: 'Reçue',
  preparing: 'En préparation',
  ready: 'Prête',
  out_for_delivery: 'En livraison',
  delivered: 'Livrée',
  collected: 'Retirée',
  cancelled: 'Annulée',
} as const;
