// « Bons de commande »: read-only here (purchasing.view), scoped like the payments: a manager their shop's, the
// group admin and the accountant every shop's. The record page shows the lines (ordered, received and refused
// quantities) and links to the PDF and the CSV, streamed by the back office's own route (admin/pages.ts) with
// the session, as the staff API does with a token. The order's actions (send, receive, cancel) and the
// « Suggestions de commande » page are added at the spread point below (`purchaseOrderActions`).
import type { Action, ActionContext, ActionResponse, After } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { PurchaseOrder } from '../../src/db/models/index.js';
import { formatEuros } from '../../src/shared/money.js';
import { formatQuantity, type BaseUnit } from '../../src/shared/quantity.js';
import type { AccessSpec } from '../access.js';
import { Components } from '../components.js';
import type { AdminDeps } from '../deps.js';
import { purchaseOrderDocumentPath } from '../pages.js';
import { BY_SHOP_COLUMN, defineResource, NAV } from '../resource.js';

export const purchaseOrdersAccess: AccessSpec = {
  read: 'purchasing.view',
  shopScoped: true,
  shopColumn: 'pizzeriaId',
};

/** The order's actions (send, receive, cancel, suggestions), merged over the read-only CRUD ones. */
export function purchaseOrderActions(_deps: AdminDeps): Record<string, Partial<Action<ActionResponse>>> {
  return {};
}

interface LineRow {
  ingredient: string;
  unit: BaseUnit;
  reference: string | null;
  packLabel: string;
  packQuantity: number;
  packPriceCents: number;
  packs: number;
  receivedQuantity: number;
  refusedQuantity: number;
}

/** The lines as the record page shows them (texts made here, in the app's French formats). */
async function linesOf(id: number) {
  const rows = await PurchaseOrder.sequelize!.query<LineRow>(
    `SELECT i.name AS "ingredient", i.unit, l.reference, l.pack_label AS "packLabel",
       l.pack_quantity AS "packQuantity", l.pack_price_cents AS "packPriceCents", l.packs,
       l.received_quantity AS "receivedQuantity", l.refused_quantity AS "refusedQuantity"
     FROM purchase_order_lines l JOIN ingredients i ON i.id = l.ingredient_id
     WHERE l.purchase_order_id = $1 ORDER BY i.name, l.id`,
    { bind: [id], type: QueryTypes.SELECT },
  );
  return rows.map((l) => ({
    ingredient: l.ingredient,
    reference: l.reference ?? '',
    pack: `${l.packLabel} (${formatQuantity(l.packQuantity, l.unit)})`,
    packs: l.packs,
    ordered: formatQuantity(l.packs * l.packQuantity, l.unit),
    received: formatQuantity(l.receivedQuantity, l.unit),
    refused: formatQuantity(l.refusedQuantity, l.unit),
    total: formatEuros(l.packs * l.packPriceCents),
  }));
}

/** The record page: its lines (JSON text, read by the component) and the documents' links. */
const withLinesAndDocuments: After<ActionResponse> = async (response, _request, context: ActionContext) => {
  const params = response.record?.params as Record<string, unknown> | undefined;
  if (!params?.id) return response;
  params.lines = JSON.stringify(await linesOf(Number(params.id)));
  const root = context._admin.options.rootPath;
  params.documents = JSON.stringify({
    pdf: root + purchaseOrderDocumentPath(Number(params.id), 'pdf'),
    csv: root + purchaseOrderDocumentPath(Number(params.id), 'csv'),
  });
  return response;
};

const PAGE_ONLY = { list: false, filter: false, show: true, edit: false };

export const purchaseOrdersResource = (deps: AdminDeps) =>
  defineResource({
    money: ['totalCents'],
    model: PurchaseOrder,
    access: purchaseOrdersAccess,
    scope: BY_SHOP_COLUMN,
    listReads: deps.modelReads,
    options: {
      navigation: NAV.purchasing,
      // The primary key follows creation: newest first.
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['number', 'pizzeriaId', 'supplierId', 'status', 'expectedOn', 'totalCents'],
      filterProperties: ['number', 'pizzeriaId', 'supplierId', 'status', 'expectedOn', 'createdAt'],
      showProperties: [
        'number',
        'pizzeriaId',
        'supplierId',
        'status',
        'expectedOn',
        'totalCents',
        'lines',
        'documents',
        'note',
        'createdByEmployeeId',
        'createdAt',
        'sentAt',
        'sentByEmployeeId',
        'receivedAt',
        'updatedAt',
      ],
      properties: {
        number: { isTitle: true },
        lines: { type: 'string', isVisible: PAGE_ONLY, components: { show: Components.PurchaseOrderLines } },
        documents: {
          type: 'string',
          isVisible: PAGE_ONLY,
          components: { show: Components.PurchaseOrderDocuments },
        },
      },
      actions: {
        show: { after: withLinesAndDocuments },
        ...purchaseOrderActions(deps),
      },
    },
  });
