// Removes credentials and payment data from anything leaving the process (error reports, logs).
const SENSITIVE_KEY =
  /pass(word)?|secret|token|authorization|cookie|card|cvc|cvv|iban|signature|api[-_]?key/i;
const CARD_NUMBER = /\b(?:\d[ -]?){13,19}\b/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;

export const REDACTED = '[redacted]';

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

export function scrubString(value: string): string {
  return value.replace(BEARER, `Bearer ${REDACTED}`).replace(CARD_NUMBER, REDACTED);
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

/** Query strings: keep parameter names, mask sensitive values. */
export function scrubQueryString(query: string): string {
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (isSensitiveKey(key)) params.set(key, REDACTED);
  return scrubString(params.toString());
}
