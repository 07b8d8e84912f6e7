// The time of the business rules (opening hours, ETAs, expiries), injected so that tests can place an order at
// a given hour without editing data, and the demo seeder can place its orders in the past. The business
// timestamps the orders, payments and stock services write (orders, status events, payments, refunds, ledger
// movements) are this clock's too; auth tokens, rate limits and sessions stay on PostgreSQL's now().
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at `at` that tests may move. */
export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
  };
}
