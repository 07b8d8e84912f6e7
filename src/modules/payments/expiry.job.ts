// Unpaid online orders expire: cancelled, stock released, authorisation voided at Stripe. Runs in every app
// process; `FOR UPDATE SKIP LOCKED` hands each expired order to exactly one of them.
import { log } from '../../shared/logger.js';
import { cancelLockedBySystem } from '../orders/lifecycle.service.js';
import { lockOrder } from '../orders/orders.repository.js';
import type { OnlinePayments, PaymentDeps } from './online-payments.js';
import { lockExpiredUnpaid, setOrderPayment, stripePaymentOfOrder } from './payments.repository.js';

export async function expireUnpaidOrders(
  deps: PaymentDeps,
  payments: OnlinePayments,
  minutes: number,
): Promise<number> {
  const { db } = deps;
  let expired = 0;
  for (;;) {
    const orderId = await db.transaction(async (t) => {
      const [id] = await lockExpiredUnpaid(db, t, minutes, 1);
      if (!id) return undefined;
      const order = (await lockOrder(db, t, id))!;
      await cancelLockedBySystem(
        { db, bus: deps.bus },
        t,
        order,
        `Paiement non reçu dans les ${minutes} minutes`,
      );
      await setOrderPayment(db, t, id, { paymentStatus: 'voided' });
      return id;
    });
    if (!orderId) return expired;
    expired += 1;
    const payment = await stripePaymentOfOrder(db, orderId);
    if (payment) {
      // Best effort: if Stripe is unreachable now, its own canceled/expiry event will settle it later.
      await payments
        .settleCancelled(orderId, payment.reference)
        .catch((error: Error) =>
          log().warn(
            { orderId, errName: error.name },
            'could not void the authorisation of an expired order',
          ),
        );
    }
  }
}

/** Starts the periodic expiry in this process; returns a stop function. */
export function startExpiryJob(
  deps: PaymentDeps,
  payments: OnlinePayments,
  minutes: number,
  everyMs = 60_000,
) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireUnpaidOrders(deps, payments, minutes)
      .then((n) => n > 0 && log().info({ expired: n }, 'unpaid online orders expired'))
      .catch((error: Error) =>
        log().error({ errName: error.name, errMessage: error.message }, 'expiry job failed'),
      )
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
