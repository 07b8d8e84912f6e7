// « Mot de passe oublié », the same for customers and staff: the account's module says how to find an account
// and write its password (it owns that table); this file owns the tokens, the limits and the order of things.
//
// - A request answers the same whether the address has an account or not (the route always says 202): the
//   limits count every request, and only an existing (for staff: active) account gets a token and a mail.
// - The mail is written to the outbox in the token's transaction. Its payload carries the raw token, which the
//   template needs for the link: the outbox wipes it once the mail is sent (outbox.repository.ts markSent); a
//   failed mail keeps it for « Renvoyer », and the link dies with the token's hour anyway.
// - A confirmation checks the password policy before using the token (a refused password leaves the link
//   usable), then, in one transaction: the token is used, the password written, every session and every other
//   reset link of the account ended.
import { isForeignKeyViolation, type Database, type Executor, type Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { NewMessage } from '../notifications/index.js';
import { limitAttempts, type ResetAction } from './login-limits.js';
import { hashPassword } from './passwords.js';
import {
  createResetToken,
  endAccountSessions,
  findResetToken,
  useResetToken,
  type AccountKind,
} from './reset-tokens.js';

export const RESET_MAIL_KIND = 'account.password_reset';
export const RESET_REQUESTED_MESSAGE =
  'Si un compte existe pour cette adresse, un e-mail vient d’être envoyé.';
export const RESET_DONE_MESSAGE =
  'Votre mot de passe a été changé. Connectez-vous avec votre nouveau mot de passe.';

export class ResetTokenInvalidError extends AppError {
  constructor() {
    super(
      410,
      'reset_token_invalid',
      'Ce lien de réinitialisation n’est plus valable : il a déjà servi, a expiré ou est incomplet. ' +
        'Demandez-en un nouveau.',
    );
  }
}

export interface ResetAccount {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
}

/** What the account's own module provides. */
export interface ResetAccounts {
  kind: AccountKind;
  limit: ResetAction;
  /** The account that may reset its password with this e-mail (none: unknown, or a deactivated employee). */
  findByEmail(ex: Executor, email: string): Promise<ResetAccount | undefined>;
  findById(ex: Executor, id: number): Promise<ResetAccount | undefined>;
  /** 422 weak_password when the password breaks the policy. */
  assertPolicy(password: string, email: string): void;
  /** Writes the hash; false when the account can no longer sign in (deleted, deactivated). */
  setPasswordHash(tx: Tx, id: number, passwordHash: string): Promise<boolean>;
  /** Sessions kept elsewhere than auth_tokens (the back office's), ended with the others. */
  endOtherSessions?(tx: Tx, id: number): Promise<void>;
}

export interface ResetDeps {
  db: Database;
  clock: Clock;
  enqueue(tx: Tx, message: NewMessage): Promise<boolean>;
}

/** The payload of a reset mail (its template: reset-mail.ts). */
export interface ResetMailPayload {
  token?: string;
  subject: AccountKind;
  firstName: string;
  expiresAt: string;
}

export function passwordReset({ db, clock, enqueue }: ResetDeps, accounts: ResetAccounts) {
  const { kind } = accounts;
  return {
    /** Sends a reset link if the address has an account; 429 over the limits, else nothing tells. */
    async request(email: string, clientIp: string): Promise<void> {
      await limitAttempts(db, accounts.limit, clientIp, email);
      const account = await db.read((ex) => accounts.findByEmail(ex, email));
      if (!account) return;
      // An account erased (or removed) meanwhile is an unknown address: nothing sent, nothing tells.
      await db
        .transaction(async (tx) => {
          const { id, token, expiresAt } = await createResetToken(tx, kind, account.id, clock.now());
          const payload: ResetMailPayload = {
            token,
            subject: kind,
            firstName: account.firstName,
            expiresAt: expiresAt.toISOString(),
          };
          await enqueue(tx, {
            key: `password-reset:${id}`,
            kind: RESET_MAIL_KIND,
            to: account.email,
            toName: `${account.firstName} ${account.lastName}`,
            ...(kind === 'customer' ? { customerId: account.id } : { employeeId: account.id }),
            payload: { ...payload },
          });
        })
        .catch((error: unknown) => {
          if (!isForeignKeyViolation(error, `password_reset_tokens_${kind}_id_fkey`)) throw error;
        });
    },

    /** The new password from a link: 410 reset_token_invalid (used, expired, unknown), 422 weak_password. */
    async confirm(token: string, password: string): Promise<void> {
      const found = await db.read((ex) => findResetToken(ex, kind, token, clock.now()));
      const account = found && (await db.read((ex) => accounts.findById(ex, found.accountId)));
      if (!found || !account) throw new ResetTokenInvalidError();
      accounts.assertPolicy(password, account.email);
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const now = clock.now();
        if (!(await useResetToken(tx, found.id, now))) throw new ResetTokenInvalidError();
        if (!(await accounts.setPasswordHash(tx, account.id, passwordHash)))
          throw new ResetTokenInvalidError();
        await endAccountSessions(tx, kind, account.id, now);
        await accounts.endOtherSessions?.(tx, account.id);
      });
    },
  };
}

export type PasswordReset = ReturnType<typeof passwordReset>;
