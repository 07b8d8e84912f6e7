// The document and the server agree, in both directions, on request bodies:
// 1. bodies drawn at random from the document's own schemas (fast-check + Ajv, see json-schema-arbitrary.ts)
//    are never refused for their shape: no 400, no 422 `validation_failed`, nor any of the shape rules the
//    document states (address_required, pizzeria_required...);
// 2. any JSON at all, or a valid body with one field broken, gets an answer the document lists for the
//    operation (status and error body: `call()` checks every answer against the document), never a 5xx.
import { expect } from 'chai';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  createShopWorld,
  customerWithToken,
  staffWithToken,
  takeawayMargherita,
} from '../../factories/shop.js';
import { createCustomerAddress } from '../../factories/people.js';
import { createSupplier, supplierItem } from '../../factories/purchasing.js';
import { call } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { allowedBy, type JsonSchema } from '../../helpers/json-schema-arbitrary.js';

interface Operation {
  operationId: string;
  method: string;
  path: string;
  body: JsonSchema;
  security: Record<string, unknown>[];
  headers: { name: string; schema: JsonSchema }[];
}

/** Refusals that mean "this body's shape is wrong": the document says them, so a body it allows never gets one. */
const SHAPE_CODES = new Set(['validation_failed', 'address_required', 'pizzeria_required']);
// weak_password: the document's pattern says the length in characters, a letter and a digit; what it cannot say
// as a pattern (72 bytes at most in UTF-8, not the e-mail's local part) is in the field's description.
const PASSWORD_RULES_IN_PROSE = new Set(['max_length', 'email']);

let clients = 0;
const clientAddress = () => `10.${(++clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;

const RUNS = Number(process.env.OPENAPI_PROPERTY_RUNS ?? 25);

describe('API contract: random bodies from the document against the server', function () {
  this.timeout(300_000);
  let app: TestApp;
  let operations: Operation[];
  let world: Awaited<ReturnType<typeof createShopWorld>>;
  let customer: { token: string; id: number };
  let manager: string;
  let addressId: number;
  let orderIds: { customer: string[]; shop: string[] };
  let purchase: { supplierId: number; orderId: number; lineId: number };

  before(async () => {
    // Behind a trusted proxy, each request names its own client address: the rate limits of sign-in and
    // registration (tested elsewhere) do not turn every later request into a 429.
    app = await startTestApp({ TRUST_PROXY: '1' });
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, any>>;
    };
    operations = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const body = op.requestBody?.content?.['application/json']?.schema;
        // The webhook reads raw bytes signed by Stripe: a random body can only be refused (400 invalid_signature).
        if (!body || op.operationId === 'receiveStripeEvent') continue;
        operations.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          path,
          body,
          security: op.security ?? [],
          headers: (op.parameters ?? [])
            .filter((p: any) => p.in === 'header')
            .map((p: any) => ({ name: p.name, schema: p.schema })),
        });
      }
    }
  });
  after(() => app?.close());

  // Every test starts on an empty database (root hook): its shop, people and orders.
  beforeEach(async () => {
    world = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
    manager = (await staffWithToken(app.db, 'manager', world.shopId)).token;
    addressId = await createCustomerAddress(app.db, customer.id, { label: 'Maison' });
    orderIds = { customer: [], shop: [] };
    for (let i = 0; i < 3; i++) {
      const placed = await call(app.url, 'POST', '/api/orders', {
        token: customer.token,
        headers: { 'Idempotency-Key': `prop-${randomUUID()}` },
        body: takeawayMargherita(world),
      });
      expect(placed.status).to.equal(201);
      orderIds.customer.push(placed.body.order.id);
      orderIds.shop.push(placed.body.order.id);
    }
    // A supplier of the shop's mozzarella and a draft purchase order to it.
    const supplierId = await createSupplier(app.db);
    await supplierItem(app.db, supplierId, world.ingredients.mozza);
    const draft = await call(app.url, 'POST', '/api/staff/purchase-orders', {
      token: manager,
      body: { supplierId, lines: [{ ingredientId: world.ingredients.mozza, packs: 1 }] },
    });
    expect(draft.status).to.equal(201);
    purchase = { supplierId, orderId: draft.body.id, lineId: draft.body.lines[0].id };
  });

  /** Real ids where the body names one (half the time), so that requests reach the rules past the lookups. */
  function withRealIds(body: any, real: boolean): any {
    if (!real || body === null || typeof body !== 'object') return body;
    const copy = structuredClone(body);
    if ('pizzeriaId' in copy) copy.pizzeriaId = world.shopId;
    if ('ingredientId' in copy) copy.ingredientId = world.ingredients.mozza;
    if ('addressId' in copy) copy.addressId = addressId;
    if ('supplierId' in copy) copy.supplierId = purchase.supplierId;
    // Purchase order lines (one ingredient the supplier sells) and reception lines (the draft's line).
    if (Array.isArray(copy.lines) && copy.lines.length > 0 && typeof copy.lines[0] === 'object') {
      const [line] = copy.lines;
      if ('ingredientId' in line) line.ingredientId = world.ingredients.mozza;
      if ('purchaseOrderLineId' in line) line.purchaseOrderLineId = purchase.lineId;
      copy.lines = [line];
    }
    for (const item of Array.isArray(copy.items) ? copy.items : []) {
      item.productId = world.margherita.productId;
      item.sizeId = world.margherita.sizeM;
      if (Array.isArray(item.extraIds)) item.extraIds = item.extraIds.length ? [world.extraMozza] : [];
    }
    return copy;
  }

  function urlOf(op: Operation, n: number): string {
    const pick = (xs: string[]) => xs[n % xs.length];
    return op.path
      .replace('{orderId}', pick(op.path.startsWith('/api/staff') ? orderIds.shop : orderIds.customer))
      .replace('{addressId}', String(addressId))
      .replace('{id}', String(purchase.orderId));
  }

  function tokenFor(op: Operation): string | undefined {
    if (op.security.length === 0) return undefined;
    return 'customerToken' in op.security[0] ? customer.token : manager;
  }

  const headerValues = (op: Operation) =>
    fc.record(Object.fromEntries(op.headers.map((h) => [h.name, allowedBy(h.schema)]))) as fc.Arbitrary<
      Record<string, string>
    >;

  it('when bodies are drawn from the document, then the server never refuses them for their shape', async () => {
    expect(operations.length).to.be.above(15);
    const seen: Record<string, Record<number, number>> = {};
    for (const op of operations) {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(allowedBy(op.body), fc.boolean(), headerValues(op), async (drawn, real, headers) => {
          const body = withRealIds(drawn, real);
          const res = await call(app.url, op.method, urlOf(op, n++), {
            token: tokenFor(op),
            headers: { ...headers, 'X-Forwarded-For': clientAddress() },
            body,
          });
          (seen[op.operationId] ??= {})[res.status] = (seen[op.operationId][res.status] ?? 0) + 1;
          const what = `${op.operationId} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          expect(res.status, what).to.be.below(500);
          expect(res.status, what).to.not.equal(400);
          if (res.status === 422) {
            const { code, details } = res.body.error;
            expect(SHAPE_CODES.has(code), what).to.equal(false);
            if (code === 'weak_password') {
              for (const d of details) expect(PASSWORD_RULES_IN_PROSE.has(d.rule), what).to.equal(true);
            }
          }
        }),
        { numRuns: RUNS },
      );
    }
    if (process.env.OPENAPI_PROPERTY_DEBUG) console.log(JSON.stringify(seen));
    // The draws reached the operations' successes, not only their refusals.
    const succeeded = Object.entries(seen).filter(([, s]) => Object.keys(s).some((k) => Number(k) < 300));
    expect(succeeded.length, JSON.stringify(seen)).to.be.at.least(Math.floor(operations.length / 2));
  });

  it('when any JSON, or a valid body with one field broken, is sent, then every answer is one the document lists', async () => {
    const broken = (op: Operation) =>
      fc.oneof(
        fc.jsonValue(),
        fc.tuple(allowedBy(op.body), fc.jsonValue(), fc.nat()).map(([valid, junk, i]) => {
          if (valid === null || typeof valid !== 'object' || Array.isArray(valid)) return junk;
          const keys = Object.keys(valid);
          if (keys.length === 0) return { unexpected: junk };
          return { ...valid, [keys[i % keys.length]]: junk };
        }),
      );
    for (const op of operations) {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(broken(op), headerValues(op), async (body, headers) => {
          // call() fails the test if the status or the error body is not what the document says.
          const res = await call(app.url, op.method, urlOf(op, n++), {
            token: tokenFor(op),
            headers: { ...headers, 'X-Forwarded-For': clientAddress() },
            body,
          });
          expect(res.status, `${op.operationId} ${JSON.stringify(body).slice(0, 200)}`).to.be.below(500);
          if (res.status >= 400) expect(res.body.error.message).to.be.a('string').and.not.equal('');
        }),
        { numRuns: RUNS },
      );
    }
  });
});
