// The local SMTP server of the notifications benchmark, in a process of its own (npm smtp-server): it answers
// 250 to every message at once and counts them, and their distinct Message-IDs, for the parent over IPC. It keeps
// nothing else (the tests' server, test/fakes/smtp-process.ts, keeps and reports every message whole).
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const ids = new Set<string>();

process.on('message', (m: { type: string }) => {
  if (m.type === 'count') process.send?.({ type: 'count', accepted, distinct: ids.size });
  if (m.type === 'reset') {
    accepted = 0;
    ids.clear();
    process.send?.({ type: 'count', accepted, distinct: 0 });
  }
});

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    // The headers come first; the Message-ID is read from the first chunk(s) only.
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 8192) head += c.toString('utf8');
    });
    stream.on('end', () => {
      const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1];
      accepted += 1;
      if (id) ids.add(id);
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
