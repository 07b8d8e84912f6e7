// « Renvoyer » of the back office's « Messages »: a failed message goes back to the queue through the
// notifications service (attempts counted afresh), and the worker of any app process sends it.
import { ConflictError } from '../../src/shared/errors.js';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { formAction } from './form-action.js';

export function outboxActions(access: AccessSpec, deps: AdminDeps) {
  return {
    resend: formAction({
      access,
      grant: 'notifications.outbox',
      icon: 'Send',
      intro:
        'Remet le message dans la file d’envoi : il part dès que le serveur d’e-mails l’accepte, avec un ' +
        'nouveau compte de tentatives. Corrigez d’abord la cause indiquée dans « Motif » (adresse erronée…).',
      submitLabel: 'Renvoyer',
      appliesTo: (record) => record.params.status === 'failed',
      fields: [],
      run: async ({ record }) => {
        const id = Number(record.id());
        if (!(await deps.services.notifications.resend(id))) {
          throw new ConflictError(
            'message_not_failed',
            'Ce message n’est plus en échec : il a déjà été remis dans la file d’envoi.',
          );
        }
        return `Message n° ${id} remis dans la file d’envoi.`;
      },
    }),
  };
}
