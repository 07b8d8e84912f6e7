// The portion rule has two forms (TypeScript for placement's reservations, SQL for the menu's counts, the
// kitchen memo and the food cost): on PostgreSQL they must give the same base units for every quantity and factor.
import { expect } from 'chai';
import { portionQuantity, portionQuantitySql } from '../../../src/modules/catalog/index.js';
import { testDatabase } from '../../helpers/db.js';

describe('catalog: the portion of a size', () => {
  it('when PostgreSQL computes portions of recipe quantities at every size factor, then it agrees with the TypeScript rule', async () => {
    const db = await testDatabase();
    const quantities = [1, 2, 3, 7, 15, 33, 80, 125, 333, 1000];
    const factors = [1, 33, 50, 66, 75, 99, 100, 101, 125, 133, 150, 175, 200, 333];
    const rows = await db.read((ex) =>
      ex.many<{ q: number; f: number; portion: string }>(
        `SELECT q, f, ${portionQuantitySql('q', 'f')} AS portion
           FROM unnest($1::int[]) q CROSS JOIN unnest($2::int[]) f`,
        [quantities, factors],
      ),
    );
    expect(rows).to.have.length(quantities.length * factors.length);
    const mismatches = rows.filter((r) => Number(r.portion) !== portionQuantity(r.q, r.f));
    expect(mismatches).to.deep.equal([]);
    // Rounded up, never down: a third of 80 g is 27 g, not 26.
    expect(portionQuantity(80, 33)).to.equal(27);
  });
});
