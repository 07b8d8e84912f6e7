// One spelling per address: the geocode cache and the offline approximation look addresses up by this key.
export interface PostalAddress {
  line1: string;
  postcode: string;
  city: string;
}

/** Lower case, no accents or punctuation, single spaces: "12, Rue  d'Oberkampf" → "12 rue d oberkampf". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function addressKey(a: PostalAddress): string {
  return `${normaliseText(a.line1)}|${a.postcode.trim()}|${normaliseText(a.city)}`.slice(0, 300);
}

/** The street of a first address line, without its number: "12 bis rue Oberkampf" → "rue oberkampf". */
export function streetKey(line1: string): string {
  return normaliseText(line1)
    .replace(/^\d+\s*(bis|ter|quater|[a-d])?\s+/, '')
    .trim();
}

export function formatAddress(a: PostalAddress): string {
  return `${a.line1.trim()}, ${a.postcode.trim()} ${a.city.trim()}, France`;
}
