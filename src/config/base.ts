// Settings shared by every environment. Values here are defaults; the environment (.env) overrides them.
export const base = {
  PORT: '8000',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  TRUST_PROXY: '0',
  DB_POOL_MAX: '10',
  READ_REPLICA_MAX_LAG_S: '30',
  OCPIZZA_ROLE: 'all',
  POSTGRES_PORT: '5432',
  SENTRY_TRACES_SAMPLE_RATE: '0',
  SHUTDOWN_GRACE_MS: '10000',
  PAYMENT_EXPIRY_MINUTES: '15',
  STRIPE_TIMEOUT_MS: '8000',
  MAPS_TIMEOUT_MS: '3000',
  // Accounting exports: a placeholder SIREN outside production (production must give the real one), and the
  // French chart of accounts (PCG) of the sales journal, each account overridable by its variable.
  ACCOUNTING_SIREN: '000000000',
  ACCOUNTING_JOURNAL_CODE: 'VT',
  ACCOUNTING_JOURNAL_LABEL: 'Journal des ventes',
  ACCOUNT_SALES_VAT_0: '70700000',
  ACCOUNT_SALES_VAT_2_1: '70702100',
  ACCOUNT_SALES_VAT_5_5: '70705500',
  ACCOUNT_SALES_VAT_10: '70710000',
  ACCOUNT_SALES_VAT_20: '70720000',
  ACCOUNT_VAT_COLLECTED_2_1: '44571021',
  ACCOUNT_VAT_COLLECTED_5_5: '44571055',
  ACCOUNT_VAT_COLLECTED_10: '44571010',
  ACCOUNT_VAT_COLLECTED_20: '44571020',
  ACCOUNT_CASH: '53000000',
  ACCOUNT_MEAL_VOUCHERS: '51120000',
  ACCOUNT_CARD_TERMINAL: '51150000',
  ACCOUNT_CARD_ONLINE: '51151000',
  ACCOUNT_CUSTOMERS: '41100000',
  // E-mails (notifications outbox). Without SMTP_URL outside production, messages are written as .eml files.
  MAIL_FROM: 'OC Pizza <commandes@ocpizza.example>',
  MAIL_DIR: '.data/mail',
  SMTP_TIMEOUT_MS: '10000',
  COMPANY_NAME: 'OC Pizza SAS',
  // PLACEHOLDER outside production (production requires the real one): the address the privacy page gives for
  // personal-data requests.
  PRIVACY_CONTACT_EMAIL: 'donnees-personnelles@ocpizza.example',
  OUTBOX_POLL_MS: '5000',
  OUTBOX_LEASE_SECONDS: '120',
  OUTBOX_RETRY_BASE_MS: '30000',
  OUTBOX_RETRY_MAX_MS: '3600000',
  OUTBOX_MAX_ATTEMPTS: '10',
  LOW_STOCK_DIGEST_HOUR: '7',
  // Sales journal: the automatic daily closure is written this long after the shop's last service ends (late
  // deliveries), and at the latest at JOURNAL_DAY_START_HOUR the next morning, when the next business day begins.
  JOURNAL_CLOSING_DELAY_MINUTES: '60',
  JOURNAL_DAY_START_HOUR: '5',
} satisfies Record<string, string>;
