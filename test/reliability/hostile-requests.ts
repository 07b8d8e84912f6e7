// R5's generator (fast-check): requests to every public and staff endpoint that must all be refused — a broken
// field in an otherwise valid body (wrong type, missing, out of range, too long, blank, NUL byte), extra keys,
// unicode everywhere, invalid or oversized or deeply nested or wrongly typed or wrongly encoded bodies, bad
// path parameters and query strings, bad Idempotency-Key headers, bad or foreign bearer tokens, random
// methods and paths, forged webhooks. Each request is built to be invalid, so that none may write anything:
// the few valid bodies go only where they cannot (reads, or an order in a final state).
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Role } from '../../src/shared/permissions.js';

export interface HostileWorld {
  shopId: number;
  productId: number;
  sizeIds: number[];
  extraId: number;
  ingredientId: number;
  customerToken: string;
  otherCustomerToken: string;
  staffTokens: Record<Role, string>;
  addressId: number;
  otherAddressId: number;
  /** Orders in a final state (collected, cancelled): every step on them is refused. */
  finalOrderIds: string[];
}

export interface HostileRequest {
  /** The endpoint aimed at (`POST /api/orders`), or `random` for made-up routes. */
  endpoint: string;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

type Arb<T = unknown> = fc.Arbitrary<T>;
interface Field {
  valid: Arb;
  invalid: Arb;
  optional?: boolean;
}
type Fields = Record<string, Field>;

// ------------------------------------------------------------------------------------------ values

const SPICY = [
  '🍕',
  '👩‍👩‍👧‍👦',
  '\u202etxt.exe',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o',
  'e\u0301te\u0301',
  '\u2028\u2029',
  "'; DROP TABLE orders; --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00%ZZ',
  '\\u0000',
  'null',
  'NaN',
  '𝕺𝕮 𝕻𝖎𝖟𝖟𝖆',
  'ﷺ',
  '\u0001\u0007\u001b[31m',
  '\ud800',
  '4242424242424242',
];
const unicode: Arb<string> = fc.oneof(
  fc.constantFrom(...SPICY),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
/** A string the schemas accept (1..max characters, not blank, no NUL). */
const text = (max: number): Arb<string> =>
  unicode.map((s) => s.replaceAll('\u0000', '').slice(0, max)).filter((s) => s.trim().length > 0);
const withNul = unicode.map((s) => `${s.slice(0, 5)}\u0000${s.slice(5)}`);
const tooLong = (max: number) => fc.constantFrom('x', 'é', '🍕', '\u202e').map((c) => c.repeat(max + 1));
const blank = fc.constantFrom('', '   ', '\t\n', '\u3000\u00a0');
const WRONG: unknown[] = [true, false, [], {}, [null], { $gt: '' }, 0, -1, '1', '', null];
/** Values of another JSON type than the field's; `accepted` names what the field does accept. */
const wrongTypes = (...accepted: ('string' | 'number' | 'bool' | 'null' | 'emptyArray')[]) =>
  fc.constantFrom(
    ...WRONG.filter(
      (v) =>
        !(accepted.includes('string') && typeof v === 'string') &&
        !(accepted.includes('number') && typeof v === 'number') &&
        !(accepted.includes('bool') && typeof v === 'boolean') &&
        !(accepted.includes('null') && v === null) &&
        !(accepted.includes('emptyArray') && Array.isArray(v) && v.length === 0),
    ),
  );
const finite = { noNaN: true, noDefaultInfinity: true } as const;
const nonInteger = fc.double({ ...finite, noInteger: true });

const badInt = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: -(2 ** 31), max: min - 1 }),
    fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.constantFrom(1e308, -1e308, 2 ** 53, -(2 ** 53)).filter((n) => n < min || n > max),
    nonInteger,
    unicode,
    wrongTypes('number'),
  );
const badString = (max: number, options: { min?: number; nullable?: boolean } = {}) =>
  fc.oneof(
    tooLong(max),
    withNul,
    ...(options.min ? [blank] : []),
    fc.double(finite),
    options.nullable ? wrongTypes('string', 'null') : wrongTypes('string'),
  );
const badEnum = (values: string[]) =>
  fc.oneof(
    unicode.filter((s) => !values.includes(s)),
    fc.constantFrom(...values).map((v) => v.toUpperCase() + ' '),
    wrongTypes('string'),
  );

const id = (value: number): Field => ({ valid: fc.constant(value), invalid: badInt(1, 2 ** 31 - 1) });
const int = (valid: Arb<number>, min: number, max: number): Field => ({ valid, invalid: badInt(min, max) });
const str = (max: number, min = 1, optional = false, nullable = false): Field => ({
  valid: text(max),
  invalid: badString(max, { min, nullable }),
  optional,
});
const oneOf = (values: string[], valid = values): Field => ({
  valid: fc.constantFrom(...valid),
  invalid: badEnum(values),
});
const email: Field = {
  valid: fc.uuid().map((u) => `r5.${u.slice(0, 8)}@example.fr`),
  invalid: fc.oneof(
    fc.constantFrom('plainaddress', '@example.fr', 'a@@b.fr', 'a b@c.fr', `${'x'.repeat(250)}@e.fr`),
    withNul,
    blank,
    wrongTypes('string'),
  ),
};
const postcode: Field = {
  valid: fc.constant('75011'),
  invalid: fc.oneof(fc.constantFrom('7501', '750111', 'ABCDE', '75 011', '７５０１１'), wrongTypes()),
};
const coordinate = (limit: number): Field => ({
  valid: fc.double({ min: -limit, max: limit, ...finite }),
  invalid: fc.oneof(
    fc.double({ min: limit, minExcluded: true, ...finite }),
    fc.double({ max: -limit, maxExcluded: true, ...finite }),
    wrongTypes('number', 'null'),
  ),
  optional: true,
});

/** A body with 1 to 3 of its fields broken (each replaced by an invalid value, or left out when required). */
function brokenBody(fields: Fields): Arb<Record<string, unknown>> {
  const names = Object.keys(fields);
  const map = <T>(f: (field: Field) => Arb<T>) =>
    fc.record(Object.fromEntries(names.map((n) => [n, f(fields[n])])) as Record<string, Arb<T>>);
  return fc
    .record({
      values: map((f) => (f.optional ? fc.option(f.valid, { nil: undefined }) : f.valid)),
      bad: map((f) => f.invalid),
      broken: fc.subarray(names, { minLength: 1, maxLength: Math.min(3, names.length) }),
      drop: fc.boolean(),
      extra: fc.dictionary(unicode, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    })
    .map(({ values, bad, broken, drop, extra }) => {
      const body: Record<string, unknown> = { ...extra, ...values };
      for (const name of broken) {
        if (drop && !fields[name].optional) delete body[name];
        else body[name] = bad[name];
      }
      return body;
    });
}

function validBody(fields: Fields): Arb<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(fields).map(([n, f]) => [
        n,
        f.optional ? fc.option(f.valid, { nil: undefined }) : f.valid,
      ]),
    ),
  );
}

const validKey = fc.stringMatching(/^[A-Za-z0-9_-]{8,100}$/);
const badKey: Arb<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,7}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{101,140}$/),
  fc
    .tuple(validKey, fc.constantFrom(' ', '.', '/', 'é', ':', '@', '"', '\u00ff'))
    .map(([k, c]) => `${k.slice(0, 4)}${c}${k.slice(4)}`),
);

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return Buffer.from(s).toString('hex'); // a lone surrogate cannot be percent-encoded
  }
};
const badSegment: Arb<string> = fc.oneof(
  unicode.map(encode),
  fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%00', '%C0%AF', '..', '4242424242424242', '-1', '0', '1.5'),
  fc.constantFrom('x', '9', '%41').map((c) => c.repeat(3000)),
);

// ------------------------------------------------------------------------------------------ endpoints

function endpointFields(w: HostileWorld) {
  const validItem = fc.record({
    productId: fc.constant(w.productId),
    sizeId: fc.constantFrom(...w.sizeIds),
    quantity: fc.integer({ min: 1, max: 3 }),
    extraIds: fc.option(fc.constant([w.extraId]), { nil: undefined }),
  });
  const itemFields: Fields = {
    productId: id(w.productId),
    sizeId: id(w.sizeIds[0]),
    quantity: int(fc.integer({ min: 1, max: 50 }), 1, 50),
    extraIds: {
      valid: fc.constant([w.extraId]),
      invalid: fc.oneof(
        fc.constant([w.extraId, w.extraId]),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 11, maxLength: 12 }),
        fc.array(badInt(1, 2 ** 31 - 1), { minLength: 1, maxLength: 2 }),
        wrongTypes('emptyArray'),
      ),
      optional: true,
    },
  };
  const unknownItem = fc.constant({ productId: 2 ** 31 - 2, sizeId: 2 ** 31 - 2, quantity: 1 });
  const badItem = fc.oneof(brokenBody(itemFields), unknownItem);
  const items: Field = {
    valid: fc.array(validItem, { minLength: 1, maxLength: 3 }),
    invalid: fc.oneof(
      fc.constant([]),
      fc.array(validItem, { minLength: 31, maxLength: 31 }),
      fc.tuple(validItem, badItem).map(([a, b]) => [a, b]),
      fc.array(badItem, { minLength: 1, maxLength: 3 }),
      wrongTypes(),
    ),
  };
  const orderAddress: Field = {
    valid: fc.constant({ line1: '12 rue Oberkampf', postcode: '75011', city: 'Paris' }),
    invalid: fc.oneof(
      brokenBody({ line1: str(200, 3), postcode, city: str(100), lat: coordinate(90), lng: coordinate(180) }),
      wrongTypes(),
    ),
    optional: true,
  };
  const payment: Field = {
    valid: fc.record({ method: fc.constant('cash'), amountReceivedCents: fc.integer({ min: 0, max: 5000 }) }),
    invalid: fc.oneof(
      brokenBody({
        method: oneOf(['cash', 'card_terminal', 'meal_voucher']),
        amountReceivedCents: int(fc.constant(2000), 0, 1_000_000),
      }),
      wrongTypes(),
    ),
    optional: true,
  };
  const note = str(500, 0, true);
  const nullableNote = str(500, 0, true, true);
  // Purchase orders: lines of packs of an ingredient, receptions of quantities against order lines.
  const purchaseLineFields: Fields = {
    ingredientId: id(w.ingredientId),
    packs: int(fc.integer({ min: 1, max: 10 }), 1, 10_000),
  };
  const validPurchaseLine = validBody(purchaseLineFields);
  const purchaseLines: Field = {
    valid: fc.array(validPurchaseLine, { minLength: 1, maxLength: 1 }),
    invalid: fc.oneof(
      fc.constant([]),
      fc.array(validPurchaseLine, { minLength: 201, maxLength: 201 }),
      fc.array(brokenBody(purchaseLineFields), { minLength: 1, maxLength: 2 }),
      wrongTypes(),
    ),
  };
  const receptionLineFields: Fields = {
    purchaseOrderLineId: id(1),
    receivedQuantity: int(fc.integer({ min: 0, max: 1000 }), 0, 1_000_000),
    refusedQuantity: { ...int(fc.integer({ min: 0, max: 1000 }), 0, 1_000_000), optional: true },
  };
  const receptionLines: Field = {
    valid: fc.array(validBody(receptionLineFields), { minLength: 1, maxLength: 3 }),
    invalid: fc.oneof(
      fc.constant([]),
      fc.array(validBody(receptionLineFields), { minLength: 201, maxLength: 201 }),
      fc.array(brokenBody(receptionLineFields), { minLength: 1, maxLength: 2 }),
      wrongTypes(),
    ),
  };
  const address = {
    label: str(60),
    line1: str(200),
    line2: str(200, 0, true, true),
    postcode,
    city: str(100),
    instructions: str(300, 0, true, true),
    lat: coordinate(90),
    lng: coordinate(180),
    isDefault: { valid: fc.boolean(), invalid: wrongTypes('bool'), optional: true },
  } satisfies Fields;
  const strongPassword = fc.constantFrom('Valide-mot-de-passe-42', 'Pizza🍕-Nuit-2026');
  return {
    register: {
      email,
      password: {
        valid: strongPassword,
        invalid: fc.oneof(
          fc.constantFrom('', 'court1', 'sans-aucun-chiffre', '12345678901234', `${'é'.repeat(40)}1`),
          tooLong(200),
          withNul,
          wrongTypes('string'),
        ),
      },
      firstName: str(80),
      lastName: str(80),
      phone: {
        valid: fc.constantFrom('06 12 34 56 78', '+33 6 12 34 56 78', ''),
        invalid: fc.oneof(
          fc.constantFrom('abc', '12', 'x'.repeat(41)),
          withNul,
          wrongTypes('string', 'null'),
        ),
        optional: true,
      },
    },
    login: { email, password: str(200) },
    eraseMe: { password: str(200) },
    address,
    addressUpdate: Object.fromEntries(
      Object.entries(address).map(([k, f]) => [k, { ...f, optional: true }]),
    ) as Fields,
    placeOrder: {
      pizzeriaId: { ...id(w.shopId), optional: true },
      fulfilment: oneOf(['delivery', 'takeaway'], ['takeaway']),
      items,
      paymentMethod: oneOf(['card_online', 'card_on_delivery', 'cash', 'meal_voucher'], ['cash']),
      note,
    },
    quote: { pizzeriaId: id(w.shopId), fulfilment: oneOf(['delivery', 'takeaway']), items },
    modify: { items, note },
    customerCancel: { reason: str(500, 0, true) },
    staffCancel: { reason: str(500) },
    counterOrder: {
      channel: oneOf(['phone', 'counter']),
      pizzeriaId: { ...id(w.shopId), optional: true },
      customerName: str(160),
      customerPhone: { ...str(30, 6, true), valid: fc.constant('0612345678') },
      fulfilment: oneOf(['delivery', 'takeaway'], ['takeaway']),
      address: orderAddress,
      items,
      paymentMethod: oneOf(['card_on_delivery', 'cash', 'meal_voucher']),
      note,
    },
    receipt: {
      pizzeriaId: { ...id(w.shopId), optional: true },
      ingredientId: id(w.ingredientId),
      quantity: int(fc.integer({ min: 1, max: 1000 }), 1, 1_000_000),
      note,
    },
    waste: {
      pizzeriaId: { ...id(w.shopId), optional: true },
      ingredientId: id(w.ingredientId),
      quantity: int(fc.integer({ min: 1, max: 10 }), 1, 1_000_000),
      note: str(500),
    },
    count: {
      pizzeriaId: { ...id(w.shopId), optional: true },
      ingredientId: id(w.ingredientId),
      countedQuantity: int(fc.integer({ min: 0, max: 1000 }), 0, 100_000_000),
      note,
    },
    handOver: { payment },
    refund: { amountCents: int(fc.integer({ min: 1, max: 100 }), 1, 1_000_000), reason: str(500, 3) },
    correction: { method: oneOf(['cash', 'card_terminal', 'meal_voucher']), reason: str(500, 3) },
    purchaseDraft: {
      pizzeriaId: { ...id(w.shopId), optional: true },
      supplierId: id(1),
      note: nullableNote,
      lines: purchaseLines,
    },
    reception: {
      lines: receptionLines,
      note: nullableNote,
      final: { valid: fc.boolean(), invalid: wrongTypes('bool'), optional: true },
    },
  } satisfies Record<string, Fields>;
}

// ------------------------------------------------------------------------------------------ requests

interface Endpoint {
  method: string;
  /** The documented route, as `findRoute` names it (`/orders/:orderId`). */
  route: string;
  path: Arb<string>;
  /** The usual callers: mostly the right one, so that validation is reached, sometimes anyone else. */
  auth: Arb<string | undefined>;
  /** Callers that must be refused (a valid body goes only with them when it would otherwise write). */
  denied?: Arb<string | undefined>;
  fields?: Fields;
  /** A valid body from a legitimate caller writes nothing (a read, or an order in a final state). */
  safeWhenValid?: boolean;
  key?: boolean;
  query?: Arb<string>;
}

const bearer = (token: string) => `Bearer ${token}`;
const JSON_TYPE = 'application/json';
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
];

function callers(w: HostileWorld) {
  const all = [w.customerToken, w.otherCustomerToken, ...Object.values(w.staffTokens)];
  const garbage: Arb<string | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('Bearer', 'Basic dXNlcjpwYXNz', 'Bearer null', 'Bearer 4242424242424242'),
    fc.stringMatching(/^[\x21-\x7e]{1,80}$/).map(bearer),
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((s) => bearer(`ocp_${s}`)),
    fc.constantFrom(...all).map((t) => `bearer ${t}`),
    fc.constantFrom(...all).map((t) => bearer(`${t}x`)),
    fc.constantFrom(...all).map((t) => bearer(`${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`)),
  );
  const staff = Object.values(w.staffTokens).map(bearer);
  const customer = bearer(w.customerToken);
  const other = bearer(w.otherCustomerToken);
  const roleTokens = (roles: readonly Role[]) => roles.map((r) => bearer(w.staffTokens[r]));
  const ROLES = Object.keys(w.staffTokens) as Role[];
  return {
    garbage,
    customer: fc.oneof(
      { weight: 8, arbitrary: fc.constant(customer) },
      { weight: 1, arbitrary: fc.constant(other) },
      { weight: 1, arbitrary: fc.constantFrom(...staff) },
      { weight: 1, arbitrary: garbage },
    ),
    /** Never the owner of anything written: a staff token or garbage. */
    notCustomer: fc.oneof(fc.constantFrom(...staff), garbage),
    /** Customer A, or anyone who does not own customer B's address. */
    notOwnerOfOther: fc.oneof(fc.constant(customer), fc.constantFrom(...staff), garbage),
    staff: (granted: readonly Role[] = ROLES) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...roleTokens(granted)) },
        { weight: 2, arbitrary: fc.constantFrom(...staff) },
        { weight: 1, arbitrary: fc.constantFrom(customer, other) },
        { weight: 1, arbitrary: garbage },
      ),
    staffDenied: (granted: readonly Role[]) => {
      const refused = roleTokens(ROLES.filter((r) => !granted.includes(r)));
      return fc.oneof(fc.constantFrom(customer, other, ...refused), garbage);
    },
    notStaff: fc.oneof(fc.constantFrom(customer, other), garbage),
  };
}

function endpoints(w: HostileWorld): Endpoint[] {
  const f = endpointFields(w);
  const who = callers(w);
  const orderId = fc.oneof(fc.constantFrom(...w.finalOrderIds), fc.uuid(), badSegment);
  const orderPath = (prefix: string, suffix = '') => orderId.map((id) => `${prefix}/${id}${suffix}`);
  const anyAddress = fc.oneof(
    fc.constantFrom(String(w.addressId), String(w.otherAddressId), '999999999', '0', '-1', '1.5', '1e3'),
    badSegment,
  );
  const notOwnAddress = fc.oneof(
    fc.constantFrom(String(w.otherAddressId), '999999999', '0', '-1', '1.5', '1e3'),
    badSegment,
  );
  const value = fc.oneof(
    unicode.map(encode),
    badSegment,
    fc.constantFrom('', '0', '-1', '1.5', '1e3', '1e400', 'NaN', 'Infinity', '999999999999', ' 1', '0x10'),
    fc.constantFrom(String(w.shopId), '2026-01-01', '2026-02-30', '0000-01-01', '9999-12-31', '2026-13-01'),
  );
  const query = (...names: string[]) =>
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...names), unicode.map(encode)), value), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
  const get = (route: string, auth: Arb<string | undefined>, extra: Partial<Endpoint> = {}): Endpoint => ({
    method: 'GET',
    route,
    path: fc.constant(`/api${route}`),
    auth,
    query: query('pizzeriaId', 'access_token', 'limit'),
    ...extra,
  });
  const staffList = (route: string, roles: readonly Role[]) =>
    get(route, who.staff(roles), { query: query('pizzeriaId') });
  const step = (name: string, roles: readonly Role[], fields?: Fields): Endpoint => ({
    method: 'POST',
    route: `/staff/orders/:orderId/${name}`,
    path: orderPath('/api/staff/orders', `/${name}`),
    auth: who.staff(roles),
    denied: who.staffDenied(roles),
    fields,
    safeWhenValid: true,
  });
  const post = (route: string, fields: Fields, extra: Partial<Endpoint>): Endpoint => ({
    method: 'POST',
    route,
    path: fc.constant(`/api${route}`),
    auth: fc.constant(undefined),
    fields,
    ...extra,
  });
  const kitchen = ['admin', 'manager', 'pizzaiolo'] as const;
  const counter = ['admin', 'manager', 'counter'] as const;
  const managers = ['admin', 'manager'] as const;
  const purchasingView = ['admin', 'manager', 'accountant'] as const;
  // Mostly well-formed ids, so that the body and the query are validated (a malformed id is another route: 404).
  const purchaseOrderPath = (suffix: string) =>
    fc
      .oneof(
        { weight: 4, arbitrary: fc.constantFrom('999999999', '2147483647') },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom('0', '-1', '1.5', '1e3'), badSegment) },
      )
      .map((poId) => `/api/staff/purchase-orders/${poId}${suffix}`);
  return [
    get('/pizzerias', fc.constant(undefined)),
    get('/pizzerias/:pizzeriaId/menu', who.garbage, {
      path: fc
        .oneof(fc.constantFrom(String(w.shopId), 'P01', 'p01', 'P99', '0', '999999999', ' 1'), badSegment)
        .map((ref) => `/api/pizzerias/${ref}/menu`),
    }),
    get('/pizzerias/nearest', who.garbage, { query: query('address', 'lat', 'lng') }),
    get('/config', who.garbage),
    get('/openapi.json', who.garbage),
    get('/me', who.customer),
    get('/me/addresses', who.customer),
    get('/me/export', who.customer),
    get('/orders', who.customer),
    get('/orders/:orderId', who.customer, { path: orderPath('/api/orders') }),
    get('/orders/:orderId/events', who.customer, {
      path: orderPath('/api/orders', '/events'),
      query: query('access_token'),
    }),
    get('/staff/me', who.staff()),
    get('/staff/recipes', who.staff(kitchen)),
    staffList('/staff/kitchen', kitchen),
    staffList('/staff/deliveries', ['admin', 'manager', 'driver']),
    staffList('/staff/takeaway', counter),
    staffList('/staff/stock', kitchen),
    staffList('/staff/stock/low', kitchen),
    staffList('/staff/kitchen/events', kitchen),
    staffList('/staff/deliveries/events', ['admin', 'manager', 'driver']),
    staffList('/staff/takeaway/events', counter),
    get('/staff/orders/:orderId', who.staff(), { path: orderPath('/api/staff/orders') }),
    get('/staff/exports/orders.csv', who.staff(['admin', 'accountant']), {
      query: query('from', 'to', 'pizzeriaId'),
    }),
    get('/staff/exports/fec', who.staff(['admin', 'accountant']), { query: query('from', 'to') }),
    post('/customers', f.register, {}),
    post('/auth/login', f.login, { safeWhenValid: true }),
    post('/staff/login', f.login, { safeWhenValid: true }),
    { method: 'POST', route: '/auth/logout', path: fc.constant('/api/auth/logout'), auth: who.notCustomer },
    { method: 'POST', route: '/staff/logout', path: fc.constant('/api/staff/logout'), auth: who.notStaff },
    post('/me/addresses', f.address, { auth: who.customer, denied: who.notCustomer }),
    // The customer's own token gets refused bodies only (a valid one goes to callers who must be refused).
    {
      method: 'DELETE',
      route: '/me',
      path: fc.constant('/api/me'),
      auth: who.customer,
      denied: who.notCustomer,
      fields: f.eraseMe,
    },
    {
      method: 'PATCH',
      route: '/me/addresses/:addressId',
      path: anyAddress.map((a) => `/api/me/addresses/${a}`),
      auth: who.customer,
      denied: who.notCustomer,
      fields: f.addressUpdate,
    },
    {
      method: 'DELETE',
      route: '/me/addresses/:addressId',
      path: notOwnAddress.map((a) => `/api/me/addresses/${a}`),
      auth: who.notOwnerOfOther,
    },
    post('/orders/quote', f.quote, { auth: who.garbage, safeWhenValid: true }),
    post('/orders', f.placeOrder, { auth: who.customer, denied: who.notCustomer, key: true }),
    {
      method: 'PATCH',
      route: '/orders/:orderId',
      path: orderPath('/api/orders'),
      auth: who.customer,
      fields: f.modify,
      safeWhenValid: true,
    },
    {
      method: 'POST',
      route: '/orders/:orderId/cancel',
      path: orderPath('/api/orders', '/cancel'),
      auth: who.customer,
      fields: f.customerCancel,
      safeWhenValid: true,
    },
    post('/staff/orders', f.counterOrder, {
      auth: who.staff(counter),
      denied: who.staffDenied(counter),
      key: true,
    }),
    step('start', kitchen),
    step('ready', kitchen),
    step('pickup', ['admin', 'manager', 'driver']),
    step('deliver', ['admin', 'manager', 'driver'], f.handOver),
    step('collect', counter, f.handOver),
    step('cancel', counter, f.staffCancel),
    { ...step('refunds', managers, f.refund), safeWhenValid: false },
    { ...step('payment-correction', managers, f.correction), safeWhenValid: false },
    post('/staff/stock/receipts', f.receipt, {
      auth: who.staff(managers),
      denied: who.staffDenied(managers),
    }),
    post('/staff/stock/waste', f.waste, { auth: who.staff(kitchen), denied: who.staffDenied(kitchen) }),
    post('/staff/stock/counts', f.count, { auth: who.staff(managers), denied: who.staffDenied(managers) }),
    // Purchasing: no purchase order exists in this world, so a valid body on an order's path writes nothing. The
    // routes without a body or a query (an order, send, cancel) have nothing to validate, and a draft's edit has
    // only optional fields (an empty body is valid, then 404): not aimed at here.
    staffList('/staff/suppliers', purchasingView),
    staffList('/staff/purchase-orders', purchasingView),
    get('/staff/purchase-orders/:id/document', who.staff(purchasingView), {
      path: purchaseOrderPath('/document'),
      query: query('format'),
    }),
    post('/staff/purchase-orders', f.purchaseDraft, {
      auth: who.staff(managers),
      denied: who.staffDenied(managers),
    }),
    {
      method: 'POST',
      route: '/staff/purchase-orders/:id/receptions',
      path: purchaseOrderPath('/receptions'),
      auth: who.staff(managers),
      denied: who.staffDenied(managers),
      fields: f.reception,
      safeWhenValid: true,
    },
  ];
}

function headersOf(auth: string | undefined, contentType: string | undefined, key?: string) {
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = auth;
  if (contentType) headers['Content-Type'] = contentType;
  if (key !== undefined) headers['Idempotency-Key'] = key;
  return headers;
}

/** Body-less requests to an endpoint: hostile path parameters, query strings and callers. */
function readRequest(e: Endpoint): Arb<HostileRequest> {
  return fc
    .record({ path: e.path, auth: e.auth, query: e.query ?? fc.constant(''), head: fc.boolean() })
    .map(({ path, auth, query, head }) => ({
      endpoint: `${e.method} /api${e.route}`,
      kind: e.method === 'GET' ? 'query' : 'no-body',
      method: e.method === 'GET' && head ? 'HEAD' : e.method,
      path: query ? `${path}?${query}` : path,
      headers: headersOf(auth, undefined),
    }));
}

function bodyRequests(e: Endpoint): { weight: number; arbitrary: Arb<HostileRequest> }[] {
  const fields = e.fields!;
  const name = `${e.method} /api${e.route}`;
  const key = e.key ? validKey : fc.constant(undefined);
  const make = (
    kind: string,
    parts: { path: string; headers: Record<string, string>; body: string | Buffer },
  ) => ({ endpoint: name, kind, method: e.method, ...parts }) as HostileRequest;
  const broken = brokenBody(fields).map((b) => JSON.stringify(b));
  const valid = validBody(fields).map((b) => JSON.stringify(b));
  const out = [
    {
      weight: 10,
      arbitrary: fc
        .record({ path: e.path, auth: e.auth, key, body: broken, proto: fc.boolean() })
        .map(({ path, auth, key, body, proto }) =>
          make('broken-body', {
            path,
            headers: headersOf(auth, JSON_TYPE, key),
            // An own "__proto__" key, which JSON.stringify of an object literal cannot produce.
            body: proto && body.length > 2 ? `{"__proto__":{"isAdmin":true},${body.slice(1)}` : body,
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          path: e.path,
          auth: e.auth,
          key,
          type: fc.option(fc.constantFrom(...WRONG_TYPES), { nil: undefined }),
          body: fc.oneof(
            valid,
            broken,
            fc.constant('<order><items/></order>'),
            fc.constant('email=a%40b.fr'),
          ),
        })
        .map(({ path, auth, key, type, body }) =>
          // Without a type, a Buffer body goes without Content-Type (a string would get text/plain).
          make('wrong-content-type', { path, headers: headersOf(auth, type, key), body: Buffer.from(body) }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          path: e.path,
          auth: e.auth,
          key,
          body: fc.oneof(
            fc.tuple(valid, fc.nat()).map(([b, n]) => b.slice(0, n % Math.max(1, b.length - 1))),
            fc.constantFrom(
              '{',
              '{"a":1,}',
              "{'a':1}",
              '{"a":NaN}',
              '{"a":1}{"b":2}',
              '/*x*/{}',
              '"text"',
              '42',
            ),
            fc.constantFrom('null', 'true', '{"a":"\u0000"}', '\ufeff{"a":'),
            fc.uint8Array({ minLength: 1, maxLength: 200 }).map((a) => Buffer.from(a)),
          ),
        })
        .map(({ path, auth, key, body }) =>
          make('invalid-json', { path, headers: headersOf(auth, JSON_TYPE, key), body }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ path: e.path, auth: e.auth, key, body: valid, size: fc.integer({ min: 65, max: 300 }) })
        .map(({ path, auth, key, body, size }) =>
          make('huge-body', {
            path,
            headers: headersOf(auth, JSON_TYPE, key),
            body: `{"padding":"${'🍕x'.repeat(size * 256)}",${body.slice(1)}`,
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          path: e.path,
          auth: e.auth,
          key,
          depth: fc.integer({ min: 100, max: 12_000 }),
          shape: fc.constantFrom('array', 'object', 'items'),
        })
        .map(({ path, auth, key, depth, shape }) => {
          const body =
            shape === 'array'
              ? '['.repeat(depth) + ']'.repeat(depth)
              : shape === 'object'
                ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
                : `{"items":${'['.repeat(depth)}${']'.repeat(depth)}}`;
          return make('deep-nesting', { path, headers: headersOf(auth, JSON_TYPE, key), body });
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          path: e.path,
          auth: e.auth,
          key,
          body: broken,
          how: fc.constantFrom(
            'gzip-garbage',
            'deflate-garbage',
            'br-garbage',
            'gzip',
            'compress',
            'latin1',
            'utf-16le',
          ),
        })
        .map(({ path, auth, key, body, how }) => {
          const headers = headersOf(auth, JSON_TYPE, key);
          let bytes: Buffer = Buffer.from(body);
          if (how.endsWith('-garbage')) {
            headers['Content-Encoding'] = how.split('-')[0];
            bytes = Buffer.from('certainly not compressed');
          } else if (how === 'gzip') {
            headers['Content-Encoding'] = 'gzip';
            bytes = gzipSync(bytes);
          } else if (how === 'compress') headers['Content-Encoding'] = 'compress';
          else {
            headers['Content-Type'] = `${JSON_TYPE}; charset=${how}`;
            bytes = Buffer.from(body, how === 'latin1' ? 'latin1' : 'utf16le');
          }
          return make(`encoding-${how}`, { path, headers, body: bytes });
        }),
    },
  ];
  // A valid body that must still change nothing: sent by a caller who is refused, with a malformed
  // Idempotency-Key, or where a valid request only reads (or meets an order that can no longer change).
  const validBodies = [
    { when: e.denied, kind: 'valid-body-refused-caller', auth: e.denied, key },
    { when: e.key, kind: 'bad-idempotency-key', auth: e.auth, key: badKey },
    { when: e.safeWhenValid, kind: 'valid-body', auth: e.auth, key },
  ];
  for (const v of validBodies) {
    if (!v.when || !v.auth) continue;
    out.push({
      weight: 2,
      arbitrary: fc
        .record({ path: e.path, auth: v.auth, key: v.key, body: valid })
        .map(({ path, auth, key, body }) =>
          make(v.kind, { path, headers: headersOf(auth, JSON_TYPE, key), body }),
        ),
    });
  }
  return out;
}

function randomRoute(w: HostileWorld): Arb<HostileRequest> {
  const who = callers(w);
  const segment = fc.oneof(
    badSegment,
    unicode.map(encode),
    fc.constantFrom('orders', 'staff', 'me', 'admin'),
  );
  return fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'FOO'),
      path: fc.oneof(
        fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/api/${s.join('/')}`),
        fc.constantFrom('/api', '/api/', '//api//orders', '/api/../api/me', '/api/%2e%2e/me', '/api/staff/'),
        fc.constantFrom('/api/customers', '/api/orders', '/api/me/addresses', '/api/staff/orders', '/api/me'),
        fc.constantFrom(
          '/%ZZ',
          '/personnel/%ZZ',
          '/assets/%ZZ',
          '/assets/../../package.json',
          '/admin/login',
        ),
      ),
      auth: who.garbage,
      body: fc.option(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
        { nil: undefined },
      ),
      bigHeader: fc.integer({ min: 0, max: 20 }),
    })
    .map(({ method, path, auth, body, bigHeader }) => {
      const headers = headersOf(auth, body === undefined ? undefined : JSON_TYPE);
      if (bigHeader === 0) headers.Cookie = `x=${'c'.repeat(20_000)}`;
      if (bigHeader === 1) headers['X-Request-Id'] = '../../\u00e9\u00ff'.repeat(30);
      const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
      return {
        endpoint: 'random',
        kind: 'random-route',
        method,
        path,
        headers,
        body: withBody ? body : undefined,
      };
    });
}

function forgedWebhook(): Arb<HostileRequest> {
  const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
  const now = Math.floor(Date.now() / 1000);
  const event = JSON.stringify({
    id: 'evt_forged',
    object: 'event',
    type: 'payment_intent.succeeded',
    created: now,
    data: { object: { object: 'payment_intent', id: 'pi_forged', status: 'succeeded', amount: 1290 } },
  });
  return fc
    .record({
      body: fc.oneof(
        fc.constant(event),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ''),
        unicode,
      ),
      signature: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('t=1,v1=abc', 't=,v1=', 'garbage', `t=${now}`),
        hex64.map((h) => `t=${now},v1=${h}`),
        hex64.map((h) => `t=${now - 3600},v1=${h},v0=${h}`),
        fc.stringMatching(/^[\x21-\x7e]{1,120}$/),
      ),
    })
    .map(({ body, signature }) => ({
      endpoint: 'POST /api/payments/stripe/webhook',
      kind: 'forged-webhook',
      method: 'POST',
      path: '/api/payments/stripe/webhook',
      headers: { 'Content-Type': JSON_TYPE, ...(signature ? { 'Stripe-Signature': signature } : {}) },
      body,
    }));
}

/** One hostile request to any endpoint; every endpoint and kind of attack is drawn in proportion. */
export function hostileRequest(w: HostileWorld): Arb<HostileRequest> {
  const choices: { weight: number; arbitrary: Arb<HostileRequest> }[] = [];
  for (const e of endpoints(w)) {
    if (e.fields) choices.push(...bodyRequests(e));
    else choices.push({ weight: e.method === 'GET' ? 4 : 6, arbitrary: readRequest(e) });
    if (e.fields && e.route.includes(':'))
      choices.push({ weight: 3, arbitrary: readRequest(e).map(asNoBody) });
  }
  choices.push({ weight: 40, arbitrary: randomRoute(w) }, { weight: 15, arbitrary: forgedWebhook() });
  return fc.oneof(...choices);
}

/** A body endpoint called with a hostile path and no body at all (only where that writes nothing). */
function asNoBody(r: HostileRequest): HostileRequest {
  return { ...r, kind: 'path-no-body' };
}

/** The documented endpoints the generator aims at (for the figure and the coverage check). */
export function endpointNames(w: HostileWorld): string[] {
  return [...endpoints(w).map((e) => `${e.method} /api${e.route}`), 'POST /api/payments/stripe/webhook'];
}
