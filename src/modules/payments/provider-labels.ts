// How the money of an order was actually taken (payments.provider), in French, as the accountant's exports, the
// back office and the sales journal's page name it. Pure data.
export const PAYMENT_PROVIDER_LABELS: Readonly<Record<string, string>> = {
  stripe: 'Carte en ligne',
  card_terminal: 'Carte bancaire (TPE)',
  cash: 'Espèces',
  meal_voucher: 'Titres-restaurant',
};

/** The label of a provider; the code itself when unknown. */
export const providerLabel = (provider: string) => PAYMENT_PROVIDER_LABELS[provider] ?? provider;
