// Phone numbers as customers type them: French numbers in any usual writing (06 12 34 56 78, 06.12.34.56.78,
// +33 6 12 34 56 78, +33 (0)6…, 0033…) are stored in the national form the shops read aloud, the same form as
// the rest of the data; other countries are accepted loosely in international form, since drivers only need
// something they can dial.
const FRENCH_NATIONAL = /^0[1-9]\d{8}$/;
const FRENCH_INTERNATIONAL = /^(?:\+|00)33([1-9]\d{8})$/;
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{6,14})$/;

const grouped = (national: string) => national.replace(/(\d{2})(?=\d)/g, '$1 ');

/** The normalised number, or undefined when it cannot be a phone number. */
export function normalisePhone(raw: string): string | undefined {
  // "(0)" is the trunk prefix some people keep after +33; it must go before the brackets are stripped.
  const compact = raw.replace(/\(0\)/g, '').replace(/[\s.\-/()]/g, '');
  if (FRENCH_NATIONAL.test(compact)) return grouped(compact);
  const french = FRENCH_INTERNATIONAL.exec(compact);
  if (french) return grouped('0' + french[1]);
  const foreign = INTERNATIONAL.exec(compact);
  if (foreign) return '+' + foreign[1];
  return undefined;
}
