// « Demandes RGPD »: the privacy log (privacy_requests), read-only (the privacy module alone writes it), for the
// group admin only (customers.erase: the one who erases on request reads what was done). One row per export or
// erasure of a customer's data: who asked (the customer, the group admin with a reason, the retention job),
// when, and what was touched. It keeps the customer's number, never their data, so it outlives the erasure.
import { flat } from 'adminjs';
import { PrivacyRequest } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { labels } from '../locale-names.js';
import { COUNT_CAP, defineResource, NAV } from '../resource.js';

export const privacyRequestsAccess: AccessSpec = {
  read: 'customers.erase',
  shopScoped: false,
};

/** Tables an erasure touches that the back office does not show as resources. */
const TABLE_NAMES: Record<string, string> = {
  addresses: 'Adresses',
  auth_tokens: 'Jetons de connexion',
  password_reset_tokens: 'Liens de mot de passe',
  rate_limits: 'Compteurs de tentatives de connexion',
  geocode_cache: 'Cache des adresses géocodées',
  notification_preferences: 'Préférences de notification',
};

const tableName = (table: string) =>
  TABLE_NAMES[table] ?? (labels as unknown as Record<string, unknown>)[table] ?? table;

/** « Clients : 1 · Adresses : 2 · Commandes : 3 » (erasure), « Parties exportées : … » (export). */
export function summaryText(params: Record<string, unknown>): string {
  const summary: unknown = flat.get(params as Parameters<typeof flat.get>[0], 'summary');
  if (!summary || typeof summary !== 'object') return '';
  const entries = Object.entries(summary as Record<string, unknown>);
  if (params.kind === 'export') {
    const sections = (summary as { sections?: unknown }).sections;
    return Array.isArray(sections) ? `Parties exportées : ${sections.join(', ')}` : '';
  }
  return entries
    .filter(([, n]) => typeof n === 'number')
    .map(([table, n]) => `${String(tableName(table))} : ${n}`)
    .join(' · ');
}

export const privacyRequestsResource = () =>
  defineResource({
    model: PrivacyRequest,
    access: privacyRequestsAccess,
    countCap: COUNT_CAP,
    title: (a) => `('Demande n° ' || "${a}"."id" || ' — client n° ' || "${a}"."customer_id")`,
    computed: { summaryText },
    options: {
      navigation: NAV.orders,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['createdAt', 'kind', 'origin', 'customerId', 'employeeId'],
      filterProperties: ['kind', 'origin', 'customerId', 'createdAt'],
      showProperties: [
        'id',
        'createdAt',
        'kind',
        'origin',
        'customerId',
        'employeeId',
        'reason',
        'summaryText',
      ],
      properties: {
        // A plain number: after an erasure there is no customer row to link to.
        customerId: { type: 'number' },
        summary: { isVisible: false },
        summaryText: {
          type: 'textarea',
          isVisible: { list: false, show: true, edit: false, filter: false },
          isSortable: false,
        },
      },
    },
  });
