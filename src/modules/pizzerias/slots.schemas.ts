import { z } from 'zod';

export const slotsQuery = z.object({
  fulfilment: z.enum(['delivery', 'takeaway']),
  date: z.iso
    .date({ message: 'date AAAA-MM-JJ attendue' })
    .optional()
    .describe(
      'Jour local de la pizzeria : aujourd’hui (par défaut) ou demain ; tout autre jour : 400 slot_date_out_of_range',
    ),
});

export const slotsResponse = z.object({
  pizzeriaId: z.number().int(),
  fulfilment: z.enum(['delivery', 'takeaway']),
  date: z.string().describe('Jour local des créneaux (AAAA-MM-JJ)'),
  capacity: z.number().int().describe('Commandes pour plus tard par créneau de 15 min'),
  slots: z
    .array(
      z.object({
        at: z.string().describe('Heure de livraison ou de retrait (début du créneau), ISO 8601'),
        left: z
          .number()
          .int()
          .describe('Commandes que le créneau peut encore prendre ; 0 : complet, à ne pas proposer'),
      }),
    )
    .describe(
      'Créneaux de 15 min dans les horaires, à partir de maintenant + préparation (+ trajet jusqu’au bord de la zone en livraison)',
    ),
});
