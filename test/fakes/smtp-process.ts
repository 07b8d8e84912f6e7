// A real SMTP server in a process of its own (npm smtp-server), started by the tests: every message received is
// kept as it arrived (raw RFC 5322) and reported to the parent over IPC. The parent may make it slow (answer
// each message after `delayMs`), hold the final answer of each message until told (the kill -9 drill), or refuse
// some recipients for good (550 at RCPT TO, as a server does for an address that does not exist).
import { SMTPServer } from 'smtp-server';

interface Options {
  port: number;
  delayMs: number;
  hold: boolean;
  rejectRecipients?: string[];
}

const options: Options = JSON.parse(process.argv[2] ?? '{}') as Options;
const releases: (() => void)[] = [];

process.on('message', (m: { type: string }) => {
  if (m.type === 'release') for (const release of releases.splice(0)) release();
  if (m.type === 'hold') options.hold = true;
  if (m.type === 'reject') {
    options.rejectRecipients = (m as { type: string; addresses: string[] }).addresses;
    process.send?.({ type: 'rejecting' });
  }
  if (m.type === 'unhold') {
    options.hold = false;
    for (const release of releases.splice(0)) release();
  }
  // Answered after every report sent before it (IPC keeps order): the parent then knows all that arrived.
  if (m.type === 'ping') process.send?.({ type: 'pong' });
});

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // The slow server of the drill: the greeting itself is late too.
  onConnect(_session, callback) {
    if (options.delayMs > 0) setTimeout(() => callback(), options.delayMs);
    else callback();
  },
  onRcptTo(address, _session, callback) {
    if (!options.rejectRecipients?.includes(address.address.toLowerCase())) return callback();
    const refusal = new Error(`<${address.address}>: Recipient address rejected: User unknown`);
    (refusal as Error & { responseCode: number }).responseCode = 550;
    callback(refusal);
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const to = session.envelope.rcptTo.map((r) => r.address);
      const answer = () => {
        process.send?.({ type: 'accepted', raw, to, at: Date.now() });
        callback();
      };
      process.send?.({ type: 'data', raw, to });
      if (options.hold) releases.push(answer);
      else if (options.delayMs > 0) setTimeout(answer, options.delayMs);
      else answer();
    });
  },
});

server.listen(options.port, '127.0.0.1', () => {
  const address = server.server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
