// The API's query executor (src/db/executor.ts) on the real test database: transactions commit or roll back
// whole, and no code inside a transaction can reach the pool — by types (checked by `tsc`: the @ts-expect-error
// lines below fail the type check if the pool ever becomes usable where a transaction's executor is expected)
// and at run time (a pool executor or the Database captured from outside throws instead of waiting on a second
// connection while rows are locked).
import { expect } from 'chai';
import {
  createDatabase,
  isUniqueViolation,
  PoolInsideTransactionError,
  type Database,
  type Executor,
  type Tx,
} from '../../../src/db/executor.js';
import { TEST_DATABASE_URL, testDb } from '../../helpers/db.js';

const writeSomething = async (tx: Tx) => tx.exec('SELECT 1');
const readSomething = async (ex: Executor) => ex.one<{ n: number }>('SELECT 1 AS n');

// Type-level guarantees (never run: `tsc --noEmit` over test/ checks them).
export function typeChecks(db: Database, ex: Executor) {
  // @ts-expect-error the Database is not an executor: a repository cannot be handed the pool
  void readSomething(db);
  // @ts-expect-error a read executor is not a transaction: writes take a Tx
  void writeSomething(ex);
  void db.transaction(async (tx) => {
    await readSomething(tx); // a transaction's executor reads too
    await writeSomething(tx);
  });
}

describe('query executor', () => {
  let db: Database;
  before(async () => {
    await testDb(); // created and migrated
    db = createDatabase({ url: TEST_DATABASE_URL, poolMax: 2, acquireTimeoutMs: 2000 });
    await db.read((ex) => ex.exec('CREATE TABLE IF NOT EXISTS executor_probe (k text PRIMARY KEY)'));
  });
  beforeEach(() => db.read((ex) => ex.exec('TRUNCATE executor_probe')));
  after(async () => {
    await db.read((ex) => ex.exec('DROP TABLE IF EXISTS executor_probe'));
    await db.close();
  });

  it('when the callback resolves, then every statement is committed and afterCommit runs once', async () => {
    let committed = 0;
    await db.transaction(async (tx) => {
      await tx.exec(`INSERT INTO executor_probe VALUES ('a'), ('b')`);
      tx.afterCommit(() => committed++);
    });
    const rows = await db.read((ex) => ex.many<{ k: string }>('SELECT k FROM executor_probe ORDER BY k'));
    expect(rows.map((r) => r.k)).to.deep.equal(['a', 'b']);
    expect(committed).to.equal(1);
  });

  it('when the callback throws, then nothing is written and afterCommit never runs', async () => {
    let committed = 0;
    const failure = await db
      .transaction(async (tx) => {
        await tx.exec(`INSERT INTO executor_probe VALUES ('a')`);
        tx.afterCommit(() => committed++);
        await tx.exec(`INSERT INTO executor_probe VALUES ('a')`);
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(failure)).to.equal(true);
    expect(
      await db.read((ex) => ex.one<{ n: number }>('SELECT count(*) AS n FROM executor_probe')),
    ).to.deep.equal({ n: 0 });
    expect(committed).to.equal(0);
  });

  it('when code inside a transaction reaches for the pool, then it throws at once instead of waiting', async () => {
    let outside: Executor | undefined;
    await db.read(async (ex) => {
      outside = ex;
    });
    for (const misuse of [
      () => db.read((ex) => ex.one('SELECT 1')),
      () => outside!.one('SELECT 1'),
      () => db.transaction(async (inner) => inner.exec('SELECT 1')),
      () => db.withClient(async () => undefined),
    ]) {
      const error = await db
        .transaction(async (tx) => {
          await tx.exec(`INSERT INTO executor_probe VALUES ('locked')`);
          await misuse();
        })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(PoolInsideTransactionError);
    }
    // Every transaction rolled back and gave its connection back: the pool of 2 still serves.
    expect(db.stats().total).to.be.at.most(2);
    expect(
      await db.read((ex) => ex.one<{ n: number }>('SELECT count(*) AS n FROM executor_probe')),
    ).to.deep.equal({ n: 0 });
  });

  it('when a transaction executor is kept after its transaction, then using it throws', async () => {
    let kept: Tx | undefined;
    await db.transaction(async (tx) => {
      kept = tx;
    });
    const error = await kept!.exec('SELECT 1').catch((e: unknown) => e);
    expect((error as Error).message).to.match(/after its transaction ended/);
  });

  it('when more transactions than connections run at once, then they queue and all finish', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.exec(`INSERT INTO executor_probe VALUES ($1)`, [`k${i}`]);
          return (await tx.one<{ n: number }>('SELECT count(*) AS n FROM executor_probe WHERE k = $1', [
            `k${i}`,
          ]))!.n;
        }),
      ),
    );
    expect(results).to.deep.equal(Array(20).fill(1));
  });
});
