// The sales journal's verification and archives over the API: the verification report of one shop's journal or
// every shop's (`journal.view`; a shop role sees its own shop only), and the signed tar archive of a closed month
// or fiscal year of one shop (`accounting.export`: the accountant and the admin), streamed as a download.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { sendExportFile } from '../accounting/index.js';
import { shopScope } from '../staff/index.js';
import type { PreparedArchive } from './archive.js';

const TAG = 'Comptabilité';

const pizzeriaId = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'identifiant de pizzeria invalide')
  .transform(Number);

const day = (what: string) =>
  z.iso
    .date({ error: 'date attendue au format AAAA-MM-JJ (un jour qui existe)' })
    .optional()
    .describe(`${what} (AAAA-MM-JJ, heure de Paris)`);

export const verificationQuery = z
  .object({
    pizzeriaId: pizzeriaId
      .optional()
      .describe('Une seule pizzeria (toutes par défaut pour les rôles du groupe)'),
    from: day('Premier jour inclus'),
    to: day('Dernier jour inclus'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'la date de fin précède la date de début' });
    }
  });

export const archiveQuery = z.object({
  pizzeriaId: pizzeriaId.describe('La pizzeria'),
  period: z
    .string({ error: 'période obligatoire (AAAA-MM ou AAAA)' })
    .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'période attendue au format AAAA-MM (un mois) ou AAAA (un exercice)')
    .describe('Mois (AAAA-MM) ou exercice (AAAA) clôturé'),
});

const shopFigures = z.object({
  pizzeriaId: z.number().int(),
  shopCode: z.string(),
  entries: z.number().int().describe('Écritures vérifiées'),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  grandTotalCents: z.number().int().describe('Grand total perpétuel à la dernière écriture vérifiée'),
  closures: z.number().int().describe('Clôtures vérifiées'),
  keyIds: z.array(z.string()).describe('Identifiants des clés qui ont signé ces clôtures'),
});

const verificationResponse = z.object({
  status: z.enum(['intègre', 'altéré']),
  intact: z.boolean(),
  problem: z
    .object({
      pizzeriaId: z.number().int(),
      shopCode: z.string(),
      kind: z.enum(['entry', 'closure']),
      seq: z.number().int(),
      message: z.string().describe('Explication en français'),
    })
    .nullable()
    .describe('Le premier problème trouvé (la vérification s’arrête là)'),
  shops: z.array(shopFigures),
});

/** Streams a prepared archive as a download (the API's route and the back office's), then discards it. */
export async function sendArchive(req: Request, res: Response, archive: PreparedArchive): Promise<void> {
  try {
    await sendExportFile(req, res, { name: archive.name, contentType: 'application/x-tar' }, () =>
      archive.write(res),
    );
  } finally {
    await archive.discard();
  }
}

export function journalVerifyRouter(ctx: AppContext): Router {
  const router = Router();
  const journal = () => ctx.services.journal;

  route(
    router,
    {
      method: 'get',
      path: '/staff/journal/verification',
      operationId: 'verifyJournal',
      tag: TAG,
      auth: { staff: 'journal.view' },
      summary:
        'Vérification du journal des ventes inaltérable : numérotation sans trou, chaînage et empreintes des ' +
        'écritures, grand total perpétuel, clôtures (chaînage, empreinte, signature, totaux recalculés). ' +
        'S’arrête au premier problème et le localise.',
      query: verificationQuery,
      responses: { 200: verificationResponse, 404: null },
    },
    async ({ query, principal }, _req, res) => {
      const id = principal.pizzeriaId === null ? query.pizzeriaId : shopScope(principal, query.pizzeriaId);
      const v = await journal().verify({ pizzeriaId: id, from: query.from, to: query.to });
      res.json({ status: v.intact ? 'intègre' : 'altéré', ...v });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/journal/archive',
      operationId: 'archiveJournal',
      tag: TAG,
      auth: { staff: 'accounting.export' },
      summary:
        'Archive signée (fichier tar) d’un mois ou d’un exercice clôturé d’une pizzeria : entries.jsonl, ' +
        'closures.jsonl, public-keys.pem, manifest.json (empreintes SHA-256 des fichiers) et manifest.sig ' +
        '(signature Ed25519). Vérifiable hors ligne : npm run journal:verify -- --archive <fichier>.',
      query: archiveQuery,
      // `200: null`: the body is a tar file.
      responses: { 200: null, 404: null, 409: null },
    },
    async ({ query, principal }, req, res) => {
      const id = principal.pizzeriaId === null ? query.pizzeriaId : shopScope(principal, query.pizzeriaId);
      await sendArchive(req, res, await journal().archive({ pizzeriaId: id, period: query.period }));
    },
  );

  return router;
}
