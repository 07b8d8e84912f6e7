import { expect } from 'chai';
import { AppError } from '../../../src/shared/errors.js';
import {
  assertModifiable,
  assertTransition,
  canTransition,
  ORDER_STATUSES,
} from '../../../src/modules/orders/state-machine.js';

describe('order state machine', () => {
  it('when following the lifecycle, then only the documented transitions are allowed', () => {
    const allowed: string[] = [];
    for (const from of ORDER_STATUSES)
      for (const to of ORDER_STATUSES)
        for (const f of ['delivery', 'takeaway'] as const)
          if (canTransition(from, to, f)) allowed.push(`${from}>${to}:${f}`);
    expect(allowed.sort()).to.deep.equal(
      [
        'pending_payment>received:delivery',
        'pending_payment>received:takeaway',
        'pending_payment>cancelled:delivery',
        'pending_payment>cancelled:takeaway',
        'received>preparing:delivery',
        'received>preparing:takeaway',
        'received>cancelled:delivery',
        'received>cancelled:takeaway',
        'preparing>ready:delivery',
        'preparing>ready:takeaway',
        'ready>out_for_delivery:delivery',
        'ready>collected:takeaway',
        'out_for_delivery>delivered:delivery',
      ].sort(),
    );
  });

  it('when a transition is illegal, then a 409 says so in French; cancelling too late is order_locked', () => {
    const codeOf = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return [(e as AppError).status, (e as AppError).code];
      }
      return null;
    };
    expect(codeOf(() => assertTransition('received', 'delivered', 'delivery'))).to.deep.equal([
      409,
      'invalid_transition',
    ]);
    expect(codeOf(() => assertTransition('preparing', 'cancelled', 'delivery'))).to.deep.equal([
      409,
      'order_locked',
    ]);
    expect(codeOf(() => assertModifiable('ready'))).to.deep.equal([409, 'order_locked']);
    expect(codeOf(() => assertModifiable('received'))).to.equal(null);
  });
});
