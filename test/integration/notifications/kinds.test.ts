// Every kind of message the app can write has its French name in the back office's list (« Messages ») and in
// the admin's alert: a kind added without one would show its code to the group admin.
import { expect } from 'chai';
import { MESSAGE_KIND_LABELS } from '../../../src/modules/notifications/kinds.js';
import { contextOn } from '../../helpers/app.js';
import { TEST_DATABASE_URL } from '../../helpers/db.js';

describe('notifications: the kinds of message', () => {
  it('when the services are built, then each kind they can write has a French label, and no label is left over', async () => {
    const context = contextOn(TEST_DATABASE_URL);
    try {
      const kinds = context.services.notifications.kinds();
      expect(kinds).to.include.members(['order.confirmation', 'account.password_reset', 'staff.low_stock']);
      expect([...kinds].sort()).to.deep.equal(Object.keys(MESSAGE_KIND_LABELS).sort());
    } finally {
      await context.close();
    }
  });
});
