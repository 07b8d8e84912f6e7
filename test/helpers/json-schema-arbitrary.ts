// fast-check arbitraries generated from JSON Schemas (the subset the API document uses), and an Ajv validator
// for the same schemas: what the document allows, drawn at random, then kept only if Ajv says the document
// allows it (for the rules a generator cannot build directly: `not`, `if`/`then`, dependentRequired...).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';

export type JsonSchema = Record<string, any>;

const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

export function validator(schema: JsonSchema): (value: unknown) => boolean {
  const validate = ajv.compile(schema);
  return (value) => validate(value) as boolean;
}

/** One character: mostly printable ASCII (letters, digits, blanks, punctuation), sometimes any code point. */
const char = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '\n', '\u00a0', 'é', 'ç', '’', '€', '🍕', '\u0000') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/),
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.constantFrom('fr', 'com', 'org', 'io'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date') return day;
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'email') return email;
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 40, Math.max(minLength, 40) + 60);
  // A pattern fast-check can build from (no look-around): strings of that language.
  if (s.pattern && !/\(\?[=!<]/.test(s.pattern)) return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ unit: char, minLength, maxLength });
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low =
    s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0) : undefined);
  const high =
    s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 0) : undefined);
  if (integer) {
    const min = low ?? -2_147_483_648;
    const max = high ?? 2_147_483_647;
    // Small values matter most (ids, quantities), the bounds too.
    return fc.oneof(
      fc.integer({ min, max: Math.min(max, min + 20) }),
      fc.integer({ min, max }),
      fc.constantFrom(min, max),
    );
  }
  return fc.double({ min: low ?? -1e9, max: high ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary of the values `schema` describes (before the Ajv filter). */
export function arbitrary(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((u: JsonSchema) => arbitrary({ ...u })));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t: string) => arbitrary({ ...s, type: t })));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'string':
      return stringArb(s);
    case 'array': {
      const item = arbitrary(s.items ?? {});
      const constraints = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) };
      return s.uniqueItems
        ? fc.uniqueArray(item, { ...constraints, selector: (v) => JSON.stringify(v) })
        : fc.array(item, constraints);
    }
    case 'object': {
      const props = Object.fromEntries(
        Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).map(([k, v]) => [k, arbitrary(v)]),
      );
      return fc.record(props, { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.jsonValue();
  }
}

/** Values the schema allows: generated from it, and kept only when Ajv validates them against it. */
export function allowedBy(schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = validator(schema);
  return arbitrary(schema).filter(valid);
}
