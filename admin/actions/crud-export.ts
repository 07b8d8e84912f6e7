// « Exporter (CSV) » on the plain CRUD tables (catalogue, stock, ledger, staff, shops): what the caller may see
// of the table, as a CSV for French Excel (BOM, `;`, formulas neutralised), columns as on the record page,
// references by their title. Rows are read through the scoped adapter WITH the caller's context, so shop
// staff export their own shop's rows and hidden columns (password hashes) are never read.
// @adminjs/import-export was tried for this and left out: its handler reads the resource without the action
// context (our data layer then returns no row, by design), its screens are in English, and its import would
// write rows past the services (stock quantities, orders) — see the README.
import { Filter, populator, type Action, type ActionResponse } from 'adminjs';
import { csvRecord, csvText } from '../../src/modules/accounting/index.js';
import { frenchAmount, frenchRate } from '../../src/shared/money.js';
import { canRead, type AccessSpec } from '../access.js';
import { Components } from '../components.js';
import { propertyLabel } from '../locale.js';

/** An export holds its rows in memory: plain CRUD tables are far below this; a larger one is cut and says so. */
export const CRUD_EXPORT_MAX_ROWS = 50_000;

/** Read-only columns computed from a record's (flattened) params, shown in lists, pages and exports alike. */
export type ComputedParams = Record<string, (params: Record<string, unknown>) => string>;

/** Columns written as French numbers: amounts in cents as euros (« 12,90 »), rates in basis points as % (« 5,5 »). */
export interface CsvNumbers {
  money?: readonly string[];
  rates?: readonly string[];
}

function frenchNumber(path: string, value: unknown, numbers: CsvNumbers): string | undefined {
  if (value === undefined || value === null || value === '' || !Number.isSafeInteger(Number(value)))
    return undefined;
  if (numbers.money?.includes(path)) return frenchAmount(Number(value));
  if (numbers.rates?.includes(path)) return frenchRate(Number(value));
  return undefined;
}

export function csvExport(
  access: AccessSpec,
  computed: ComputedParams = {},
  numbers: CsvNumbers = {},
): Partial<Action<ActionResponse>> {
  return {
    actionType: 'resource',
    icon: 'Download',
    component: Components.CrudExport,
    isAccessible: canRead(access),
    handler: async (request, _response, context) => {
      if (request.method !== 'post') return {};
      const { resource, currentAdmin } = context;
      const decorated = resource.decorate();
      const properties = decorated.getProperties({ where: 'show' }).filter((p) => p.type() !== 'mixed');
      const found = await resource.find(
        new Filter({}, resource),
        {
          limit: CRUD_EXPORT_MAX_ROWS + 1,
          sort: {
            sortBy: resource
              .properties()
              .find((p) => p.isId())
              ?.name(),
            direction: 'asc',
          },
        },
        context,
      );
      const records = await populator(found.slice(0, CRUD_EXPORT_MAX_ROWS), context);
      const header = properties.map((p) => csvText(propertyLabel(resource.id(), p.propertyPath)));
      const rows = records.map((record) => {
        const json = record.toJSON(currentAdmin);
        return csvRecord(
          properties.map((p) => {
            const reference = p.reference() ? json.populated[p.propertyPath]?.title : undefined;
            const compute = computed[p.propertyPath];
            const value = compute ? compute(json.params) : (reference ?? json.params[p.propertyPath]);
            const number = frenchNumber(p.propertyPath, value, numbers);
            if (number !== undefined) return number;
            return typeof value === 'number'
              ? String(value)
              : csvText(value === undefined || value === null ? '' : String(value));
          }),
        );
      });
      const day = new Date().toISOString().slice(0, 10);
      return {
        fileName: `${resource.id()}-${day}.csv`,
        exportedData: '\uFEFF' + csvRecord(header) + rows.join(''),
        rows: records.length,
        truncated: found.length > CRUD_EXPORT_MAX_ROWS,
      };
    },
  };
}
