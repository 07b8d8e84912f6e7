// Without SMTP_URL (development), the mailer writes each message as an .eml file in MAIL_DIR, named after its
// Message-ID: a real RFC 5322 message a mail client opens, and a resend of the same event overwrites it.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import type { MailSettings } from '../../../src/config/index.js';
import { createMailer, describeSmtp, type Mail } from '../../../src/modules/notifications/index.js';

describe('mailer: .eml files when there is no SMTP server', () => {
  let dir: string;
  let settings: MailSettings;

  beforeEach(async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'ocpizza-mail-'));
    // A folder that does not exist yet: the mailer creates it.
    dir = path.join(root, 'mail', 'out');
    settings = {
      smtpUrl: null,
      from: 'OC Pizza <commandes@ocpizza.example>',
      dir,
      timeoutMs: 5000,
      publicUrl: 'https://www.ocpizza.example',
      companyName: 'OC Pizza SAS',
      outbox: { pollMs: 100, leaseSeconds: 60, retryBaseMs: 100, retryMaxMs: 1000, maxAttempts: 3 },
      lowStockDigestHour: 7,
    };
  });
  afterEach(() => rm(path.dirname(path.dirname(dir)), { recursive: true, force: true }));

  const mail: Mail = {
    messageId: '<3f2a9c0d1e@ocpizza.example>',
    to: 'zoe.martin@example.com',
    toName: 'Zoé Martin',
    subject: 'Commande n° 12 confirmée — OC Pizza Bastille',
    html: '<!doctype html><html lang="fr"><body><p>Bonjour Zoé, merci !</p></body></html>',
    text: 'Bonjour Zoé, merci !\n',
  };

  it('when a message is sent, then MAIL_DIR holds <Message-ID>.eml, a message mailparser reads back whole', async () => {
    const mailer = createMailer(settings);
    expect(mailer.description).to.include(dir);
    await mailer.send(mail);
    mailer.close();
    expect(await readdir(dir)).to.deep.equal(['3f2a9c0d1e@ocpizza.example.eml']);
    const parsed = await simpleParser(await readFile(path.join(dir, '3f2a9c0d1e@ocpizza.example.eml')));
    expect(parsed.messageId).to.equal(mail.messageId);
    expect(parsed.subject).to.equal(mail.subject);
    expect(parsed.from?.value).to.deep.equal([{ name: 'OC Pizza', address: 'commandes@ocpizza.example' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).to.deep.equal([
      { name: 'Zoé Martin', address: 'zoe.martin@example.com' },
    ]);
    expect(parsed.text).to.equal(mail.text);
    expect(parsed.html).to.equal(mail.html);
    expect(parsed.date).to.be.instanceOf(Date);
  });

  it('when the same message is sent again, then its file is replaced, not doubled', async () => {
    const mailer = createMailer(settings);
    await mailer.send(mail);
    await mailer.send({ ...mail, subject: 'Commande n° 12 confirmée (renvoi)' });
    await mailer.send({ ...mail, messageId: '<other/../id@ocpizza.example>', toName: null });
    mailer.close();
    const files = (await readdir(dir)).sort();
    // Characters that could leave the folder are replaced in the file name.
    expect(files).to.deep.equal(['3f2a9c0d1e@ocpizza.example.eml', 'other_.._id@ocpizza.example.eml']);
    const parsed = await simpleParser(await readFile(path.join(dir, files[0])));
    expect(parsed.subject).to.equal('Commande n° 12 confirmée (renvoi)');
  });

  it('when the SMTP URL carries credentials, then its description (start banner, logs) does not', () => {
    expect(describeSmtp('smtps://mailer:S3cr3t@smtp.example.com:465')).to.equal(
      'smtps://smtp.example.com:465',
    );
    expect(describeSmtp('smtp://localhost')).to.equal('smtp://localhost');
  });
});
