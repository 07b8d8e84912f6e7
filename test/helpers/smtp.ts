// The tests' SMTP server: a real server process (test/fakes/smtp-process.ts) the app sends to over the network.
// Messages are read as they arrived over SMTP and parsed with mailparser.
import { fork, type ChildProcess } from 'node:child_process';
import { simpleParser, type ParsedMail } from 'mailparser';
import { fromRoot } from '../../src/shared/paths.js';
import { waitFor } from './wait.js';

export interface ReceivedMail {
  raw: string;
  to: string[];
  parsed: ParsedMail;
}

export interface SmtpServerOptions {
  /** 0: any free port. A restarted server passes the port it had. */
  port?: number;
  /** Each connection's greeting and each message's final answer come this late. */
  delayMs?: number;
  /** Hold each message's final answer until `release()`. */
  hold?: boolean;
  /** Addresses refused for good (550 at RCPT TO), in lower case. */
  rejectRecipients?: string[];
}

export interface TestSmtpServer {
  port: number;
  url: string;
  child: ChildProcess;
  /** Messages the server answered 250 to, in order. */
  accepted: ReceivedMail[];
  /** Messages whose data arrived (answered or not yet). */
  dataReceived: number;
  /** The raw messages whose data arrived, in order (answered or not yet). */
  data: string[];
  release(): void;
  unhold(): void;
  /** From now on, refuses these addresses for good (550), accepting every other one. */
  rejectRecipients(addresses: string[]): Promise<void>;
  /** Resolves once every report the server sent before it has been received here. */
  sync(): Promise<void>;
  /** Waits until `n` messages were accepted in all (this server and the ones it shares `accepted` with). */
  waitForAccepted(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

/** Starts a server; `accepted` may be shared with an earlier server (a restart on the same port). */
export async function startSmtpServer(
  options: SmtpServerOptions = {},
  accepted: ReceivedMail[] = [],
): Promise<TestSmtpServer> {
  const child = fork(
    fromRoot('test', 'fakes', 'smtp-process.ts'),
    [
      JSON.stringify({
        port: options.port ?? 0,
        delayMs: options.delayMs ?? 0,
        hold: options.hold ?? false,
        rejectRecipients: options.rejectRecipients ?? [],
      }),
    ],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const pending: Promise<void>[] = [];
  /** Sends `message` to the server process; resolves at its answer of type `answer`. */
  const ask = (message: object, answer: string) =>
    new Promise<void>((resolve) => {
      const done = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off('message', done);
        resolve();
      };
      child.on('message', done);
      child.send(message);
    });
  const server: TestSmtpServer = {
    port: 0,
    url: '',
    child,
    accepted,
    dataReceived: 0,
    data: [],
    release: () => child.send({ type: 'release' }),
    unhold: () => child.send({ type: 'unhold' }),
    rejectRecipients: (addresses) => ask({ type: 'reject', addresses }, 'rejecting'),
    sync: () => ask({ type: 'ping' }, 'pong'),
    async waitForAccepted(n, timeoutMs = 30_000) {
      await waitFor(`${n} messages over SMTP`, () => accepted.length >= n, timeoutMs);
      await Promise.all(pending);
      return accepted;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  child.on('message', (m: { type: string; raw: string; to: string[]; port: number }) => {
    if (m.type === 'data') {
      server.dataReceived += 1;
      server.data.push(m.raw);
    }
    if (m.type === 'accepted') {
      const entry = { raw: m.raw, to: m.to } as ReceivedMail;
      accepted.push(entry);
      pending.push(
        simpleParser(m.raw).then((parsed) => {
          entry.parsed = parsed;
        }),
      );
    }
  });
  server.port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SMTP server exited (${code})`)));
    child.on('message', (m: { type: string; port: number }) => m.type === 'listening' && resolve(m.port));
  });
  server.url = `smtp://127.0.0.1:${server.port}`;
  return server;
}

/** The Message-ID header of a raw message (as the server received it), or undefined. */
export const rawMessageId = (raw: string) => /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1];

/** The messages sent to `address`. */
export const mailsTo = (mails: ReceivedMail[], address: string) =>
  mails.filter((m) => m.to.includes(address));
