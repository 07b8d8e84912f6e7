// The « mot de passe oublié » e-mail (registered with the notifications module in src/wiring.ts). Customers
// choose their new password on the site, staff on /personnel (the back office's login page links there).
import { frenchTime, type Document, type MessageRenderer } from '../notifications/index.js';
import { RESET_TOKEN_TTL_MS, type AccountKind } from './reset-tokens.js';
import type { ResetMailPayload } from './password-reset.js';

/** Where the link leads: the page of the site (or of /personnel) that reads `jeton`. */
export function resetPageUrl(publicUrl: string, kind: AccountKind, token?: string): string {
  const page = token ? `/mot-de-passe/nouveau?jeton=${token}` : '/mot-de-passe/oublie';
  return `${publicUrl}${kind === 'customer' ? '/' : '/personnel'}#${page}`;
}

export function resetMailRenderer(mail: { publicUrl: string; companyName: string }): MessageRenderer {
  return async (m): Promise<Document> => {
    const p = m.payload as unknown as ResetMailPayload;
    const hours = RESET_TOKEN_TTL_MS / 3_600_000;
    const until = frenchTime(p.expiresAt, 'Europe/Paris', true);
    const account = p.subject === 'customer' ? 'votre compte OC Pizza' : 'votre compte du personnel OC Pizza';
    return {
      subject: 'Réinitialisation de votre mot de passe OC Pizza',
      preheader: `Choisissez un nouveau mot de passe : le lien est valable ${hours} heure.`,
      blocks: [
        { p: `Bonjour ${p.firstName},` },
        {
          p: `Une demande de réinitialisation du mot de passe de ${account} (${m.recipient}) vient d’être faite. Pour choisir un nouveau mot de passe, suivez ce lien :`,
        },
        // The token leaves the outbox once the mail is sent: a later preview (back office) shows where to ask
        // for a new link instead. A pending or failed mail always still has it.
        p.token
          ? {
              button: {
                label: 'Choisir un nouveau mot de passe',
                href: resetPageUrl(mail.publicUrl, p.subject, p.token),
              },
            }
          : { button: { label: 'Demander un nouveau lien', href: resetPageUrl(mail.publicUrl, p.subject) } },
        {
          p: `Ce lien est valable ${hours} heure (jusqu’à ${until}, heure de Paris) et ne sert qu’une fois. Une fois le mot de passe changé, toutes vos sessions ouvertes sont fermées : reconnectez-vous avec le nouveau.`,
        },
        {
          p: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
        },
        { small: [`Message automatique envoyé par ${mail.companyName}.`] },
      ],
    };
  };
}
