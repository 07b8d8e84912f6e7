// Messages to staff: the alert to the group admin when a message could not be sent.
import type { MessageRenderer } from './index.js';
import { kindLabel } from './kinds.js';

export const outboxFailedAlert: MessageRenderer = async (m) => {
  const p = m.payload as {
    outboxId: number;
    kind: string;
    recipient: string;
    attempts: number;
    reason: string;
  };
  return {
    subject: `Message non envoyé : ${kindLabel(p.kind)} à ${p.recipient}`,
    preheader: `Après ${p.attempts} tentative(s) : ${p.reason}`,
    blocks: [
      { p: 'Bonjour,' },
      {
        p: `Un e-mail n’a pas pu être envoyé malgré ${p.attempts} tentative(s). Il reste visible dans le back-office (Notifications › Messages), où vous pouvez le renvoyer.`,
      },
      {
        table: [
          { label: 'Message', value: `n° ${p.outboxId}` },
          { label: 'Type', value: kindLabel(p.kind) },
          { label: 'Destinataire', value: p.recipient },
          { label: 'Motif', value: p.reason },
        ],
      },
      { small: ['Alerte automatique de la plateforme OC Pizza.'] },
    ],
  };
};
