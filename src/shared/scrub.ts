// Removes credentials and payment data from anything leaving the process (error reports, logs).
const SENSITIVE_KEY =
  /pass(word)?|secret|token|authorization|cookie|card|cvc|cvv|iban|signature|api[-_]?key/i;
const CARD_NUMBER = /\b(?:\d[ -]?){13,19}\b/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;
// Secrets with a recognisable shape, wherever they appear (a header, a URL, a message): our bearer tokens
// (auth/tokens.ts), Stripe's secret, restricted and webhook keys, and PaymentIntent client secrets.
const KNOWN_SECRET =
  /\b(?:ocp_[A-Za-z0-9_-]{43}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}|pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+)/g;

export const REDACTED = '[redacted]';

const EMAIL = /\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;
// The same in a URL, where forms and AdminJS's filters percent-encode the « @ » (camille%40example.fr).
const ENCODED_EMAIL = /\b([A-Za-z0-9])[A-Za-z0-9._%+-]*?%40([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/gi;

/** E-mail addresses in a text, reduced to what a log needs: « c***@example.fr » (« c***%40example.fr »). */
export const maskEmails = (text: string): string =>
  text.includes('@') || text.includes('%40')
    ? text.replace(EMAIL, '$1***@$2').replace(ENCODED_EMAIL, '$1***%40$2')
    : text;

// Query parameters (and AdminJS filters: `filters.lastName`) that carry a person's name, contact or address:
// the access log keeps that they were there, not their value.
const PERSONAL_KEY = /mail|name|phone|address|^line[12]$|postcode|city|^lat$|^lng$|recipient|instructions/i;

export function isPersonalKey(key: string): boolean {
  return key.split(/\.|~~/).some((segment) => PERSONAL_KEY.test(segment));
}

/**
 * A URL as the access log keeps it: scrubbed (scrubUrl), with the values of personal parameters and the text
 * typed in the back office's search (`…/actions/search/<text>`) replaced.
 */
export function scrubLoggedUrl(url: string): string {
  const [path, query] = url.split('?');
  const cleanPath = path.replace(/(\/actions\/search\/)[^/]+/, `$1${REDACTED}`);
  if (!query) return scrubUrl(cleanPath);
  const params = new URLSearchParams(query);
  for (const key of new Set(params.keys())) {
    if (isPersonalKey(key)) params.set(key, REDACTED);
  }
  return scrubUrl(`${cleanPath}?${params.toString()}`);
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

export function scrubString(value: string): string {
  return value
    .replace(BEARER, `Bearer ${REDACTED}`)
    .replace(KNOWN_SECRET, REDACTED)
    .replace(CARD_NUMBER, REDACTED);
}

/** Deep copy of `value` with sensitive keys replaced and card numbers / bearer tokens masked in strings. */
export function scrub<T>(value: T, depth = 0): T {
  if (depth > 8) return REDACTED as T;
  if (typeof value === 'string') return scrubString(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : scrub(v, depth + 1);
    return out as T;
  }
  return value;
}

/** Query strings: keep parameter names, mask sensitive values (each value scrubbed before it is re-encoded). */
export function scrubQueryString(query: string): string {
  const out = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(query)) {
    out.append(key, isSensitiveKey(key) ? REDACTED : scrubString(value));
  }
  return scrubString(out.toString());
}

/** A URL (path and query string) as logs and Sentry may keep it. */
export function scrubUrl(url: string): string {
  const [path, query] = url.split('?');
  return scrubPath(path) + (query ? `?${scrubQueryString(query)}` : '');
}

/** A URL path, masked like any text, also when what it hides is percent-encoded (`4242%204242…`). */
export function scrubPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Malformed percent-encoding: scrubbed as it is.
  }
  const scrubbed = scrubString(decoded);
  return scrubbed === decoded ? scrubString(path) : scrubbed;
}
