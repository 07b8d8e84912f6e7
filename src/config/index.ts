// Loads settings once: .env, then the selected layer (development | production | test) over base, validated
// by one schema into a frozen, typed object. OCPIZZA_SETTINGS replaces the seed's DJANGO_SETTINGS_MODULE.
import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { projectRoot } from '../shared/paths.js';
import { base } from './base.js';
import { development } from './development.js';
import {
  DATABASE_VARIABLES,
  production,
  REFUSED_IN_PRODUCTION,
  REQUIRED_IN_PRODUCTION,
} from './production.js';
import { test } from './test.js';

export type SettingsName = 'development' | 'production' | 'test';

/** The exit status of a process refused by its configuration (sysexits' EX_CONFIG): Supervisor and the deploy
 * script tell it from a crash. */
export const CONFIG_EXIT_CODE = 78;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n - ${problems.join('\n - ')}`);
    this.name = 'ConfigError';
  }
}

const layers: Record<SettingsName, Record<string, string>> = { development, production, test };

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const prefixed = (pattern: RegExp, message: string) =>
  optionalText.pipe(z.string().regex(pattern, message).optional());

/** A base URL reduced to its origin (scheme, host, port): no path, query, fragment or credentials. */
const originUrl = z
  .url({ protocol: /^https?$/, abort: true })
  .refine((v) => {
    const u = URL.canParse(v) ? new URL(v) : null;
    return u !== null && u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password;
  }, 'must be an origin such as http://127.0.0.1:12111 (no path, query or credentials)')
  .transform((v) => new URL(v).origin);

/** SIREN: 9 digits (spaces allowed) whose Luhn key is right; La Poste's 356 000 000 is the documented exception. */
function isSiren(v: string): boolean {
  if (v === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(v[8 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
const siren = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{9}$/, 'ACCOUNTING_SIREN must be the 9 digits of the company’s SIREN')
      .refine(isSiren, 'ACCOUNTING_SIREN is not a valid SIREN (wrong check digit)'),
  );
/** A chart-of-accounts number (PCG: class digit first, up to 20 characters), checked against its class. */
const account = (prefix: string, what: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[1-9][0-9A-Z]{2,19}$/, 'must be an account number (digits, e.g. 70710000)')
    .refine((v) => v.startsWith(prefix), `must be ${what} (an account starting with ${prefix})`);
const salesAccount = account('70', 'a sales account');
const vatAccount = account('4457', 'a VAT collected account');
const moneyAccount = account('', 'an account');

/** A name Sentry accepts as a release (no slash, blank or newline, not . or ..), as deploy.sh names folders. */
const RELEASE_NAME = /^(?!\.\.?$)[A-Za-z0-9._+@-]{1,200}$/;

/**
 * The release a process runs, from its working directory: Supervisor starts it in the `ocpizza` link, which the
 * system resolves to `releases/<name>` (deploy/deploy.sh), so the folder's name is the release. Null elsewhere.
 */
export function releaseOfDirectory(dir: string): string | null {
  const name = path.basename(dir);
  return path.basename(path.dirname(dir)) === 'releases' && RELEASE_NAME.test(name) ? name : null;
}

const schema = z.object({
  PORT: int(0, 65535),
  HOST: z.string().min(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  // What a process serves: the API and the site (`api`), the back office (`admin`), or both (`all`).
  OCPIZZA_ROLE: z.enum(['all', 'api', 'admin']),
  TRUST_PROXY: int(0, 10),
  DB_POOL_MAX: int(1, 200),
  SHUTDOWN_GRACE_MS: int(0, 600_000),
  PAYMENT_EXPIRY_MINUTES: int(1, 24 * 60),
  STRIPE_TIMEOUT_MS: int(100, 60_000),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  // A streaming replica for exports and the dashboard (optional), and how far behind it may be.
  DATABASE_READ_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  // The tables' owner, for the migrations only (src/db/sequelize-cli.config.cjs); the processes never use it.
  DATABASE_OWNER_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  READ_REPLICA_MAX_LAG_S: int(1, 86_400),
  POSTGRES_HOST: optionalText,
  POSTGRES_PORT: int(1, 65535),
  POSTGRES_NAME: optionalText,
  POSTGRES_USER: optionalText,
  POSTGRES_PASS: optionalText,
  POSTGRES_SSL: optionalText.pipe(z.enum(['true', 'false']).optional()),
  EMBEDDED_DB_DIR: optionalText,
  SECRET_KEY: z.string().min(16, 'SECRET_KEY must be at least 16 characters'),
  SECRET_ADMIN_URL: z
    .string()
    .trim()
    .transform((v) => '/' + v.replace(/^https?:\/\/[^/]+/, '').replace(/^\/+|\/+$/g, ''))
    .refine((v) => /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(v), 'SECRET_ADMIN_URL must be a URL path')
    .refine((v) => !['/admin', '/api', '/'].includes(v), 'SECRET_ADMIN_URL must not be a guessable path'),
  SENTRY_DSN: optionalText.pipe(z.url().optional()),
  // The release Sentry files events under; by default the name of the release folder the process runs from.
  OCPIZZA_RELEASE: optionalText.pipe(
    z
      .string()
      .regex(RELEASE_NAME, 'OCPIZZA_RELEASE must be a release name: up to 200 letters, digits, . _ + @ -')
      .optional(),
  ),
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1),
  STRIPE_API_KEY: prefixed(
    /^(sk|rk)_(test|live)_\S+$/,
    'STRIPE_API_KEY must be a Stripe secret key (sk_live_…, sk_test_… or a restricted rk_… key)',
  ),
  // Sent to browsers: anything but a publishable key here would leak a secret.
  STRIPE_PUBLISHABLE_KEY: prefixed(
    /^pk_(test|live)_\S+$/,
    'STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_live_… or pk_test_…)',
  ),
  STRIPE_WEBHOOK_SECRET: prefixed(
    /^whsec_\S+$/,
    'STRIPE_WEBHOOK_SECRET must be the signing secret of the webhook endpoint (whsec_…)',
  ),
  // Tests only: the real SDK talks to a local Stripe-compatible server. Refused in production.
  STRIPE_API_BASE: optionalText.pipe(originUrl.optional()),
  MAPS_API_KEY: optionalText,
  MAPS_API_BASE: optionalText.pipe(originUrl.optional()),
  MAPS_TIMEOUT_MS: int(100, 30_000),
  ACCOUNTING_SIREN: siren,
  // Product pictures (WebP variants) written by the back office and served at /media/.
  MEDIA_DIR: z.string().trim().min(1, 'MEDIA_DIR must name the folder of the product pictures'),
  ACCOUNTING_JOURNAL_CODE: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,10}$/, 'ACCOUNTING_JOURNAL_CODE must be 1 to 10 capital letters or digits (e.g. VT)'),
  ACCOUNTING_JOURNAL_LABEL: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^|\r\n]+$/, 'ACCOUNTING_JOURNAL_LABEL must not contain | or line breaks'),
  ACCOUNT_SALES_VAT_0: salesAccount,
  ACCOUNT_SALES_VAT_2_1: salesAccount,
  ACCOUNT_SALES_VAT_5_5: salesAccount,
  ACCOUNT_SALES_VAT_10: salesAccount,
  ACCOUNT_SALES_VAT_20: salesAccount,
  ACCOUNT_VAT_COLLECTED_2_1: vatAccount,
  ACCOUNT_VAT_COLLECTED_5_5: vatAccount,
  ACCOUNT_VAT_COLLECTED_10: vatAccount,
  ACCOUNT_VAT_COLLECTED_20: vatAccount,
  ACCOUNT_CASH: moneyAccount,
  ACCOUNT_MEAL_VOUCHERS: moneyAccount,
  ACCOUNT_CARD_TERMINAL: moneyAccount,
  ACCOUNT_CARD_ONLINE: moneyAccount,
  ACCOUNT_CUSTOMERS: moneyAccount,
  // Notifications: the SMTP server (smtp://user:pass@host:587, smtps://… for implicit TLS) and the sender.
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^[^<>@\r\n]*<?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/,
      'MAIL_FROM must be an address such as OC Pizza <commandes@ocpizza.fr>',
    ),
  MAIL_DIR: z.string().trim().min(1),
  SMTP_TIMEOUT_MS: int(500, 120_000),
  // The customer site's public origin: the links of the e-mails (tracking page, password reset) start with it.
  PUBLIC_URL: optionalText.pipe(originUrl.optional()),
  // The legal name printed on receipts (with the shop's SIRET and the VAT number worked out from the SIREN).
  COMPANY_NAME: z.string().trim().min(1).max(200),
  // Where customers send their personal-data requests (shown on the privacy page, /confidentialite).
  PRIVACY_CONTACT_EMAIL: z.email('PRIVACY_CONTACT_EMAIL must be an e-mail address'),
  OUTBOX_POLL_MS: int(50, 600_000),
  OUTBOX_LEASE_SECONDS: int(1, 3600),
  OUTBOX_RETRY_BASE_MS: int(10, 3_600_000),
  OUTBOX_RETRY_MAX_MS: int(10, 86_400_000),
  OUTBOX_MAX_ATTEMPTS: int(1, 100),
  LOW_STOCK_DIGEST_HOUR: int(0, 23),
  // Ed25519 private key signing the sales journal's closures: base64 of its PKCS#8 DER form
  // (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0).
  JOURNAL_SIGNING_KEY: z.string().trim().min(1),
  JOURNAL_CLOSING_DELAY_MINUTES: int(0, 600),
  JOURNAL_DAY_START_HOUR: int(0, 12),
  // The daily retention job: periods in days, the local hour (Europe/Paris) of its run, rows per transaction and
  // rows per category and run.
  RETENTION_CUSTOMER_INACTIVE_DAYS: int(30, 3650),
  RETENTION_ORDER_DETAILS_DAYS: int(30, 3650),
  RETENTION_GEOCODE_CACHE_DAYS: int(1, 3650),
  RETENTION_OUTBOX_DAYS: int(1, 3650),
  RETENTION_STAFF_DAYS: int(1, 3650),
  RETENTION_HOUR: int(0, 23),
  RETENTION_BATCH_SIZE: int(1, 10_000),
  RETENTION_MAX_PER_RUN: int(1, 10_000_000),
});

/** Every variable the settings read (documented in .env.example and the README). */
export const SETTINGS_VARIABLES = ['OCPIZZA_SETTINGS', ...Object.keys(schema.shape)];

export interface Settings {
  readonly name: SettingsName;
  readonly isProduction: boolean;
  readonly http: { readonly host: string; readonly port: number; readonly trustProxy: number };
  readonly shutdownGraceMs: number;
  readonly logLevel: string;
  /** `api`: API, site and staff screens, never AdminJS; `admin`: the back office only; `all`: both. */
  readonly role: 'all' | 'api' | 'admin';
  /** `url` null means: no database configured, use the embedded PostgreSQL (never in production). */
  readonly db: {
    readonly url: string | null;
    readonly poolMax: number;
    readonly embeddedDir: string;
    /** A streaming replica the exports and the dashboard read from, or null. */
    readonly readUrl: string | null;
    readonly readMaxLagSeconds: number;
  };
  readonly secretKey: string;
  readonly adminPath: string;
  readonly sentry: {
    readonly dsn: string | null;
    readonly tracesSampleRate: number;
    /** OCPIZZA_RELEASE, else the release folder the process runs from (releaseOfDirectory), else null. */
    readonly release: string | null;
  };
  /** Each null when unset (online payment off outside production); `apiBase` null means Stripe itself. */
  readonly stripe: {
    readonly apiKey: string | null;
    readonly webhookSecret: string | null;
    readonly publishableKey: string | null;
    readonly apiBase: string | null;
    /** An online order still unpaid after this long is cancelled and its stock released. */
    readonly expiryMinutes: number;
    /** How long one call to Stripe may take before it counts as failed (one retry follows). */
    readonly timeoutMs: number;
  };
  /** Without a key outside production, an offline approximation is used; `apiBase` is for tests only. */
  readonly maps: {
    readonly apiKey: string | null;
    readonly apiBase: string | null;
    readonly timeoutMs: number;
  };
  /** Accountant exports (orders CSV, FEC): the company's SIREN, the sales journal and the chart of accounts. */
  readonly accounting: AccountingSettings;
  /** Absolute folder of the product pictures (MEDIA_DIR, relative ones from the project root). */
  readonly mediaDir: string;
  readonly mail: MailSettings;
  readonly journal: JournalSettings;
  /** The privacy page's contact for personal-data requests. */
  readonly privacy: { readonly contactEmail: string };
  readonly retention: RetentionSettings;
}

export interface RetentionSettings {
  readonly customerInactiveDays: number;
  readonly orderDetailsDays: number;
  readonly geocodeCacheDays: number;
  /** Copies of e-mails sent (the outbox) are deleted after this many days. */
  readonly outboxDays: number;
  readonly staffDays: number;
  /** Local hour (Europe/Paris) from which the day's run is due. */
  readonly hour: number;
  /** Rows per transaction. */
  readonly batchSize: number;
  /** Rows per category and run: the rest waits for the next day. */
  readonly maxPerRun: number;
}

export interface JournalSettings {
  /** Base64 PKCS#8 DER of the Ed25519 key signing the closures. */
  readonly signingKey: string;
  readonly closingDelayMinutes: number;
  readonly dayStartHour: number;
}

export interface MailSettings {
  /** Null outside production when unset: messages are written as .eml files into `dir`. */
  readonly smtpUrl: string | null;
  readonly from: string;
  /** Absolute folder of the .eml files when there is no SMTP server. */
  readonly dir: string;
  /** Limit of each SMTP step (connection, greeting, every command's answer). */
  readonly timeoutMs: number;
  /** Origin of the links in the messages (the site). */
  readonly publicUrl: string;
  readonly companyName: string;
  readonly outbox: {
    /** How often each process looks for due messages (it is also woken at once by its own commits). */
    readonly pollMs: number;
    /** How long a claimed message stays out of the others' reach (longer than a send can take). */
    readonly leaseSeconds: number;
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
    /** After this many failed attempts a message is marked failed (shown in the back office). */
    readonly maxAttempts: number;
  };
  /** Local hour (each shop's time zone) at which its manager receives the low-stock digest. */
  readonly lowStockDigestHour: number;
}

/** VAT rates the catalogue allows (basis points), as the products table's CHECK lists them. */
export const VAT_RATES_BP = [0, 210, 550, 1000, 2000] as const;

export interface AccountingSettings {
  /** 9 digits; names the FEC file (`<SIREN>FEC<AAAAMMJJ>.txt`). */
  readonly siren: string;
  readonly journal: { readonly code: string; readonly label: string };
  readonly accounts: {
    /** Sales excluding VAT, per VAT rate in basis points (0, 210, 550, 1000, 2000). */
    readonly sales: Readonly<Record<number, string>>;
    /** VAT collected, per VAT rate in basis points (none for 0 %). */
    readonly vatCollected: Readonly<Record<number, string>>;
    /** Cash drawer (caisse). */
    readonly cash: string;
    /** Meal vouchers (titres-restaurant) awaiting remittance. */
    readonly mealVouchers: string;
    /** Card payments taken on a terminal, awaiting settlement. */
    readonly cardTerminal: string;
    /** Card payments taken online (Stripe), awaiting payout. */
    readonly cardOnline: string;
    /** Customers: a sold order with no settled payment remains owed. */
    readonly customers: string;
  };
}

export function selectSettings(env: NodeJS.ProcessEnv): SettingsName {
  const chosen = env.OCPIZZA_SETTINGS?.trim();
  if (chosen) {
    if (chosen === 'development' || chosen === 'production' || chosen === 'test') return chosen;
    throw new ConfigError([`OCPIZZA_SETTINGS must be development, production or test (got "${chosen}")`]);
  }
  if (env.NODE_ENV === 'production') return 'production';
  if (env.NODE_ENV === 'test') return 'test';
  return 'development';
}

function productionProblems(env: Record<string, string | undefined>): string[] {
  const blank = (k: string) => !env[k] || env[k]!.trim() === '';
  const missing: string[] = [];
  if (blank('DATABASE_URL')) missing.push(...DATABASE_VARIABLES.filter(blank));
  missing.push(...REQUIRED_IN_PRODUCTION.filter(blank));
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `missing environment variables for production: ${missing.join(', ')}` +
        (missing.some((m) => m.startsWith('POSTGRES_')) ? ' (or give DATABASE_URL)' : ''),
    );
  }
  for (const name of REFUSED_IN_PRODUCTION.filter((k) => !blank(k))) {
    problems.push(`${name} must not be set in production (it points the app at a test stand-in)`);
  }
  return problems;
}

/** Stripe keys of one account come in pairs: a test secret key with a live publishable key is a mistake. */
function stripeModeProblems(v: z.infer<typeof schema>): string[] {
  const mode = (key: string) => key.split('_')[1];
  if (v.STRIPE_API_KEY && v.STRIPE_PUBLISHABLE_KEY) {
    if (mode(v.STRIPE_API_KEY) !== mode(v.STRIPE_PUBLISHABLE_KEY)) {
      return ['STRIPE_API_KEY and STRIPE_PUBLISHABLE_KEY must both be test keys or both be live keys'];
    }
  }
  return [];
}

/** The placeholder SIREN of development and tests must never reach the tax administration. */
function accountingProblems(name: SettingsName, v: z.infer<typeof schema>): string[] {
  if (name === 'production' && /^0+$/.test(v.ACCOUNTING_SIREN)) {
    return ['ACCOUNTING_SIREN must be the company’s real SIREN in production (not 000000000)'];
  }
  return [];
}

/** The closures' signing key must be an Ed25519 private key; the demo's and the tests' (public) never sign in
 * production. */
function journalKeyProblems(name: SettingsName, v: z.infer<typeof schema>): string[] {
  try {
    const key = createPrivateKey({
      key: Buffer.from(v.JOURNAL_SIGNING_KEY, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    return ['JOURNAL_SIGNING_KEY must be an Ed25519 private key, base64 of its PKCS#8 DER form'];
  }
  if (
    name === 'production' &&
    [development.JOURNAL_SIGNING_KEY, test.JOURNAL_SIGNING_KEY].includes(v.JOURNAL_SIGNING_KEY)
  ) {
    return ['JOURNAL_SIGNING_KEY is the demo’s or the tests’ key (public): generate the company’s own'];
  }
  return [];
}

function accountingSettings(v: z.infer<typeof schema>): AccountingSettings {
  return {
    siren: v.ACCOUNTING_SIREN,
    journal: { code: v.ACCOUNTING_JOURNAL_CODE, label: v.ACCOUNTING_JOURNAL_LABEL },
    accounts: {
      sales: {
        0: v.ACCOUNT_SALES_VAT_0,
        210: v.ACCOUNT_SALES_VAT_2_1,
        550: v.ACCOUNT_SALES_VAT_5_5,
        1000: v.ACCOUNT_SALES_VAT_10,
        2000: v.ACCOUNT_SALES_VAT_20,
      },
      vatCollected: {
        210: v.ACCOUNT_VAT_COLLECTED_2_1,
        550: v.ACCOUNT_VAT_COLLECTED_5_5,
        1000: v.ACCOUNT_VAT_COLLECTED_10,
        2000: v.ACCOUNT_VAT_COLLECTED_20,
      },
      cash: v.ACCOUNT_CASH,
      mealVouchers: v.ACCOUNT_MEAL_VOUCHERS,
      cardTerminal: v.ACCOUNT_CARD_TERMINAL,
      cardOnline: v.ACCOUNT_CARD_ONLINE,
      customers: v.ACCOUNT_CUSTOMERS,
    },
  };
}

function databaseUrl(v: z.infer<typeof schema>): string | null {
  if (v.DATABASE_URL) return v.DATABASE_URL;
  if (!v.POSTGRES_NAME) return null;
  const url = new URL('postgres://localhost');
  url.hostname = v.POSTGRES_HOST ?? '127.0.0.1';
  url.port = String(v.POSTGRES_PORT);
  url.pathname = '/' + encodeURIComponent(v.POSTGRES_NAME);
  if (v.POSTGRES_USER) url.username = encodeURIComponent(v.POSTGRES_USER);
  if (v.POSTGRES_PASS) url.password = encodeURIComponent(v.POSTGRES_PASS);
  if (v.POSTGRES_SSL === 'true') url.searchParams.set('sslmode', 'require');
  return url.toString();
}

/**
 * Pure: builds settings from an environment object (and the working directory, for the release's default).
 * Throws ConfigError naming every problem at once.
 */
export function loadSettings(env: NodeJS.ProcessEnv, cwd = process.cwd()): Settings {
  const name = selectSettings(env);
  const explicit = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const merged: Record<string, string | undefined> = { ...base, ...layers[name], ...explicit };
  // In production nothing falls back to a layer's value for the seed's variables: they must be given.
  if (name === 'production') {
    const problems = productionProblems(explicit);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`));
  }
  const v = parsed.data;
  const valueProblems = [
    ...stripeModeProblems(v),
    ...accountingProblems(name, v),
    ...journalKeyProblems(name, v),
  ];
  if (valueProblems.length > 0) throw new ConfigError(valueProblems);
  const settings: Settings = {
    name,
    isProduction: name === 'production',
    http: { host: v.HOST, port: v.PORT, trustProxy: v.TRUST_PROXY },
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    logLevel: v.LOG_LEVEL,
    role: v.OCPIZZA_ROLE,
    db: {
      url: databaseUrl(v),
      poolMax: v.DB_POOL_MAX,
      embeddedDir: path.resolve(v.EMBEDDED_DB_DIR ?? '.data/pglite'),
      readUrl: v.DATABASE_READ_URL ?? null,
      readMaxLagSeconds: v.READ_REPLICA_MAX_LAG_S,
    },
    secretKey: v.SECRET_KEY,
    adminPath: v.SECRET_ADMIN_URL,
    sentry: {
      dsn: v.SENTRY_DSN ?? null,
      tracesSampleRate: v.SENTRY_TRACES_SAMPLE_RATE,
      release: v.OCPIZZA_RELEASE ?? releaseOfDirectory(cwd),
    },
    stripe: {
      apiKey: v.STRIPE_API_KEY ?? null,
      webhookSecret: v.STRIPE_WEBHOOK_SECRET ?? null,
      publishableKey: v.STRIPE_PUBLISHABLE_KEY ?? null,
      apiBase: v.STRIPE_API_BASE ?? null,
      expiryMinutes: v.PAYMENT_EXPIRY_MINUTES,
      timeoutMs: v.STRIPE_TIMEOUT_MS,
    },
    maps: { apiKey: v.MAPS_API_KEY ?? null, apiBase: v.MAPS_API_BASE ?? null, timeoutMs: v.MAPS_TIMEOUT_MS },
    accounting: accountingSettings(v),
    mediaDir: path.resolve(projectRoot, v.MEDIA_DIR),
    mail: {
      smtpUrl: v.SMTP_URL ?? null,
      from: v.MAIL_FROM,
      dir: path.resolve(projectRoot, v.MAIL_DIR),
      timeoutMs: v.SMTP_TIMEOUT_MS,
      publicUrl: v.PUBLIC_URL ?? `http://${v.HOST === '0.0.0.0' ? '127.0.0.1' : v.HOST}:${v.PORT}`,
      companyName: v.COMPANY_NAME,
      outbox: {
        pollMs: v.OUTBOX_POLL_MS,
        leaseSeconds: v.OUTBOX_LEASE_SECONDS,
        retryBaseMs: v.OUTBOX_RETRY_BASE_MS,
        retryMaxMs: v.OUTBOX_RETRY_MAX_MS,
        maxAttempts: v.OUTBOX_MAX_ATTEMPTS,
      },
      lowStockDigestHour: v.LOW_STOCK_DIGEST_HOUR,
    },
    journal: {
      signingKey: v.JOURNAL_SIGNING_KEY,
      closingDelayMinutes: v.JOURNAL_CLOSING_DELAY_MINUTES,
      dayStartHour: v.JOURNAL_DAY_START_HOUR,
    },
    privacy: { contactEmail: v.PRIVACY_CONTACT_EMAIL },
    retention: {
      customerInactiveDays: v.RETENTION_CUSTOMER_INACTIVE_DAYS,
      orderDetailsDays: v.RETENTION_ORDER_DETAILS_DAYS,
      geocodeCacheDays: v.RETENTION_GEOCODE_CACHE_DAYS,
      outboxDays: v.RETENTION_OUTBOX_DAYS,
      staffDays: v.RETENTION_STAFF_DAYS,
      hour: v.RETENTION_HOUR,
      batchSize: v.RETENTION_BATCH_SIZE,
      maxPerRun: v.RETENTION_MAX_PER_RUN,
    },
  };
  return deepFreeze(settings);
}

function deepFreeze<T extends object>(o: T): T {
  for (const value of Object.values(o)) if (value && typeof value === 'object') deepFreeze(value);
  return Object.freeze(o);
}

let cached: Settings | undefined;

/** The process's settings: `.env` is read once (except under test settings), explicit variables win. */
export function getSettings(): Settings {
  if (cached) return cached;
  if (selectSettings(process.env) !== 'test' && existsSync('.env'))
    dotenv.config({ path: '.env', quiet: true });
  cached = loadSettings(process.env);
  return cached;
}
