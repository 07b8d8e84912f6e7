// What `npm start` prints for a person: where everything is and how to log in to the demo.
import type { Settings } from './config/index.js';
import { describeSmtp } from './modules/notifications/index.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_STAFF_PASSWORD } from '../seeders/demo-data.js';

/** Where the e-mails go: the SMTP server (never its password), or the folder of .eml files without one. */
export function mailDestination(settings: Settings): string {
  if (!settings.mail.smtpUrl) return `written as .eml files in ${settings.mail.dir} (no SMTP_URL)`;
  return `sent through ${describeSmtp(settings.mail.smtpUrl)}`;
}

export function printBanner(
  settings: Settings,
  port: number,
  state: { embedded: boolean; seeded: boolean },
): void {
  const host = settings.http.host === '0.0.0.0' ? '127.0.0.1' : settings.http.host;
  const base = `http://${host}:${port}`;
  const database = state.embedded
    ? `embedded PostgreSQL in ${settings.db.embeddedDir}`
    : 'configured PostgreSQL';
  const lines = [
    '',
    `OC Pizza is running (${settings.name} settings, ${database}${state.seeded ? ', demo data just seeded' : ''})`,
    `  Site (home page)      ${base}/`,
    `  Staff screens         ${base}/personnel   (kitchen, deliveries, counter)`,
    `  Public API            ${base}/api/pizzerias   ·   a menu: ${base}/api/pizzerias/P01/menu`,
    `  Health / readiness    ${base}/healthz   ·   ${base}/readyz`,
    `  Back office path      ${base}${settings.adminPath}   (secret admin URL, SECRET_ADMIN_URL)`,
    `  E-mails               ${mailDestination(settings)}`,
    '',
    `  Demo staff (password ${DEMO_STAFF_PASSWORD}):`,
    '    admin@ocpizza.fr (group admin) · compta@ocpizza.fr (accountant)',
    '    manager.p01@ocpizza.fr · pizzaiolo1.p01@ocpizza.fr · livreur1.p01@ocpizza.fr · comptoir.p01@ocpizza.fr',
    '    (same pattern for shops p02 … p08)',
    `  Demo customer: camille.martin@example.fr (password ${DEMO_CUSTOMER_PASSWORD})`,
    '',
    'Stop with Ctrl+C.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
