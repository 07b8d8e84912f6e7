// « Messages »: the e-mails of the outbox, read-only (no new, edit or delete: the notifications module alone
// writes them), for the group admin only (notifications.outbox), since they name customers of every shop.
// Failures first, newest first, with their reason (« Motif »); « Renvoyer » puts a failed one back in the
// queue. The payload is never read: it may hold a password reset link.
import { OutboxMessage } from '../../src/db/models/index.js';
import { kindLabel } from '../../src/modules/notifications/index.js';
import type { AccessSpec } from '../access.js';
import { outboxActions } from '../actions/outbox.actions.js';
import type { AdminDeps } from '../deps.js';
import { COUNT_CAP, defineResource, NAV } from '../resource.js';

export const outboxAccess: AccessSpec = {
  read: 'notifications.outbox',
  shopScoped: false,
};

export const outboxResource = (deps: AdminDeps) =>
  defineResource({
    model: OutboxMessage,
    access: outboxAccess,
    countCap: COUNT_CAP,
    hidden: ['payload', 'lockedUntil'],
    nullsLastThenNewest: true,
    title: (a) => `('Message n° ' || "${a}"."id" || ' à ' || "${a}"."recipient")`,
    computed: { kindLabel: (params) => kindLabel(String(params.kind ?? '')) },
    options: {
      navigation: NAV.notifications,
      sort: { sortBy: 'failedAt', direction: 'desc' },
      listProperties: ['id', 'kindLabel', 'recipient', 'status', 'attempts', 'lastError', 'createdAt'],
      filterProperties: ['status', 'kind', 'recipient', 'createdAt', 'failedAt'],
      showProperties: [
        'id',
        'kindLabel',
        'kind',
        'recipient',
        'recipientName',
        'subject',
        'status',
        'attempts',
        'lastError',
        'nextAttemptAt',
        'createdAt',
        'sentAt',
        'failedAt',
        'orderId',
        'customerId',
        'employeeId',
        'pizzeriaId',
        'messageId',
        'key',
      ],
      properties: {
        kindLabel: {
          type: 'string',
          isVisible: { list: true, show: true, edit: false, filter: false },
          isSortable: false,
        },
        lastError: { type: 'string' },
      },
      actions: outboxActions(outboxAccess, deps),
    },
  });
