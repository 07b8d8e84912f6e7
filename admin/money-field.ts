// Amounts are integer cents in the database and euros on the screen. The form field (components/money-edit.jsx)
// posts what was typed as `<field>Text` (« 10,50 », « 10.5 », « 1 250 € »); this hook reads it with the app's
// parseEuros before anything else sees the payload, so the rest (rights, model checks) gets cents. A value
// that is not an amount is refused under its field with a French message: never a database error (a 500).
// A cents field posted directly (the form's untouched value, or an API client) must be a whole number.
import { ValidationError, type Before } from 'adminjs';
import { EUROS_EXPECTED, parseEuros } from '../src/shared/money.js';

const CENTS = /^\d{1,9}$/;

export const textParam = (field: string) => `${field}Text`;

export function parseMoney(fields: readonly string[]): Before {
  return (request) => {
    const payload = request.payload;
    if (request.method !== 'post' || !payload) return request;
    const next: Record<string, unknown> = { ...payload };
    const errors: Record<string, { message: string; type: string }> = {};
    for (const field of fields) {
      const text = textParam(field);
      if (text in next) {
        const typed = String(next[text] ?? '').trim();
        delete next[text];
        if (typed === '') next[field] = '';
        else {
          const cents = parseEuros(typed);
          if (cents === null) errors[field] = { message: EUROS_EXPECTED, type: 'euros' };
          else next[field] = String(cents);
        }
      } else if (field in next) {
        const raw = next[field];
        if (raw !== '' && raw !== null && !CENTS.test(String(raw)))
          errors[field] = { message: EUROS_EXPECTED, type: 'euros' };
      }
    }
    if (Object.keys(errors).length > 0)
      throw new ValidationError(errors, { message: 'thereWereValidationErrors', type: 'validation' });
    return { ...request, payload: next };
  };
}
