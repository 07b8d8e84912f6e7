import bcrypt from 'bcrypt';
import { expect } from 'chai';
import { BCRYPT_COST, DUMMY_HASH, verifyPassword } from '../../../src/modules/auth/passwords.js';

describe('password checks', () => {
  it('when the account is unknown, then the comparison costs what a real one does and never succeeds', async () => {
    // The stand-in hash is a literal: if BCRYPT_COST changes, it must be made again at the new cost.
    expect(bcrypt.getRounds(DUMMY_HASH)).to.equal(BCRYPT_COST);
    expect(await bcrypt.compare('not-a-real-password', DUMMY_HASH)).to.equal(true);
    expect(await verifyPassword(undefined, 'not-a-real-password')).to.equal(false);
  });

  it('when the hash is real, then only its password passes', async () => {
    const hash = await bcrypt.hash('pâte-à-pizza', 4);
    expect(await verifyPassword(hash, 'pâte-à-pizza')).to.equal(true);
    expect(await verifyPassword(hash, 'pate-a-pizza')).to.equal(false);
  });
});
