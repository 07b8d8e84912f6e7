// R1: 500 concurrent orders race for a pizza the shop has stock for exactly 100 of. Exactly 100 are accepted, the
// 400 others refused with 409 insufficient_stock, nothing else; stock is never below zero nor over-reserved, and
// every counter still equals the sum of its ledger movements.
import { expect } from 'chai';
import { buildWorld, checkConsistency, orderRequest, type OrderItem } from './order-world.js';
import {
  formatTally,
  freshDatabase,
  HttpClient,
  startApp,
  tally,
  tail,
  type AppProcess,
  type RelDatabase,
} from './support.js';

const ORDERS = 500;
const STOCK_FOR = 100;
const MOZZARELLA_PER_PIZZA = 120; // Margherita M in the factories' recipe, the scarce ingredient here

describe('R1 stock race', function () {
  let rel: RelDatabase | undefined;
  let app: AppProcess | undefined;

  after(async () => {
    await app?.stop();
    await rel?.drop();
  });

  it(`when ${ORDERS} orders race for stock for ${STOCK_FOR}, then exactly ${STOCK_FOR} are accepted and the rest get 409`, async () => {
    rel = await freshDatabase('race');
    const w = await buildWorld(rel.db, { mozzarella: STOCK_FOR * MOZZARELLA_PER_PIZZA, customers: 20 });
    app = await startApp(rel.url);
    const client = new HttpClient(app.url);
    const items: OrderItem[] = [{ size: 'M', quantity: 1 }];
    const sent = new Map<string, OrderItem[]>();
    const requests = Array.from({ length: ORDERS }, (_, i) => {
      const key = `rel-race-${process.pid}-${i}`;
      sent.set(key, items);
      return orderRequest(w, items, w.customers[i % w.customers.length].token, key);
    });

    // All sent at once (one socket each): they overlap at the server, where only the stock lock orders them.
    const started = Date.now();
    let inFlight = 0;
    let maxInFlight = 0;
    const outcomes = await Promise.all(
      requests.map(async (spec) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        const outcome = await client.request(spec, 60_000);
        inFlight--;
        return outcome;
      }),
    );
    const ms = Date.now() - started;
    client.close();

    const accepted = outcomes.filter((o) => o.kind === 'answered' && o.status === 201);
    const refused = outcomes.filter(
      (o) => o.kind === 'answered' && o.status === 409 && o.body?.error?.code === 'insufficient_stock',
    );
    const others = outcomes.filter((o) => !accepted.includes(o) && !refused.includes(o));
    const state = await checkConsistency(rel.db, w, sent);
    const mozza = state.stock.get(w.ingredients.mozza)!;
    console.log(
      `      R1: ${ORDERS} orders (${maxInFlight} in flight at once) for stock of ${STOCK_FOR} -> ` +
        `${accepted.length} accepted, ${refused.length} refused (409 insufficient_stock), ${others.length} other` +
        `${others.length ? ` (${formatTally(tally(others))})` : ''}; mozzarella on_hand ${mozza.onHand} ` +
        `reserved ${mozza.reserved}; ${state.orders} orders in the database; ` +
        `ledger discrepancies ${state.ledger.length}; ${ms} ms`,
    );

    expect(formatTally(tally(others)), tail(app.output(), 10)).to.equal('none');
    expect(accepted).to.have.length(STOCK_FOR);
    expect(refused).to.have.length(ORDERS - STOCK_FOR);
    expect(mozza).to.deep.equal({
      onHand: STOCK_FOR * MOZZARELLA_PER_PIZZA,
      reserved: STOCK_FOR * MOZZARELLA_PER_PIZZA,
    });
    expect(state.orders).to.equal(STOCK_FOR);
    const ids = new Set(accepted.map((o) => (o.kind === 'answered' ? o.body.order.id : '')));
    expect(ids.size, 'distinct orders answered 201').to.equal(STOCK_FOR);
    const numbers = new Set(accepted.map((o) => (o.kind === 'answered' ? o.body.order.number : '')));
    expect(numbers.size, 'distinct order numbers').to.equal(STOCK_FOR);
    expect(state.incomplete).to.deep.equal([]);
    expect(state.reservationsWithoutOrder).to.equal(0);
    expect(state.stockProblems).to.deep.equal([]);
    expect(state.ledger).to.deep.equal([]);

    // The menu agrees: the pizza can no longer be made, in any size.
    const menu = await fetch(`${app.url}/api/pizzerias/${w.shopId}/menu`);
    const body = (await menu.json()) as { products: { id: number; sizes: { available: boolean }[] }[] };
    const pizza = body.products.find((p) => p.id === w.margherita.productId)!;
    expect(pizza.sizes.map((s) => s.available)).to.deep.equal([false, false]);
  });
});
