// A request of a customer that waits for the account's row while the account is being erased (the erasure holds
// the row FOR UPDATE, then deletes it) ends with a clean answer once the erasure commits, never a 500 from the
// foreign key: an order (401 account_closed), a new address (401 account_closed), a sign-in (401
// invalid_credentials), a password reset request (202, the same answer as for an unknown address).
import { expect } from 'chai';
import pg from 'pg';
import { QueryTypes } from 'sequelize';
import { client, type ApiResponse } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { TEST_DATABASE_URL } from '../../helpers/db.js';
import { createShopWorld, newKey, type ShopWorld } from '../../factories/shop.js';
import { waitFor } from '../../helpers/wait.js';

const PASSWORD = 'Compte-efface-2026';

describe('Personal data: a request waiting while its account is erased', function () {
  this.timeout(60_000);
  let app: TestApp;
  let world: ShopWorld;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());
  beforeEach(async () => {
    world = await createShopWorld(app.db);
  });

  /** Holds the account's row as the erasure does, lets `request` start and wait for it, then deletes the row. */
  async function erasedWhile(request: (token: string, email: string) => Promise<ApiResponse>) {
    const api = client(app.url);
    const email = `efface${Date.now()}@example.test`;
    const registered = await api.post('/api/customers', {
      body: { email, password: PASSWORD, firstName: 'Noé', lastName: 'Effacé' },
    });
    expect(registered.status).to.equal(201);
    const id = registered.body.customer.id as number;
    const erasure = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await erasure.connect();
    try {
      await erasure.query('BEGIN');
      await erasure.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [id]);
      const answer = request(registered.body.token, email);
      await waitFor('the request waits for the account row', async () => {
        const [{ n }] = await app.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`,
          { type: QueryTypes.SELECT },
        );
        return n > 0;
      });
      await erasure.query('DELETE FROM customers WHERE id = $1', [id]);
      await erasure.query('COMMIT');
      return await answer;
    } finally {
      await erasure.end();
    }
  }

  it('when an order waits for the account being erased, then 401 account_closed and no order', async () => {
    const res = await erasedWhile((token) =>
      client(app.url).post('/api/orders', {
        token,
        headers: { 'Idempotency-Key': newKey() },
        body: {
          pizzeriaId: world.shopId,
          fulfilment: 'takeaway',
          items: [{ productId: world.margherita.productId, sizeId: world.margherita.sizeM, quantity: 1 }],
          paymentMethod: 'cash',
        },
      }),
    );
    expect([res.status, res.body.error?.code]).to.deep.equal([401, 'account_closed']);
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders`, {
      type: QueryTypes.SELECT,
    });
    expect(n).to.equal(0);
  });

  it('when a new address waits for the account being erased, then 401 account_closed', async () => {
    const res = await erasedWhile((token) =>
      client(app.url).post('/api/me/addresses', {
        token,
        body: { label: 'Maison', line1: '5 rue Oberkampf', postcode: '75011', city: 'Paris' },
      }),
    );
    expect([res.status, res.body.error?.code]).to.deep.equal([401, 'account_closed']);
  });

  it('when a sign-in waits for the account being erased, then 401 invalid_credentials', async () => {
    const res = await erasedWhile((_token, email) =>
      client(app.url).post('/api/auth/login', { body: { email, password: PASSWORD } }),
    );
    expect([res.status, res.body.error?.code]).to.deep.equal([401, 'invalid_credentials']);
  });

  it('when a password reset request waits for the account being erased, then 202 and no mail', async () => {
    const res = await erasedWhile((_token, email) =>
      client(app.url).post('/api/auth/password-reset', { body: { email } }),
    );
    expect(res.status).to.equal(202);
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`, {
      type: QueryTypes.SELECT,
    });
    expect(n).to.equal(0);
  });
});
