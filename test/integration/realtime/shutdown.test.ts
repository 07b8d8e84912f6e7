import { expect } from 'chai';
import { createPizzeria } from '../../factories/catalog.js';
import { createEmployee, tokenFor } from '../../factories/people.js';
import { testDb, TEST_DATABASE_URL } from '../../helpers/db.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../../helpers/server-process.js';
import { eventually, SseReader } from './support.js';

describe('the server process with live streams', function () {
  this.timeout(60_000);
  let server: ServerProcess | undefined;
  afterEach(async () => {
    if (server) await stopServerProcess(server);
    server = undefined;
  });

  it('when SIGTERM arrives with a stream open, then the stream ends and the process exits without waiting for it', async () => {
    const db = await testDb();
    const shop = await createPizzeria(db);
    const manager = await createEmployee(db, { role: 'manager', pizzeriaId: shop });
    const { token } = await tokenFor(db, { employeeId: manager.id });
    server = await startServerProcess({
      OCPIZZA_SETTINGS: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '20000',
    });
    const proc = server;
    // A real server (not the embedded one) listens through PostgreSQL.
    await eventually(() => proc.output().includes('event bus: listening'), 10_000);
    const reader = await SseReader.open(`${server.url}/api/staff/kitchen/events?access_token=${token}`);
    expect(reader.status).to.equal(200);
    expect((await reader.next()).event).to.equal('ready');

    const started = Date.now();
    server.child.kill('SIGTERM');
    await reader.end(5_000);
    const { code } = await server.exited;
    expect(code).to.equal(0);
    expect(Date.now() - started).to.be.below(
      5_000,
      'the open stream did not hold the drain until the grace period',
    );
    expect(server.output()).to.include('"streams":1').and.include('"msg":"stopped"');
  });

  it('when SIGTERM arrives the moment the process listens (back office still loading), then it still exits 0 after draining', async () => {
    server = await startServerProcess({
      OCPIZZA_SETTINGS: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      LOG_LEVEL: 'info',
    });
    // startServerProcess returns as soon as the process logs that it listens: the back office and the banner load
    // after that line.
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    expect({ code, signal }).to.deep.equal({ code: 0, signal: null });
    expect(server.output()).to.include('"msg":"stopped"');
  });
});
