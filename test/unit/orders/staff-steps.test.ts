// The one table of staff steps agrees with the state machine and the permission table it names.
import { expect } from 'chai';
import { STAFF_STEP_NAMES, STAFF_STEPS, stepsFrom } from '../../../src/modules/orders/staff-steps.js';
import { canTransition, ORDER_STATUSES } from '../../../src/modules/orders/state-machine.js';
import { PERMISSIONS } from '../../../src/shared/permissions.js';

describe('staff steps table', () => {
  it('when a step is listed, then each of its statuses may legally move to its target for its fulfilment', () => {
    for (const name of STAFF_STEP_NAMES) {
      const rule = STAFF_STEPS[name];
      expect(PERMISSIONS, name).to.have.property(rule.permission);
      for (const from of rule.from) {
        for (const fulfilment of rule.fulfilment ? [rule.fulfilment] : (['delivery', 'takeaway'] as const)) {
          expect(
            canTransition(from, rule.to, fulfilment),
            `${name}: ${from} → ${rule.to} (${fulfilment})`,
          ).to.equal(true);
        }
      }
    }
  });

  it('when an order is in a status, then the screens are offered exactly the steps the table allows', () => {
    expect(stepsFrom('received', 'delivery')).to.deep.equal(['start']);
    expect(stepsFrom('ready', 'delivery')).to.deep.equal(['pickup']);
    expect(stepsFrom('ready', 'takeaway')).to.deep.equal(['collect']);
    expect(stepsFrom('out_for_delivery', 'delivery')).to.deep.equal(['deliver']);
    for (const status of ['pending_payment', 'delivered', 'collected', 'cancelled'] as const) {
      expect(stepsFrom(status, 'delivery').concat(stepsFrom(status, 'takeaway')), status).to.deep.equal([]);
    }
    // Every status a step starts from is a real status.
    for (const name of STAFF_STEP_NAMES)
      for (const s of STAFF_STEPS[name].from) expect(ORDER_STATUSES).to.include(s);
  });
});
