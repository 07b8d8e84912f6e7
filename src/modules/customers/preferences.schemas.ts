// The customer's choice of e-mails, as GET and PATCH /api/me/notifications state it.
import { z } from 'zod';

export const notificationPreferencesSchema = z.object({
  statusEmails: z
    .boolean()
    .describe('E-mails de suivi de commande (en préparation, prête, en route, livrée, retirée)'),
  alwaysSent: z
    .array(z.string())
    .describe('E-mails envoyés quel que soit ce choix (confirmation, annulation, remboursement…)'),
});

export const notificationPreferencesBody = z.strictObject({
  statusEmails: z.boolean({ error: 'vrai ou faux attendu' }),
});
