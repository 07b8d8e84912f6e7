import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'champ obligatoire').max(max);
/** Optional free text: blank is stored as "nothing", like a field left out. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const fields = {
  label: text(60).describe('Nom donné à l’adresse : Domicile, Bureau…'),
  line1: text(200),
  line2: optionalText(200).describe('Bâtiment, étage, appartement…'),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'code postal à 5 chiffres'),
  city: text(100),
  instructions: optionalText(300).describe('Pour le livreur : digicode, interphone, étage…'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  isDefault: z.boolean().optional(),
};

// A latitude without its longitude cannot place the address on a map: they come (or go) together.
const coordinatesTogether = (b: { lat?: number | null; lng?: number | null }) =>
  (b.lat === undefined) === (b.lng === undefined) && (b.lat === null) === (b.lng === null);
const coordinatesIssue = { message: 'lat et lng vont ensemble', path: ['lng'] };

export const createAddressBody = z.object(fields).refine(coordinatesTogether, coordinatesIssue);
export type CreateAddressInput = z.infer<typeof createAddressBody>;

export const updateAddressBody = z
  .object(fields)
  .partial()
  .refine(coordinatesTogether, coordinatesIssue)
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'aucun champ à modifier' });
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
