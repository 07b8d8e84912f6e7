// The notifications module's part of a customer's personal data (issue 21): the e-mails written for them or for
// their orders. Recipient, name, subject and payload hold personal data, so an erasure deletes the messages; the
// export lists what was sent (kind, subject, dates, status), not the bodies nor the one-time links in them.
import type { PersonalDataHolder } from '../privacy/index.js';

const OF_SUBJECT = `customer_id = $1 OR order_id = ANY($2::uuid[])`;

export const notificationsHolder: PersonalDataHolder = {
  module: 'notifications',
  tables: [{ table: 'outbox', treatment: 'deleted', why: 'les e-mails envoyés au client (suivi, compte)' }],
  async exportFor(ex, { customerId, orderIds }) {
    return {
      messages: await ex.many(
        `SELECT id, kind, subject, status, order_id AS "orderId", created_at AS "createdAt", sent_at AS "sentAt"
           FROM outbox WHERE ${OF_SUBJECT} ORDER BY id`,
        [customerId, orderIds],
      ),
    };
  },
  async erase(tx, { customerId, orderIds }) {
    return { outbox: await tx.exec(`DELETE FROM outbox WHERE ${OF_SUBJECT}`, [customerId, orderIds]) };
  },
};
