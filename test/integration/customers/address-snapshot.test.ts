// The function the orders module calls to copy a delivery address: exercised directly, as orders will.
import { expect } from 'chai';
import { findAddressOfCustomer } from '../../../src/modules/customers/addresses.service.js';
import { createCustomer, createCustomerAddress } from '../../factories/people.js';
import { testDb } from '../../helpers/db.js';

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
    const snapshot = await findAddressOfCustomer(db, camille.id, id);
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
    expect(await findAddressOfCustomer(db, other.id, id)).to.equal(undefined);
    expect(await findAddressOfCustomer(db, camille.id, id + 1000)).to.equal(undefined);
  });
});
