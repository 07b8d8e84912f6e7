// The service functions are also the back office's entry point (no HTTP, no zod in front): their own guards
// must hold when called directly.
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { createStockService, type StockService } from '../../../src/modules/stock/index.js';
import { AppError } from '../../../src/shared/errors.js';
import { createIngredient, createPizzeria } from '../../factories/catalog.js';
import { createEmployee } from '../../factories/people.js';
import { movementCount, stockItem } from '../../factories/stock.js';
import { testDatabase, testDb } from '../../helpers/db.js';

describe('stock service called directly (back office)', () => {
  let db: Sequelize;
  let stock: StockService;
  before(async () => {
    db = await testDb();
    stock = createStockService({ db: await testDatabase() });
  });

  async function refusal(work: Promise<unknown>): Promise<AppError> {
    try {
      await work;
    } catch (error) {
      expect(error).to.be.instanceOf(AppError);
      return error as AppError;
    }
    return expect.fail('the operation was accepted');
  }

  it('when a quantity is not a bounded integer or a waste has no reason, then it is refused and nothing is written', async () => {
    const shop = await createPizzeria(db);
    const mozza = await createIngredient(db, 'Mozzarella', 'g');
    await stockItem(db, shop, mozza, { onHand: 1000 });
    const { id: employeeId } = await createEmployee(db, { role: 'manager', pizzeriaId: shop });
    const base = { pizzeriaId: shop, ingredientId: mozza, employeeId };
    const before = await movementCount(db);

    for (const quantity of [0, -3, 2.5, Number.NaN, 1_000_001]) {
      expect((await refusal(stock.receive({ ...base, quantity }))).status).to.equal(422);
      expect((await refusal(stock.waste({ ...base, quantity, note: 'Périmé' }))).status).to.equal(422);
    }
    expect((await refusal(stock.count({ ...base, countedQuantity: -1 }))).status).to.equal(422);
    const reasonless = await refusal(stock.waste({ ...base, quantity: 10, note: '  ' }));
    expect([reasonless.status, reasonless.code]).to.deep.equal([422, 'reason_required']);
    expect(await movementCount(db)).to.equal(before);
  });

  it('when operations succeed, then each returns the updated line and the ledger stays true', async () => {
    const shop = await createPizzeria(db);
    const cans = await createIngredient(db, 'Eau pétillante 50 cl', 'piece');
    const { id: employeeId } = await createEmployee(db, { role: 'admin' });
    const base = { pizzeriaId: shop, ingredientId: cans, employeeId };
    expect(await stock.receive({ ...base, quantity: 24 })).to.include({ onHand: 24, unit: 'piece' });
    expect(await stock.waste({ ...base, quantity: 1, note: 'Bouteille cassée' })).to.include({
      onHand: 23,
    });
    expect(await stock.count({ ...base, countedQuantity: 22 })).to.include({ onHand: 22, available: 22 });
    const empty = await refusal(stock.waste({ ...base, quantity: 23, note: 'Vol' }));
    expect(empty.message).to.equal(
      'Perte refusée pour « Eau pétillante 50 cl » : le stock n’est que de 22 pièces.',
    );
    await stock.assertLedgerInvariant(shop);
  });

  it('when a counter was changed without its movement, then assertLedgerInvariant names the stock item', async () => {
    const shop = await createPizzeria(db);
    const basil = await createIngredient(db, 'Basilic', 'g');
    const item = await stockItem(db, shop, basil, { onHand: 50 });
    await db.query(`UPDATE stock_items SET on_hand = 40 WHERE id = $1`, { bind: [item] });
    try {
      await stock.assertLedgerInvariant();
      expect.fail('the discrepancy went unnoticed');
    } catch (error) {
      expect((error as Error).message).to.include(`#${item} on_hand 40 vs ledger 50`);
    }
  });
});
