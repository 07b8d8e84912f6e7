// « Effacer les données (RGPD) » of a customer, on their request: the group admin only (customers.erase), with a
// reason kept in the privacy log. The privacy service does the erasure in one transaction (it refuses while an
// order of the customer is in progress: 409 order_in_progress, whose French message the form shows as it is);
// the customer's page no longer exists afterwards, so the back office goes to the log's row.
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { formAction } from './form-action.js';

export const ERASE_INTRO = [
  'Efface les données personnelles de ce client, à sa demande (droit à l’effacement). C’est définitif.',
  'Effacé : le compte (nom, e-mail, téléphone, mot de passe), ses adresses et leurs positions, ses connexions ' +
    'et liens de mot de passe, ses préférences, les e-mails qui lui ont été envoyés ; sur ses commandes, le nom ' +
    '(remplacé par « Anonyme »), le téléphone, l’adresse de livraison et les instructions.',
  'Conservé : les commandes elles-mêmes (numéros, produits, montants, TVA), les paiements, les remboursements et ' +
    'le journal des ventes, que la comptabilité doit garder ; ils ne contiennent aucune donnée personnelle.',
  'Impossible tant qu’une commande du client est en cours. Le motif est enregistré dans « Demandes RGPD ».',
].join('\n\n');

export function customerActions(access: AccessSpec, deps: AdminDeps) {
  return {
    erase: formAction({
      access,
      grant: 'customers.erase',
      icon: 'Trash2',
      intro: ERASE_INTRO,
      submitLabel: 'Effacer définitivement',
      fields: [
        {
          name: 'reason',
          label: 'Motif (demande du client)',
          type: 'text',
          required: true,
          help: 'Par exemple : « Demande par e-mail du 4 décembre, identité vérifiée ».',
        },
      ],
      run: async ({ staff, record, values, context }) => {
        const customerId = Number(record.id());
        const summary = await deps.services.privacy.eraseCustomer(customerId, {
          origin: 'admin',
          employeeId: staff.employeeId,
          reason: values.reason as string,
        });
        return {
          message: `Données du client n° ${customerId} effacées (demande RGPD n° ${summary.requestId}).`,
          redirectUrl: context.h.recordActionUrl({
            resourceId: 'privacy_requests',
            recordId: String(summary.requestId),
            actionName: 'show',
          }),
        };
      },
    }),
  };
}
