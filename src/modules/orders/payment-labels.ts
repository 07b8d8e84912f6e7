// How the customer pays, in French: [for a delivery, for a takeaway]. The site's checkout offers them, tracking
// and the e-mails recall the one chosen. Pure data: the site bundles this file.
export const PAYMENT_METHODS: Record<string, [string, string]> = {
  card_online: ['Carte bancaire, en ligne maintenant', 'Carte bancaire, en ligne maintenant'],
  card_on_delivery: ['Carte bancaire à la livraison', 'Carte bancaire au retrait'],
  cash: ['Espèces à la livraison', 'Espèces au retrait'],
  meal_voucher: ['Titres-restaurant à la livraison', 'Titres-restaurant au retrait'],
};

/** The label of `method` as tracking shows it (« Payé en ligne » words belong to the payment status). */
export const paymentLabel = (method: string, fulfilment: 'delivery' | 'takeaway') =>
  PAYMENT_METHODS[method]?.[fulfilment === 'delivery' ? 0 : 1].replace(
    ', en ligne maintenant',
    ' en ligne',
  ) ?? method;
