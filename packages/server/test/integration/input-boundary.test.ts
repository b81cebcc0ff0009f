import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { ZodError } from 'zod';
import {
  createFederalOperator,
  createSimplifiedCitizen,
  signedInClient,
  validPersonalData,
} from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * PostgreSQL text cannot hold U+0000, and a lone surrogate has no UTF-8 form: such text is refused
 * at the boundary with a field error (`text.invalid_chars`), never carried to the database.
 */
let sut: TestSystem;
beforeAll(async () => {
  sut = await startTestSystem({ env: { RATE_LIMITS: 'false' } });
});
afterAll(() => sut?.stop());

const NUL = 'a\u0000@b.ru';
const LONE_SURROGATE = 'a\uD800@b.ru';

function expectFieldRefused(res: { status: number; body: any }, path: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation.failed');
  expect(res.body.error.fields).toContainEqual({ path, code: 'text.invalid_chars' });
}

describe('text with a NUL byte or a lone surrogate', () => {
  it.each([NUL, LONE_SURROGATE])('is refused as a login to sign in with (%j)', async (login) => {
    const res = await new TestClient(sut.app).post('/api/login', { login, password: 'Надёжный-пароль-2026' });
    expectFieldRefused(res, 'login');
  });

  it.each([NUL, LONE_SURROGATE])('is refused as a login to recover (%j)', async (login) => {
    const res = await new TestClient(sut.app).post('/api/recovery', { login });
    expectFieldRefused(res, 'login');
  });

  it('is refused as the e-mail to register with', async () => {
    const res = await new TestClient(sut.app).post('/api/registration', {
      lastName: 'Иванов',
      firstName: 'Иван',
      contactType: 'email',
      contact: NUL,
    });
    expectFieldRefused(res, 'contact');
  });

  it('is refused in personal data', async () => {
    const client = await signedInClient(sut, await createSimplifiedCitizen(sut));
    const res = await client.put(
      '/api/me/personal-data',
      validPersonalData({ birthPlace: 'г. Вологда\u0000' }),
    );
    expectFieldRefused(res, 'birthPlace');
    const surrogate = await client.put(
      '/api/me/personal-data',
      validPersonalData({ passport: { issuedBy: 'УФМС \uDC00' } }),
    );
    expectFieldRefused(surrogate, 'passport.issuedBy');
  });

  it('is refused in the subject of a test-CA certificate the operator issues', async () => {
    // Arbitrary subjects are issued only on the server (CLI, the service), never over HTTP.
    const refused = await sut.services.testCa
      .issue(
        {
          algorithm: 'ecdsa_p256',
          pin: '12345678',
          subject: { lastName: 'Иванов', firstName: 'Иван', organization: 'ООО\u0000', email: NUL },
        },
        { accountId: null, meta: { ip: null } },
      )
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(ZodError);
    const issues = (refused as ZodError).issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining(['subject.organization text.invalid_chars', 'subject.email text.invalid_chars']),
    );
  });

  it('is refused as the name of a trusted root', async () => {
    const operator = await signedInClient(sut, await createFederalOperator(sut));
    const res = await operator.post('/api/registry/trust-list', {
      certificate: 'MIIB',
      name: 'УЦ\u0000',
    });
    expectFieldRefused(res, 'name');
  });

  it('is refused in a query string', async () => {
    const res = await new TestClient(sut.app).get('/api/dev/outbox?to=%00');
    expectFieldRefused(res, 'to');
    const surrogate = await new TestClient(sut.app).get('/api/dev/outbox?to=%ED%A0%80');
    expect(surrogate.status).toBeLessThan(500);
  });
});

describe('a database error in the logs', () => {
  it('carries no value of the statement that failed', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger('info', false, sink);
    for (const statement of [
      sql`select ${'secret@example.ru'}::int`,
      sql`select ${'г. Вологда\u0000'}::text`,
      sql`select ${'Вологда-1985'}::date`,
    ]) {
      const err = await sut.database.db.execute(statement).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      logger.error({ err }, 'unhandled error');
    }
    const out = lines.join('');
    expect(lines).toHaveLength(3);
    for (const value of ['secret@example.ru', 'г. Вологда', 'Вологда-1985']) expect(out).not.toContain(value);
    // What went wrong is still there: the SQLSTATE of each failure.
    expect(out).toContain('22P02');
  });
});
