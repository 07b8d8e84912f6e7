import { z } from 'zod';
import { text } from '../../shared/validate.js';

const required = (max: number) => text(1, max, 'champ obligatoire');
/** Optional free text: blank is stored as "nothing", like a field left out. */
const optionalText = (max: number) =>
  text(0, max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const fields = {
  label: required(60).describe('Nom donné à l’adresse : Domicile, Bureau…'),
  line1: required(200),
  line2: optionalText(200).describe('Bâtiment, étage, appartement…'),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'code postal à 5 chiffres')
    .meta({ pattern: '^\\s*\\d{5}\\s*$' }),
  city: required(100),
  instructions: optionalText(300).describe('Pour le livreur : digicode, interphone, étage…'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  isDefault: z.boolean().optional(),
};

// A latitude without its longitude cannot place the address on a map: they come (or go) together.
const coordinatesTogether = (b: { lat?: number | null; lng?: number | null }) =>
  (b.lat === undefined) === (b.lng === undefined) && (b.lat === null) === (b.lng === null);
const coordinatesIssue = { message: 'lat et lng vont ensemble', path: ['lng'] };

// The same rule, as the document states it.
const nullTogether = (a: string, b: string) => ({
  if: { properties: { [a]: { type: 'null' } }, required: [a] },
  then: { properties: { [b]: { type: 'null' } } },
});
const coordinatesRule = {
  dependentRequired: { lat: ['lng'], lng: ['lat'] },
  allOf: [nullTogether('lat', 'lng'), nullTogether('lng', 'lat')],
};

export const createAddressBody = z
  .object(fields)
  .refine(coordinatesTogether, coordinatesIssue)
  .meta(coordinatesRule);
export type CreateAddressInput = z.infer<typeof createAddressBody>;

// Only the fields above (another one is refused), and at least one of them.
export const updateAddressBody = z
  .strictObject(fields)
  .partial()
  .refine(coordinatesTogether, coordinatesIssue)
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'aucun champ à modifier' })
  .meta({ ...coordinatesRule, minProperties: 1 });
export type UpdateAddressInput = z.infer<typeof updateAddressBody>;

export const addressIdParam = z.object({
  addressId: z
    .string()
    .regex(/^\d{1,9}$/, 'identifiant d’adresse invalide')
    .transform(Number),
});

export const addressSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  postcode: z.string(),
  city: z.string(),
  instructions: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  isDefault: z.boolean(),
});

export const addressResponse = z.object({ address: addressSchema });
export const addressListSchema = z.object({ addresses: z.array(addressSchema) });
