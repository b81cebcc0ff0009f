import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';

describe('logs', () => {
  it('never contain personal data, passwords, codes or cookies', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const sut = createLogger('info', false, sink);
    sut.info(
      {
        body: {
          password: 'Секрет-123',
          snils: '11223344595',
          passport: { number: '123456' },
          code: '654321',
          phone: '+79123456789',
        },
        req: { headers: { cookie: 'oesia_session=abc' } },
      },
      'request',
    );
    const out = lines.join('');
    for (const secret of [
      'Секрет-123',
      '11223344595',
      '123456',
      '654321',
      '+79123456789',
      'oesia_session=abc',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('[скрыто]');
  });
});
