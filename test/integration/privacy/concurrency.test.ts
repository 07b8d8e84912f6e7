// An order placed by a customer at the very moment their account is erased: either the order is placed and the
// erasure refused (409 order_in_progress), or the erasure is done and the placement refused with a clean 4xx
// (the account is gone: 401). Never a 500, never an order left holding the person.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, newKey } from '../../factories/shop.js';

const ROUNDS = 8;
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Personal data: erasure racing an order', function () {
  this.timeout(120_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  it('when an order and the erasure of its account are fired at once, then one of them is refused cleanly, round after round', async () => {
    const api = client(app.url);
    const w = await createShopWorld(app.db);
    const outcomes: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const person = {
        email: `course${round}@example.test`,
        password: 'Course-au-compte-2026',
        firstName: `Prénom${round}`,
        lastName: `Coursier${round}`,
        phone: `06 11 22 33 ${String(round).padStart(2, '0')}`,
      };
      const registered = await api.post('/api/customers', { body: person });
      expect(registered.status).to.equal(201);
      const { token } = registered.body;
      const customerId = registered.body.customer.id as number;
      // The order leaves a little later each round (0 to 140 ms) so that the rounds cross the erasure's password
      // check, its transaction and its commit: both outcomes happen (no timing is asserted).
      const [order, erasure] = await Promise.all([
        later((round - 1) * 20).then(() =>
          api.post('/api/orders', {
            token,
            headers: { 'Idempotency-Key': newKey() },
            body: {
              pizzeriaId: w.shopId,
              fulfilment: 'takeaway',
              items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
              paymentMethod: 'cash',
            },
          }),
        ),
        api.delete('/api/me', { token, body: { password: person.password } }),
      ]);
      const pair = `${order.status}/${erasure.status}`;
      outcomes.push(pair + (order.body.error ? ':' + order.body.error.code : ''));
      expect(
        ['201/409', '401/204'],
        `round ${round}: ${JSON.stringify([order.body, erasure.body])}`,
      ).to.include(pair);
      const [{ customers, named, held }] = await app.db.query<{
        customers: number;
        named: number;
        held: number;
      }>(
        `SELECT (SELECT count(*)::int FROM customers WHERE id = $1) AS customers,
                (SELECT count(*)::int FROM orders WHERE customer_name LIKE $2) AS named,
                (SELECT count(*)::int FROM orders WHERE customer_id IS NULL AND personal_data_erased_at IS NULL) AS held`,
        { type: QueryTypes.SELECT, bind: [customerId, `%Coursier${round}%`] },
      );
      if (pair === '201/409') {
        expect({ customers, named }).to.deep.equal({ customers: 1, named: 1 });
        expect(order.body.order.status).to.equal('received');
      } else {
        expect({ customers, named }).to.deep.equal({ customers: 0, named: 0 });
        expect(order.body.error.code).to.be.oneOf(['account_closed', 'unauthorized']);
      }
      expect(held, 'an order without its account still holding personal data').to.equal(0);
    }
    expect(outcomes).to.have.length(ROUNDS);
  });
});
