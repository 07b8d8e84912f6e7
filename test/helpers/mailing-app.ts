// Mocha hooks of a suite that reads the app's e-mails: a real SMTP server process and the app pointed at it
// (before), the outbox worker running during each test with the server's list emptied (beforeEach/afterEach),
// both stopped after. Settings given as a function are read once the suite's earlier `before` hooks have run
// (a fake Stripe started first, for instance).
import { client } from './api.js';
import { startTestApp, type TestApp } from './app.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

export interface MailingApp {
  smtp: TestSmtpServer;
  app: TestApp;
  api: ReturnType<typeof client>;
  worker: { stop(): Promise<void>; drain(): Promise<number> };
}

export function withMailingApp(settings: () => Record<string, string> = () => ({})): MailingApp {
  const ctx = {} as MailingApp;
  before(async () => {
    ctx.smtp = await startSmtpServer();
    ctx.app = await startTestApp({
      SMTP_URL: ctx.smtp.url,
      PUBLIC_URL: 'https://www.ocpizza.example',
      OUTBOX_POLL_MS: '100',
      ...settings(),
    });
    ctx.api = client(ctx.app.url);
  });
  beforeEach(() => {
    ctx.smtp.accepted.length = 0;
    ctx.worker = ctx.app.services.notifications.startWorker({ logger: ctx.app.context.logger });
  });
  afterEach(() => ctx.worker.stop());
  after(async () => {
    await ctx.app?.close();
    await ctx.smtp?.stop();
  });
  return ctx;
}
