// Staff API of the « ruptures » (kitchen and counter screens, two taps): list the shop's current ones, take a
// size or an extra off (with a reason, optionally until a time), put it back. Shop staff act on their own shop;
// the group admin names one (?pizzeriaId= or in the body).
import type { Router } from 'express';
import { z } from 'zod';
import { route } from '../../shared/openapi.js';
import { SQL_INT_MAX, text } from '../../shared/validate.js';
import { shopScope } from '../staff/index.js';
import type { CatalogService } from './index.js';

const tag = 'Carte — ruptures';
const id = z.number().int().positive().max(SQL_INT_MAX);

const shopQuery = z.object({ pizzeriaId: z.coerce.number().int().positive().max(SQL_INT_MAX).optional() });

const ruptureBody = z
  .object({
    pizzeriaId: id.optional(),
    sizeId: id.optional().describe('La taille retirée (ou extraId)'),
    extraId: id.optional().describe('Le supplément retiré (ou sizeId)'),
    reason: text(1, 200, 'motif obligatoire').describe('Motif, lu par l’équipe (« plus de mozzarella »)'),
    until: z.iso
      .datetime({ offset: true, message: 'date et heure ISO 8601 attendues' })
      .transform((v) => new Date(v))
      .nullable()
      .optional()
      .describe('Fin automatique de la rupture ; absente ou null : jusqu’à remise en vente'),
  })
  .refine((b) => (b.sizeId === undefined) !== (b.extraId === undefined), {
    message: 'sizeId ou extraId, l’un des deux',
    path: ['sizeId'],
  })
  // What the document says of the two fields together: exactly one (allOf, so that a reader, and the contract
  // tests' generator, still see an object with its properties).
  .meta({
    allOf: [
      {
        oneOf: [
          { properties: { sizeId: {} }, required: ['sizeId'] },
          { properties: { extraId: {} }, required: ['extraId'] },
        ],
      },
    ],
  });

const ruptureSchema = z.object({
  id: z.number().int(),
  pizzeriaId: z.number().int(),
  sizeId: z.number().int().nullable(),
  extraId: z.number().int().nullable(),
  label: z.string().describe('« Reine — Junior 26 cm », ou le nom du supplément'),
  reason: z.string(),
  until: z.string().nullable().describe('Fin automatique (ISO 8601), null : jusqu’à remise en vente'),
  startedAt: z.string(),
});

const ruptureIdParam = z.object({ ruptureId: z.coerce.number().int().positive().max(SQL_INT_MAX) });

export function rupturesRoutes(router: Router, catalog: CatalogService): void {
  route(
    router,
    {
      method: 'get',
      path: '/staff/ruptures',
      operationId: 'listRuptures',
      tag,
      auth: { staff: 'catalog.rupture' },
      summary: 'Ruptures en cours de la pizzeria (tailles et suppléments retirés pour un temps)',
      query: shopQuery,
      responses: { 200: z.object({ ruptures: z.array(ruptureSchema) }), 401: null, 403: null, 422: null },
    },
    async ({ query, principal }, _req, res) => {
      res.json({ ruptures: await catalog.ruptures(shopScope(principal, query.pizzeriaId)) });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/ruptures',
      operationId: 'startRupture',
      tag,
      auth: { staff: 'catalog.rupture' },
      summary:
        'Met une taille ou un supplément en rupture dans cette pizzeria seulement (motif, fin facultative ; remplace la rupture en cours du même article)',
      body: ruptureBody,
      responses: {
        201: z.object({ rupture: ruptureSchema }),
        401: null,
        403: null,
        404: null,
        409: null,
        422: null,
      },
    },
    async ({ body, principal }, _req, res) => {
      const { pizzeriaId, ...input } = body;
      const rupture = await catalog.startRupture(
        shopScope(principal, pizzeriaId),
        input,
        principal.employeeId,
      );
      res.status(201).json({ rupture });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/ruptures/:ruptureId/end',
      operationId: 'endRupture',
      tag,
      auth: { staff: 'catalog.rupture' },
      summary: 'Remet l’article en vente maintenant',
      params: ruptureIdParam,
      query: shopQuery,
      responses: { 204: null, 401: null, 403: null, 404: null, 422: null },
    },
    async ({ params, query, principal }, _req, res) => {
      await catalog.endRupture(shopScope(principal, query.pizzeriaId), params.ruptureId);
      res.status(204).end();
    },
  );
}
