// What a log line may hold: the app's logger options (src/shared/logger.ts) applied to a pino writing into
// memory. Every e-mail address in a line is masked, whatever field or message carries it, and the fields
// naming a person are redacted.
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { loggerOptions } from '../../../src/shared/logger.js';

function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), stream), lines };
}

describe('logger: personal data in log lines', () => {
  it('when a line carries an e-mail address in any field, message, error or child binding, then it is masked and the line stays JSON', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ to: 'camille.martin@example.fr', nested: { list: ['dominique@x.org'] } }, 'sent');
    logger.warn('login failed for sacha.leroy@example.fr');
    logger.error({ err: new Error('duplicate: camille.martin@example.fr') }, 'boom');
    logger.child({ req: { url: '/x?email=camille.martin%40example.fr' } }).info('request');
    expect(lines).to.have.length(4);
    const text = lines.join('\n');
    for (const address of ['camille.martin@', 'dominique@', 'sacha.leroy@', 'camille.martin%40'])
      expect(text).not.to.include(address);
    expect(text).to.include('c***@example.fr').and.include('d***@x.org').and.include('s***@example.fr');
    expect(text).to.include('c***%40example.fr');
    for (const line of lines) expect(() => JSON.parse(line)).not.to.throw();
  });

  it('when a call passes a person’s name or phone as fields, then they are redacted', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ order: { customerName: 'Camille Martin', customerPhone: '0612345678', id: 'o1' } }, 'x');
    const line = JSON.parse(lines[0]!);
    expect(line.order).to.deep.equal({ customerName: '[redacted]', customerPhone: '[redacted]', id: 'o1' });
  });
});
