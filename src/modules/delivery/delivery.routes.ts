// GET /api/pizzerias/nearest: the shops by driving time from an address (or a point), for delivery and takeaway.
// A closed shop still says it delivers the address (with when it opens): customers browse its menu at any hour;
// placing an order for now at a closed shop stays refused by the orders module.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ValidationError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { text } from '../../shared/validate.js';
import { publicPizzeriaSchema } from '../pizzerias/index.js';
import type { PostalAddress } from './address-key.js';

const nearestQuery = z
  .object({
    address: text(5, 300).optional().describe('Ex. « 12 rue Oberkampf, 75011 Paris »'),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
  })
  .refine((q) => q.address !== undefined || (q.lat !== undefined && q.lng !== undefined), {
    message: 'donnez une adresse, ou lat et lng',
  });

export const nearestResponse = z.object({
  approximate: z.boolean().describe('Distances et temps approchés (mode hors ligne, sans clé Google Maps)'),
  location: z.object({ lat: z.number(), lng: z.number() }),
  formattedAddress: z.string().nullable(),
  pizzerias: z.array(
    publicPizzeriaSchema.extend({
      distanceM: z.number().int(),
      travelSeconds: z.number().int().nullable(),
      deliversHere: z
        .boolean()
        .describe('L’adresse est dans sa zone de livraison, ouverte ou non (voir isOpenNow et opensAt)'),
    }),
  ),
});

const ADDRESS = /^(.*?)[\s,]+(\d{5})\s+(.+)$/;

export function parsePostalAddress(text: string): PostalAddress {
  const m = ADDRESS.exec(text.trim());
  if (!m || m[1].trim().length < 3) {
    throw new ValidationError(
      'Écrivez l’adresse ainsi : « 12 rue Oberkampf, 75011 Paris ».',
      { field: 'address' },
      'address_unreadable',
    );
  }
  return { line1: m[1].replace(/,\s*$/, '').trim(), postcode: m[2], city: m[3].trim() };
}

export function deliveryRouter(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/pizzerias/nearest',
      operationId: 'findNearestPizzerias',
      tag: 'Pizzerias',
      summary: 'Pizzerias par temps de trajet depuis une adresse (ou lat/lng), et celles qui y livrent',
      query: nearestQuery,
      responses: { 200: nearestResponse, 422: null, 503: null },
    },
    async ({ query: q }, _req, res) => {
      const { delivery } = ctx.services;
      let location = { lat: q.lat!, lng: q.lng! };
      let formattedAddress: string | null = null;
      if (q.address) {
        const geo = await delivery.geocode(parsePostalAddress(q.address));
        location = geo.point;
        formattedAddress = geo.formattedAddress;
      }
      const shops = await delivery.shopDistances(location);
      const pizzerias = shops
        .sort(
          (a, b) =>
            (a.travel?.durationS ?? Infinity) - (b.travel?.durationS ?? Infinity) ||
            a.distanceM - b.distanceM,
        )
        .map((s) => ({
          ...s.shop,
          distanceM: s.distanceM,
          travelSeconds: s.travel?.durationS ?? null,
          deliversHere: s.inZone,
        }));
      res.json({ approximate: delivery.approximate, location, formattedAddress, pizzerias });
    },
  );
  return router;
}
