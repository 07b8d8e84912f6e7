import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../../src/db/embedded.js';

// The embedded database (src/db/embedded.ts): PGlite and its socket server in a worker thread of their own.
describe('the embedded database in its thread', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'ocpizza-embedded-db-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function query(url: string, sql: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('when started twice on a folder, then both callers share one server, and what it stored outlives a stop', async () => {
    const dataDir = path.join(dir, 'pglite');
    const [first, same] = await Promise.all([startEmbeddedDatabase(dataDir), startEmbeddedDatabase(dataDir)]);
    expect(same).to.equal(first);
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await first.stop();

    const again = await startEmbeddedDatabase(dataDir);
    try {
      expect(again).not.to.equal(first);
      expect(await query(again.url, 'SELECT n FROM kept')).to.deep.equal([{ n: 42 }]);
    } finally {
      await again.stop();
    }
  });

  it('when the folder cannot hold a database, then the start fails saying where', async () => {
    const notAFolder = path.join(dir, 'a-file');
    writeFileSync(notAFolder, 'not a database');
    let error: Error | undefined;
    await startEmbeddedDatabase(notAFolder).catch((e: Error) => (error = e));
    expect(error?.message).to.include('embedded PostgreSQL cannot start').and.include(notAFolder);
  });
});
