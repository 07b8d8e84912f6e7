// « Bons de commande » in the back office: the record page's lines (ordered, received, refused) and its links,
// the PDF and CSV streamed with the session (purchasing.view, the caller's shop), and a receipt movement of the
// ledger naming its purchase order.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { loggedIn, type AdminClient } from './support.js';
import { adminWorld, type AdminWorld } from './world.js';

describe('back office: purchase orders, their lines and their documents', function () {
  this.timeout(30_000);
  let app: TestApp;
  let world: AdminWorld;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    world = await adminWorld(app.db);
  });

  /** A download with the session cookie: status, headers and the raw bytes. */
  async function download(client: AdminClient, path: string) {
    const res = await fetch(client.base + path, { headers: { Cookie: client.cookie! }, redirect: 'manual' });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  const documentPath = (id: number, format: string) => `/purchase-orders/${id}/document?format=${format}`;

  it('when a manager opens their purchase order, then its lines show ordered, received and refused quantities, with the document links', async () => {
    const { a } = world;
    const manager = await loggedIn(app, app.db, 'manager', a.world.shopId);
    const res = await manager.show('purchase_orders', a.purchaseOrderId);
    const params = res.body.record.params;
    // French formats separate thousands and units with (narrow) no-break spaces.
    const plain = String(params.lines).replace(/[\u202f\u00a0]/g, ' ');
    expect(JSON.parse(plain)).to.deep.equal([
      {
        ingredient: 'Mozzarella',
        reference: 'REF-MOZ',
        pack: 'Bloc 2,5 kg (2 500 g)',
        packs: 4,
        ordered: '10 000 g',
        received: '7 500 g',
        refused: '2 500 g',
        total: '50,00 €',
      },
    ]);
    const links = JSON.parse(params.documents);
    expect(links.pdf).to.equal(app.settings.adminPath + documentPath(a.purchaseOrderId, 'pdf'));
    expect(links.csv).to.equal(app.settings.adminPath + documentPath(a.purchaseOrderId, 'csv'));
  });

  it("when staff download a purchase order's PDF or CSV, then their shop's come (PDF, CSV for Excel) and another shop's is refused", async () => {
    const { a, b } = world;
    const manager = await loggedIn(app, app.db, 'manager', a.world.shopId);
    const pdf = await download(manager, documentPath(a.purchaseOrderId, 'pdf'));
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.match(/^application\/pdf/);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).to.equal('%PDF');
    expect(pdf.headers.get('content-disposition')).to.match(/^attachment; filename="BC-P01-[a-z0-9]+\.pdf"$/);
    const csv = await download(manager, documentPath(a.purchaseOrderId, 'csv'));
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    expect(csv.bytes.toString('utf8')).to.include('REF-MOZ');

    const other = await download(manager, documentPath(b.purchaseOrderId, 'pdf'));
    expect(other.status).to.equal(404);
    expect(other.bytes.subarray(0, 4).toString('latin1')).not.to.equal('%PDF');

    for (const [role, shop] of [
      ['admin', null],
      ['accountant', null],
    ] as const) {
      const client = await loggedIn(app, app.db, role, shop);
      const res = await download(client, documentPath(b.purchaseOrderId, 'pdf'));
      expect(res.status, role).to.equal(200);
      expect(res.bytes.subarray(0, 4).toString('latin1'), role).to.equal('%PDF');
    }
  });

  it('when the right, the session or a valid request is missing, then no document is sent', async () => {
    const { a } = world;
    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', a.world.shopId);
    const refused = await download(pizzaiolo, documentPath(a.purchaseOrderId, 'pdf'));
    expect(refused.status).to.equal(403);
    const anonymous = await fetch(app.url + app.settings.adminPath + documentPath(a.purchaseOrderId, 'pdf'), {
      redirect: 'manual',
    });
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.get('location')).to.match(/\/login$/);
    const manager = await loggedIn(app, app.db, 'manager', a.world.shopId);
    expect((await download(manager, documentPath(a.purchaseOrderId, 'docx'))).status).to.equal(422);
    expect((await download(manager, '/purchase-orders/abc/document?format=pdf')).status).to.equal(422);
  });

  it('when a receipt movement is opened, then it names its purchase order, and a pizzaiolo (who does not read purchase orders) still reads it', async () => {
    const { a } = world;
    const manager = await loggedIn(app, app.db, 'manager', a.world.shopId);
    const movement = await manager.show('stock_movements', a.movementId);
    expect(movement.body.record.params.purchaseOrderId).to.equal(a.purchaseOrderId);
    const populated = movement.body.record.populated.purchaseOrderId;
    expect(populated.title).to.match(/^BC-P01-/);
    // A pizzaiolo reads the ledger, not the purchase orders: the movement shows without them.
    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', a.world.shopId);
    const seen = await pizzaiolo.show('stock_movements', a.movementId);
    expect(seen.body.record.params.purchaseOrderId).to.equal(a.purchaseOrderId);
    expect(seen.body.record.populated?.purchaseOrderId ?? null).to.equal(null);
    const list = await pizzaiolo.list('stock_movements');
    expect(list.body.records.length).to.be.greaterThan(0);
  });
});
