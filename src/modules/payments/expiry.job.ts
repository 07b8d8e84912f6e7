// Unpaid online orders expire: cancelled, stock released, authorisation voided at Stripe. Runs in every app
// process; `FOR UPDATE SKIP LOCKED` hands each expired order to exactly one of them.
import { log } from '../../shared/logger.js';
import type { OnlinePayments } from './online-payments.js';
import type { PaymentDeps } from './payment-deps.js';
import { stripePaymentOfOrder } from './payments.repository.js';
import { startPeriodic } from '../../shared/periodic.js';

export async function expireUnpaidOrders(
  deps: PaymentDeps,
  payments: OnlinePayments,
  minutes: number,
): Promise<number> {
  const { db, clock } = deps;
  const orders = deps.orders();
  let expired = 0;
  for (;;) {
    const createdBefore = new Date(clock.now().getTime() - minutes * 60_000);
    const orderId = await db.transaction(async (tx) => {
      const [id] = await orders.lockExpiredUnpaid(tx, createdBefore, 1);
      if (!id) return undefined;
      const order = (await orders.lock(tx, id))!;
      await orders.cancelLockedBySystem(tx, order, `Paiement non reçu dans les ${minutes} minutes`);
      await orders.setPaymentStatus(tx, id, { paymentStatus: 'voided' });
      return id;
    });
    if (!orderId) return expired;
    expired += 1;
    const payment = await db.read((ex) => stripePaymentOfOrder(ex, orderId));
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
  return startPeriodic(
    async () => {
      const n = await expireUnpaidOrders(deps, payments, minutes);
      if (n > 0) log().info({ expired: n }, 'unpaid online orders expired');
    },
    {
      everyMs,
      onError: (error) =>
        log().error({ errName: error.name, errMessage: error.message }, 'expiry job failed'),
    },
  );
}
