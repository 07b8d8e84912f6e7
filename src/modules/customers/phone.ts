// Phone numbers as customers type them: French numbers in any usual writing (06 12 34 56 78, 06.12.34.56.78,
// +33 6 12 34 56 78, +33 (0)6…, 0033…) are stored in the national form the shops read aloud, the same form as
// the rest of the data; other countries are accepted loosely in international form, since drivers only need
// something they can dial.
// The writings accepted, as one pattern (also the API document's): digits with spaces, dots, hyphens or slashes
// anywhere between them, "(0)" only right after +33 / 0033; or nothing but blanks (no phone).
const SEP = '[\\s./-]*';
const digits = (n: string) => `(?:${SEP}\\d)${n}`;
const WRITINGS = [
  `0${SEP}[1-9]${digits('{8}')}`,
  `(?:\\+|00)${SEP}33${SEP}(?:\\(0\\)${SEP})?[1-9]${digits('{8}')}`,
  `(?:\\+|00)${SEP}[1-9]${digits('{6,14}')}`,
];
export const PHONE_PATTERN = `^\\s*$|^${SEP}(?:${WRITINGS.join('|')})${SEP}$`;
const PHONE = new RegExp(PHONE_PATTERN);

const FRENCH_NATIONAL = /^0[1-9]\d{8}$/;
const FRENCH_INTERNATIONAL = /^(?:\+|00)33([1-9]\d{8})$/;
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{6,14})$/;

const grouped = (national: string) => national.replace(/(\d{2})(?=\d)/g, '$1 ');

/** The normalised number, or undefined when it cannot be a phone number. */
export function normalisePhone(raw: string): string | undefined {
  if (!PHONE.test(raw) || raw.trim() === '') return undefined;
  // "(0)" is the trunk prefix some people keep after +33.
  const compact = raw.replace(/\(0\)/, '').replace(/[\s./-]/g, '');
  if (FRENCH_NATIONAL.test(compact)) return grouped(compact);
  const french = FRENCH_INTERNATIONAL.exec(compact);
  if (french) return grouped('0' + french[1]);
  const foreign = INTERNATIONAL.exec(compact);
  if (foreign) return '+' + foreign[1];
  return undefined;
}
