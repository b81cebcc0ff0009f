import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm';
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

  it('never contain the values of a failed database statement', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const sut = createLogger('info', false, sink);
    // What PostgreSQL answers (node-postgres and PGlite alike) inside Drizzle's wrapper.
    const cause = Object.assign(new Error('invalid input syntax for type date: "Вологда-1985"'), {
      severity: 'ERROR',
      code: '22007',
      detail: 'Key (email)=(secret@example.ru) already exists.',
      where: "unnamed portal parameter $2 = 'Вологда-1985'",
      table: 'personal_data',
      query: 'insert into personal_data values ($1, $2)',
      params: ['secret@example.ru', 'Вологда-1985'],
    });
    const err = new DrizzleQueryError(
      'insert into personal_data values ($1, $2)',
      ['secret@example.ru', 'Вологда-1985'],
      cause,
    );
    sut.error({ err }, 'unhandled error');
    const out = lines.join('');
    expect(out).not.toContain('secret@example.ru');
    expect(out).not.toContain('Вологда-1985');
    const logged = JSON.parse(out).err;
    expect(logged.type).toBe('DrizzleQueryError');
    expect(logged.message).toContain('insert into personal_data');
    expect(logged.stack).toMatch(/\n\s+at /);
    expect(logged.cause).toMatchObject({ code: '22007', table: 'personal_data' });
  });
});
