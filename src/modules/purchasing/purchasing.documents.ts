// What a purchase order looks like outside the app, in French: the PDF (pdfkit), the CSV for Excel (UTF-8 BOM,
// `;`, decimal comma, CRLF, as the accountant's exports) and the e-mail to the supplier (both files attached).
// All three are built from the same data, read at the time they are produced.
import PDFDocument from 'pdfkit';
import { frenchAmount } from '../../shared/money.js';
import type { BaseUnit } from '../../shared/quantity.js';
import { csvRecord, csvText } from '../accounting/index.js';
import type { Document } from '../notifications/index.js';
import { brandedShop } from '../pizzerias/index.js';
import type { OrderHeadRow, OrderLineRow, ShopRow, SupplierRow } from './purchasing.repository.js';

export interface OrderDocumentData {
  head: OrderHeadRow;
  lines: OrderLineRow[];
  shop: ShopRow;
  supplier: SupplierRow;
}

const UNIT_LABELS: Record<BaseUnit, string> = { g: 'g', ml: 'ml', piece: 'pièce(s)' };

/** Thousands with a plain space: the PDF's standard fonts have no narrow no-break space (Intl's separator). */
const plainNumber = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const euros = (cents: number) => `${frenchAmount(cents)} €`;
const lineTotal = (l: OrderLineRow) => l.packs * l.packPriceCents;

/** 'YYYY-MM-DD' → « mardi 8 décembre 2026 ». */
export function frenchDay(isoDate: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The order's date (sent, else drafted) in the shop's time zone, « 05/12/2026 ». */
function orderDate(d: OrderDocumentData): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: d.shop.timezone }).format(
    new Date(d.head.sentAt ?? d.head.createdAt),
  );
}

const packTerms = (l: OrderLineRow) =>
  `${l.packLabel} (${plainNumber(l.packQuantity)} ${UNIT_LABELS[l.unit]})`;

export function purchaseOrderFileName(d: OrderDocumentData, extension: 'pdf' | 'csv'): string {
  return `${d.head.number}.${extension}`;
}

// ---------------------------------------------------------------------------------------------------------- PDF

const COLUMNS = [
  { title: 'Réf.', width: 60, align: 'left' },
  { title: 'Article', width: 150, align: 'left' },
  { title: 'Conditionnement', width: 115, align: 'left' },
  { title: 'Colis', width: 40, align: 'right' },
  { title: 'Prix colis HT', width: 65, align: 'right' },
  { title: 'Total HT', width: 65, align: 'right' },
] as const;

export function purchaseOrderPdf(d: OrderDocumentData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Bon de commande ${d.head.number}`, Author: brandedShop(d.shop.name) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 50;
  doc.font('Helvetica-Bold').fontSize(18).text(`Bon de commande ${d.head.number}`, left, 50);
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  doc.text(`Date de commande : ${orderDate(d)}`);
  doc.text(`Livraison souhaitée : ${d.head.expectedOn ? frenchDay(d.head.expectedOn) : 'à convenir'}`);

  const top = doc.y + 15;
  const block = (x: number, title: string, lines: (string | null)[]) => {
    doc.font('Helvetica-Bold').fontSize(11).text(title, x, top, { width: 230 });
    doc.font('Helvetica').fontSize(10);
    for (const line of lines) if (line) doc.text(line, { width: 230 });
    return doc.y;
  };
  const leftEnd = block(left, 'Commandé par (adresse de livraison)', [
    `${brandedShop(d.shop.name)} (${d.shop.code})`,
    d.shop.addressLine,
    `${d.shop.postcode} ${d.shop.city}`,
    `Tél. ${d.shop.phone}`,
    d.shop.email,
  ]);
  const rightEnd = block(310, 'Fournisseur', [
    d.supplier.name,
    d.supplier.contactName ? `À l’attention de ${d.supplier.contactName}` : null,
    d.supplier.email,
    d.supplier.phone ? `Tél. ${d.supplier.phone}` : null,
  ]);

  let y = Math.max(leftEnd, rightEnd) + 20;
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i].width - 6 }));
    const height = Math.max(...heights) + 6;
    if (y + height > doc.page.height - 70) {
      doc.addPage();
      y = 50;
    }
    let x = left;
    cells.forEach((c, i) => {
      doc.text(c, x, y + 3, { width: COLUMNS[i].width - 6, align: COLUMNS[i].align });
      x += COLUMNS[i].width;
    });
    y += height;
    doc
      .moveTo(left, y)
      .lineTo(left + COLUMNS.reduce((s, c) => s + c.width, 0), y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
  };
  row(
    COLUMNS.map((c) => c.title),
    true,
  );
  for (const l of d.lines) {
    row([
      l.reference ?? '',
      l.ingredientName,
      packTerms(l),
      plainNumber(l.packs),
      euros(l.packPriceCents),
      euros(lineTotal(l)),
    ]);
  }
  row(['', 'Total HT', '', '', '', euros(d.head.totalCents)], true);

  doc
    .font('Helvetica')
    .fontSize(9)
    .text('', left, y + 15);
  if (d.head.note) doc.text(`Remarque : ${d.head.note}`, { width: 495 });
  doc
    .moveDown(0.5)
    .text(
      'Prix hors taxes, selon les conditions du fournisseur. Merci de livrer à l’adresse ci-dessus et de ' +
        'joindre le bon de livraison portant le numéro de cette commande.',
      { width: 495 },
    );
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------------------- CSV

export const PURCHASE_ORDER_CSV_COLUMNS = [
  'Bon de commande',
  'Pizzeria',
  'Fournisseur',
  'Livraison souhaitée',
  'Référence',
  'Article',
  'Conditionnement',
  'Quantité par colis',
  'Unité',
  'Colis',
  'Prix colis HT (€)',
  'Total ligne HT (€)',
] as const;

/** One record per line, for Excel (French): BOM, `;`, decimal comma, CRLF. */
export function purchaseOrderCsv(d: OrderDocumentData): string {
  const day = d.head.expectedOn ? d.head.expectedOn.split('-').reverse().join('/') : '';
  return (
    '\ufeff' +
    csvRecord(PURCHASE_ORDER_CSV_COLUMNS.map((c) => csvText(c))) +
    d.lines
      .map((l) =>
        csvRecord([
          csvText(d.head.number),
          csvText(d.shop.code),
          csvText(d.supplier.name),
          day,
          csvText(l.reference),
          csvText(l.ingredientName),
          csvText(l.packLabel),
          String(l.packQuantity),
          csvText(l.unit),
          String(l.packs),
          frenchAmount(l.packPriceCents),
          frenchAmount(lineTotal(l)),
        ]),
      )
      .join('')
  );
}

// ------------------------------------------------------------------------------------------------------- e-mail

export async function purchaseOrderMail(d: OrderDocumentData): Promise<Document> {
  const shop = brandedShop(d.shop.name);
  const when = d.head.expectedOn ? `le ${frenchDay(d.head.expectedOn)}` : 'à la date convenue';
  return {
    subject: `Bon de commande ${d.head.number} — ${shop}`,
    preheader: `${d.lines.length} article(s), ${euros(d.head.totalCents)} HT, livraison ${when}`,
    blocks: [
      { p: d.supplier.contactName ? `Bonjour ${d.supplier.contactName},` : 'Bonjour,' },
      {
        p:
          `Veuillez trouver ci-dessous notre bon de commande n° ${d.head.number}, à livrer ${when} à ` +
          `${shop}, ${d.shop.addressLine}, ${d.shop.postcode} ${d.shop.city}.`,
      },
      { heading: 'Articles commandés' },
      {
        table: [
          ...d.lines.map((l) => ({
            label: `${l.ingredientName} — ${packTerms(l)}`,
            detail: `${l.reference ? `Réf. ${l.reference} · ` : ''}${plainNumber(l.packs)} colis × ${euros(l.packPriceCents)} HT`,
            value: `${euros(lineTotal(l))} HT`,
          })),
          { label: 'Total HT', value: `${euros(d.head.totalCents)} HT`, strong: true },
        ],
      },
      ...(d.head.note ? [{ p: `Remarque : ${d.head.note}` }] : []),
      {
        p: `Merci de nous confirmer la livraison. Pour toute question : ${d.shop.phone}${d.shop.email ? `, ${d.shop.email}` : ''}.`,
      },
      {
        small: [
          'Le bon de commande est joint en PDF et en CSV (tableur).',
          'Prix hors taxes, selon vos conditions. Message envoyé par la plateforme OC Pizza.',
        ],
      },
    ],
    attachments: [
      {
        filename: purchaseOrderFileName(d, 'pdf'),
        contentType: 'application/pdf',
        content: await purchaseOrderPdf(d),
      },
      {
        filename: purchaseOrderFileName(d, 'csv'),
        contentType: 'text/csv; charset=utf-8',
        content: Buffer.from(purchaseOrderCsv(d), 'utf8'),
      },
    ],
  };
}
