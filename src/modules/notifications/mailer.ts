// Sends a rendered message: over SMTP (nodemailer, pooled, a time limit on every step) when SMTP_URL is set,
// else (never in production) as an .eml file in MAIL_DIR, so that development shows every message it would send.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailSettings } from '../../config/index.js';
import type { Attachment } from './render.js';

export interface Mail {
  messageId: string;
  to: string;
  toName: string | null;
  subject: string;
  html: string;
  text: string;
  attachments?: Attachment[];
}

/** An SMTP answer of the 5xx class: the server refuses this message for good (no retry helps). */
export class PermanentMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Where messages go, for the start banner (never the SMTP password). */
  readonly description: string;
  close(): void;
}

/** The SMTP URL without its credentials, for logs and the banner. */
export function describeSmtp(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
}

/** What nodemailer sends: the sender of the settings, the recipient with their name, both bodies, our Message-ID. */
const message = (settings: MailSettings, mail: Mail) => ({
  from: settings.from,
  to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
  subject: mail.subject,
  html: mail.html,
  text: mail.text,
  messageId: mail.messageId,
  ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
});

function smtpMailer(settings: MailSettings, smtpUrl: string): Mailer {
  const t = settings.timeoutMs;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    connectionTimeout: t,
    greetingTimeout: t,
    socketTimeout: t,
    dnsTimeout: t,
  });
  return {
    description: describeSmtp(smtpUrl),
    async send(mail) {
      try {
        await transport.sendMail(message(settings, mail));
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentMailError(`SMTP ${code}: ${(error as Error).message}`);
        }
        throw error;
      }
    },
    close: () => transport.close(),
  };
}

function fileMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `${settings.dir} (fichiers .eml, pas de SMTP_URL)`,
    async send(mail) {
      const info = await transport.sendMail(message(settings, mail));
      await mkdir(settings.dir, { recursive: true });
      // Named after the Message-ID: a resend of the same event writes the same file.
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9.@-]/g, '_');
      await writeFile(path.join(settings.dir, `${name}.eml`), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}

export function createMailer(settings: MailSettings): Mailer {
  return settings.smtpUrl ? smtpMailer(settings, settings.smtpUrl) : fileMailer(settings);
}
