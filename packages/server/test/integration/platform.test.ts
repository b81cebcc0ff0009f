import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { TestClient } from '../support/http.js';
import { createSimplifiedCitizen, signedInClient } from '../support/factories.js';
import { sql } from 'drizzle-orm';
import { appendAudit, verifyAuditChain } from '../../src/audit/log.js';
import { auditLog } from '../../src/db/schema/index.js';

describe('platform', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => sut?.stop());

  it('reports health with the database kind', async () => {
    const res = await new TestClient(sut.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: sut.database.kind });
  });

  it('refuses a change without a CSRF token with csrf.invalid', async () => {
    const res = await new TestClient(sut.app).post('/api/logout', {}, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf.invalid');
  });

  describe('the CSRF check follows the route the router matched, not the raw address', () => {
    // The router decodes `%61` to `a`; it matches neither `%2F` as a slash, a doubled slash nor
    // another case, so those reach no handler at all.
    const spellings = (path: string) => [
      `/%61pi/${path}`,
      `/api/%${path.charCodeAt(0).toString(16)}${path.slice(1)}`,
      `/api%2F${path}`,
      `//api/${path}`,
      `/API/${path}`,
    ];

    it('refuses a sign-out without a token however the address is spelled, and the session survives', async () => {
      const citizen = await createSimplifiedCitizen(sut);
      const client = await signedInClient(sut, citizen);
      for (const url of spellings('logout')) {
        const res = await client.post(url, {}, { csrf: false });
        expect([403, 404], url).toContain(res.status);
        if (res.status === 403) expect(res.body.error.code, url).toBe('csrf.invalid');
        expect((await client.get('/api/session')).body.account?.id, url).toBe(citizen.id);
      }
    });

    it('refuses a sign-in without a token however the address is spelled', async () => {
      const citizen = await createSimplifiedCitizen(sut);
      for (const url of spellings('login')) {
        const client = new TestClient(sut.app, '192.0.2.77');
        const res = await client.post(
          url,
          { login: citizen.phone, password: citizen.password },
          { csrf: false },
        );
        expect([403, 404], url).toContain(res.status);
        if (res.status === 403) expect(res.body.error.code, url).toBe('csrf.invalid');
        expect(res.headers['set-cookie'] ?? [], url).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/^oesia_session=[^;]/)]),
        );
      }
    });

    it('with a token, an encoded spelling of a route is that route', async () => {
      const citizen = await createSimplifiedCitizen(sut);
      const client = await signedInClient(sut, citizen);
      for (const url of spellings('logout').slice(2)) {
        expect((await client.post(url)).status, url).toBe(404);
        expect((await client.get('/api/session')).body.account?.id, url).toBe(citizen.id);
      }
      expect((await client.post('/%61pi/logout')).status).toBe(204);
      expect((await client.get('/api/session')).body.account).toBeNull();
    });
  });

  it('answers an unknown API path with a structured not_found', async () => {
    const res = await new TestClient(sut.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found' } });
  });

  it('answers malformed JSON with request.malformed, not a 500', async () => {
    const client = new TestClient(sut.app);
    await client.refreshCsrf();
    const res = await client.request('POST', '/api/logout', '{not json', {
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.malformed');
  });

  it('serves the OpenAPI document', async () => {
    const res = await new TestClient(sut.app).get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/session');
  });

  it('keeps the audit log append-only and its hash chain verifiable', async () => {
    const db = sut.database.db;
    const before = (await verifyAuditChain(db, { key: sut.config.audit.key })).entries;
    await db.transaction(async (tx) => {
      await appendAudit(
        tx,
        // keys out of order: the hash is over canonical JSON, whatever order jsonb keeps
        {
          event: 'trust.list_imported',
          actorType: 'operator',
          actorId: 'a',
          data: { skipped: 1, added: 2 },
        },
        new Date(),
      );
      await appendAudit(tx, { event: 'citizen.logged_out', actorType: 'citizen', actorId: 'b' }, new Date());
    });
    expect((await verifyAuditChain(db, { key: sut.config.audit.key })).ok).toBe(true);
    const refusal = (err: any) => /append-only/.test(String(err?.cause?.message ?? err?.message));
    await expect(db.execute(sql`update audit_log set actor_id = 'x'`)).rejects.toSatisfy(refusal);
    await expect(db.execute(sql`delete from audit_log`)).rejects.toSatisfy(refusal);
    expect((await verifyAuditChain(db, { key: sut.config.audit.key })).entries).toBe(before + 2);
  });

  it('keeps every chain unbroken when many transactions append at once, spread over several chains', async () => {
    const db = sut.database.db;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction(async (tx) => {
          await appendAudit(
            tx,
            {
              event: 'citizen.login_succeeded',
              actorType: 'citizen',
              actorId: `p${i}`,
              data: { method: 'password', loginKind: i % 2 ? 'phone' : 'email' },
            },
            new Date(),
          );
          await appendAudit(
            tx,
            { event: 'citizen.logged_out', actorType: 'citizen', actorId: `p${i}` },
            new Date(),
          );
        }),
      ),
    );
    expect(await verifyAuditChain(db, { key: sut.config.audit.key })).toMatchObject({ ok: true });
    const chains = await db.selectDistinct({ chain: auditLog.chain }).from(auditLog);
    expect(chains.length).toBeGreaterThan(4);
  });

  it('detects an entry whose contents were changed behind the log', async () => {
    const db = sut.database.db;
    await db.transaction(async (tx) =>
      appendAudit(tx, { event: 'citizen.logged_out', actorType: 'citizen', actorId: 'z' }, new Date()),
    );
    // Simulate tampering below the application: the trigger is what normally refuses this.
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await db.execute(
      sql`update audit_log set actor_id = 'someone-else' where seq = (select max(seq) from audit_log)`,
    );
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const result = await verifyAuditChain(db, { key: sut.config.audit.key });
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/hash does not match/);
  });
});
