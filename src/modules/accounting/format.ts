// Text formats of the accountant exports: French amounts (decimal comma), CSV fields for Excel and FEC fields.

// The amounts and rates are the shared French number rules (the back office's CSV export writes them too).
export { frenchAmount, frenchRate } from '../../shared/money.js';

const CSV_NEEDS_QUOTES = /[";\r\n]|^\s|\s$/;
// A cell starting with one of these is a formula for Excel: a product named "=HYPERLINK(…)" must stay text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: neutralised if Excel would read it as a formula, quoted when it holds `;`, `"` or a line break. */
export function csvText(value: string | null | undefined): string {
  let v = value ?? '';
  if (FORMULA_START.test(v)) v = `'${v}`;
  return CSV_NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One CSV record: cells already formatted (numbers as they are, text through csvText), CRLF-terminated. */
export function csvRecord(cells: string[]): string {
  return cells.join(';') + '\r\n';
}

/** A FEC field: the separator and line breaks cannot appear inside a field, so they are replaced. */
export function fecText(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/\|/g, '/')
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
}

/** "2027-01-31" → "20270131". */
export function compactDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}
