import { expect } from 'chai';
import { MAX_ADDRESSES_PER_CUSTOMER } from '../../../src/modules/customers/addresses.service.js';
import { createCustomerAddress, createLoggedInCustomer } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

const home = {
  label: 'Domicile',
  line1: '18 rue de la Roquette',
  line2: 'Bât. B, 3e étage',
  postcode: '75011',
  city: 'Paris',
  instructions: 'Digicode 4821A',
  lat: 48.854,
  lng: 2.3725,
};

describe('customer addresses', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  const defaults = async (customerId: number) => {
    const [rows] = await app.db.query(
      `SELECT id FROM addresses WHERE customer_id = $1 AND is_default ORDER BY id`,
      { bind: [customerId] },
    );
    return (rows as { id: number }[]).map((r) => r.id);
  };

  it('when a customer adds, lists, edits and deletes an address, then each step answers as documented', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const token = camille.token;
    const created = await api.post('/api/me/addresses', { token, body: home });
    expect(created.status).to.equal(201);
    expect(created.body.address).to.deep.include({ ...home, isDefault: true });
    const id = created.body.address.id;

    const list = await api.get('/api/me/addresses', { token });
    expect(list.status).to.equal(200);
    expect(list.body.addresses.map((a: { id: number }) => a.id)).to.deep.equal([id]);

    const edited = await api.patch(`/api/me/addresses/${id}`, {
      token,
      body: { label: 'Maison', instructions: 'Interphone Martin', line2: '' },
    });
    expect(edited.status).to.equal(200);
    expect(edited.body.address).to.include({
      label: 'Maison',
      instructions: 'Interphone Martin',
      line2: null,
    });
    expect(edited.body.address).to.include({ line1: home.line1, lat: home.lat, isDefault: true });

    expect((await api.delete(`/api/me/addresses/${id}`, { token })).status).to.equal(204);
    expect((await api.get('/api/me/addresses', { token })).body.addresses).to.deep.equal([]);
    expect((await api.delete(`/api/me/addresses/${id}`, { token })).status).to.equal(404);
  });

  it('when only the required fields are given, then the optional ones are empty', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const res = await api.post('/api/me/addresses', {
      token: camille.token,
      body: { label: 'Bureau', line1: '25 rue Oberkampf', postcode: ' 75011 ', city: 'Paris' },
    });
    expect(res.status).to.equal(201);
    expect(res.body.address).to.include({ postcode: '75011', line2: null, instructions: null, lat: null });
  });

  it('when a second address is marked default, then it becomes the only default, in one step', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const token = camille.token;
    const first = (await api.post('/api/me/addresses', { token, body: home })).body.address;
    const second = (
      await api.post('/api/me/addresses', { token, body: { ...home, label: 'Bureau', isDefault: false } })
    ).body.address;
    expect(second.isDefault).to.equal(false);
    expect(await defaults(camille.id)).to.deep.equal([first.id]);

    const third = (
      await api.post('/api/me/addresses', { token, body: { ...home, label: 'Parents', isDefault: true } })
    ).body.address;
    expect(third.isDefault).to.equal(true);
    expect(await defaults(camille.id)).to.deep.equal([third.id]);

    const patched = await api.patch(`/api/me/addresses/${second.id}`, { token, body: { isDefault: true } });
    expect(patched.body.address.isDefault).to.equal(true);
    expect(await defaults(camille.id)).to.deep.equal([second.id]);
    const list = (await api.get('/api/me/addresses', { token })).body.addresses;
    expect(list[0].id).to.equal(second.id);
  });

  it('when the default address is unset or deleted, then another one stays the default', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const token = camille.token;
    const oldest = await createCustomerAddress(app.db, camille.id);
    const main = await createCustomerAddress(app.db, camille.id, { isDefault: true });
    const refused = await api.patch(`/api/me/addresses/${main}`, { token, body: { isDefault: false } });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('default_address_required');

    expect((await api.delete(`/api/me/addresses/${main}`, { token })).status).to.equal(204);
    expect(await defaults(camille.id)).to.deep.equal([oldest]);
  });

  it('when an address is moved without new coordinates, then its old coordinates are dropped', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const id = await createCustomerAddress(app.db, camille.id, { lat: 48.86, lng: 2.37 });
    const moved = await api.patch(`/api/me/addresses/${id}`, {
      token: camille.token,
      body: { line1: '3 place de la Nation', postcode: '75012' },
    });
    expect(moved.body.address).to.include({ line1: '3 place de la Nation', lat: null, lng: null });
    const located = await api.patch(`/api/me/addresses/${id}`, {
      token: camille.token,
      body: { city: 'Paris 12e', lat: 48.848, lng: 2.396 },
    });
    expect(located.body.address).to.include({ city: 'Paris 12e', lat: 48.848, lng: 2.396 });
  });

  it('when a customer uses the id of another customer’s address, then 404 and the address is untouched', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const intruder = await createLoggedInCustomer(app.db);
    const theirs = await createCustomerAddress(app.db, camille.id, { label: 'Domicile', isDefault: true });
    const token = intruder.token;
    const patch = await api.patch(`/api/me/addresses/${theirs}`, { token, body: { label: 'Piraté' } });
    const del = await api.delete(`/api/me/addresses/${theirs}`, { token });
    const missing = await api.delete('/api/me/addresses/999999', { token });
    expect([patch.status, del.status, missing.status]).to.deep.equal([404, 404, 404]);
    expect(patch.body).to.deep.equal(missing.body);
    expect(patch.body.error.code).to.equal('address_not_found');
    expect((await api.get('/api/me/addresses', { token })).body.addresses).to.deep.equal([]);
    const [[row]] = (await app.db.query(`SELECT label FROM addresses WHERE id = $1`, { bind: [theirs] })) as [
      { label: string }[],
      unknown,
    ];
    expect(row.label).to.equal('Domicile');
  });

  it(`when a customer already has ${MAX_ADDRESSES_PER_CUSTOMER} addresses, then 409 too_many_addresses`, async () => {
    const camille = await createLoggedInCustomer(app.db);
    for (let i = 0; i < MAX_ADDRESSES_PER_CUSTOMER; i++) {
      await createCustomerAddress(app.db, camille.id, { isDefault: i === 0 });
    }
    const res = await api.post('/api/me/addresses', { token: camille.token, body: home });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('too_many_addresses');
    const other = await createLoggedInCustomer(app.db);
    expect((await api.post('/api/me/addresses', { token: other.token, body: home })).status).to.equal(201);
  });

  it('when several addresses are added at the same moment, then the limit and the single default hold', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const addFive = () =>
      Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          api.post('/api/me/addresses', { token: camille.token, body: { ...home, label: `N${i}` } }),
        ),
      );
    expect((await addFive()).map((r) => r.status)).to.deep.equal([201, 201, 201, 201, 201]);
    expect(await defaults(camille.id)).to.have.length(1);

    for (let i = 5; i < MAX_ADDRESSES_PER_CUSTOMER - 2; i++) await createCustomerAddress(app.db, camille.id);
    expect((await addFive()).map((r) => r.status).sort()).to.deep.equal([201, 201, 409, 409, 409]);
    const [[row]] = (await app.db.query(`SELECT count(*)::int AS n FROM addresses`)) as [
      { n: number }[],
      unknown,
    ];
    expect(row.n).to.equal(MAX_ADDRESSES_PER_CUSTOMER);
  });

  it('when the address is malformed, then 422 lists the problems and nothing is written', async () => {
    const camille = await createLoggedInCustomer(app.db);
    const token = camille.token;
    const res = await api.post('/api/me/addresses', {
      token,
      body: { label: '', line1: '  ', postcode: '7501', city: 'Paris', lat: 91, lng: 2.3 },
    });
    expect(res.status).to.equal(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).to.include.members(['label', 'line1', 'postcode', 'lat']);
    const onlyLat = await api.post('/api/me/addresses', { token, body: { ...home, lng: undefined } });
    expect(onlyLat.status).to.equal(422);
    const id = await createCustomerAddress(app.db, camille.id, { label: 'Domicile' });
    for (const body of [{}, { postcode: 'ABCDE' }, { label: null }, { customerId: 1 }]) {
      expect(
        (await api.patch(`/api/me/addresses/${id}`, { token, body })).status,
        JSON.stringify(body),
      ).to.equal(422);
    }
    // An id that is not one matches no route.
    expect((await api.patch('/api/me/addresses/abc', { token, body: { label: 'x' } })).status).to.equal(404);
    const [rows] = await app.db.query(`SELECT label, postcode FROM addresses`);
    expect(rows).to.deep.equal([{ label: 'Domicile', postcode: '75011' }]);
  });

  it('when no customer is logged in, then the address routes answer 401', async () => {
    expect((await api.get('/api/me/addresses')).status).to.equal(401);
    expect((await api.post('/api/me/addresses', { body: home })).status).to.equal(401);
    expect((await api.delete('/api/me/addresses/1')).status).to.equal(401);
  });
});
