// The function the orders module calls to copy a delivery address: exercised directly, as orders will.
import { expect } from 'chai';
import { findAddressOfCustomer } from '../../../src/modules/customers/index.js';
import { createCustomer, createCustomerAddress } from '../../factories/people.js';
import { testDatabase, testDb } from '../../helpers/db.js';

describe('address snapshot for orders', () => {
  it('when the address belongs to the customer, then a plain copy of its delivery fields is returned', async () => {
    const db = await testDb();
    const camille = await createCustomer(db);
    const id = await createCustomerAddress(db, camille.id, {
      label: 'Domicile',
      line1: '18 rue de la Roquette',
      line2: 'Bât. B',
      instructions: 'Code 4821A',
      lat: 48.854,
      lng: 2.3725,
      isDefault: true,
    });
    const snapshot = await (await testDatabase()).read((ex) => findAddressOfCustomer(ex, camille.id, id));
    expect(snapshot).to.deep.equal({
      id,
      label: 'Domicile',
      line1: '18 rue de la Roquette',
      line2: 'Bât. B',
      postcode: '75011',
      city: 'Paris',
      instructions: 'Code 4821A',
      lat: 48.854,
      lng: 2.3725,
    });
  });

  it('when the address belongs to someone else or does not exist, then undefined', async () => {
    const db = await testDb();
    const camille = await createCustomer(db);
    const other = await createCustomer(db);
    const id = await createCustomerAddress(db, camille.id);
    const database = await testDatabase();
    expect(await database.read((ex) => findAddressOfCustomer(ex, other.id, id))).to.equal(undefined);
    expect(await database.read((ex) => findAddressOfCustomer(ex, camille.id, id + 1000))).to.equal(undefined);
  });
});
