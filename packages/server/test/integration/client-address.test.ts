import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { uniquePhone } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Who the client is: its address keys the per-address rate limits and the code-send quotas, and
 * is written into the audit log. `X-Forwarded-For` is the client's own claim unless the peer that
 * sent it is one of the configured proxies (TRUST_PROXY); from anyone else it changes nothing.
 */

const forged = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`;

async function failedSignIns(system: TestSystem, ips: string[]) {
  return system.database.db
    .select({ ip: auditLog.ip })
    .from(auditLog)
    .where(and(eq(auditLog.event, 'citizen.login_failed'), inArray(auditLog.ip, ips)));
}

describe('a forged X-Forwarded-For from a peer that is not a configured proxy', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    // A production deployment without TRUST_PROXY: before, production believed every peer's header.
    sut = await startTestSystem({ env: { RATE_LIMITS: 'true' }, config: { env: 'production' } });
  });
  afterAll(async () => sut?.stop());

  it('still meets the sign-in limit of 20 a minute when the header changes on every attempt', async () => {
    const c = new TestClient(sut.app, '203.0.113.21');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await c.post(
        '/api/login',
        { login: uniquePhone(), password: 'wrong-password' },
        { headers: { 'x-forwarded-for': forged(i) } },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('still meets the registration limit of 10 a minute when the header changes on every attempt', async () => {
    const c = new TestClient(sut.app, '203.0.113.22');
    const start = (i: number) =>
      c.post(
        '/api/registration',
        { lastName: 'Смирнова', firstName: 'Ольга', contactType: 'phone', contact: uniquePhone() },
        { headers: { 'x-forwarded-for': `${forged(100 + i)}, ${forged(200 + i)}` } },
      );
    for (let i = 0; i < 10; i++) expect((await start(i)).status).toBe(200);
    const over = await start(10);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate.limited');
  });

  it('records the real peer in the audit log, never the forged address', async () => {
    const peer = '203.0.113.23';
    const claimed = ['10.77.0.1', '10.77.0.2'];
    const c = new TestClient(sut.app, peer);
    for (const ip of claimed) {
      const res = await c.post(
        '/api/login',
        { login: uniquePhone(), password: 'wrong-password' },
        { headers: { 'x-forwarded-for': ip } },
      );
      expect(res.status).toBe(401);
    }
    const entries = await failedSignIns(sut, [peer, ...claimed]);
    expect(entries.map((e) => e.ip)).toEqual([peer, peer]);
  });
});

describe('X-Forwarded-For from a configured proxy (TRUST_PROXY)', () => {
  let byAddress: TestSystem;
  let byHops: TestSystem;
  beforeAll(async () => {
    byAddress = await startTestSystem({ env: { RATE_LIMITS: 'true', TRUST_PROXY: '192.0.2.0/28, ::1' } });
    byHops = await startTestSystem({ env: { RATE_LIMITS: 'true', TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await byAddress?.stop();
    await byHops?.stop();
  });

  it('takes the client address a listed proxy forwards, and ignores the same header from any other peer', async () => {
    const proxy = new TestClient(byAddress.app, '192.0.2.5');
    const stranger = new TestClient(byAddress.app, '198.51.100.31');
    const attempt = (c: TestClient, xff: string) =>
      c.post(
        '/api/login',
        { login: uniquePhone(), password: 'wrong-password' },
        { headers: { 'x-forwarded-for': xff } },
      );

    // The client forged its own header; the proxy appended the address it saw.
    expect((await attempt(proxy, '10.88.0.1, 198.51.100.32')).status).toBe(401);
    expect((await attempt(stranger, '198.51.100.33')).status).toBe(401);

    const entries = await failedSignIns(byAddress, [
      '192.0.2.5',
      '10.88.0.1',
      '198.51.100.31',
      '198.51.100.32',
      '198.51.100.33',
    ]);
    expect(entries.map((e) => e.ip).sort()).toEqual(['198.51.100.31', '198.51.100.32']);
  });

  it('counts the limit per forwarded client behind a listed proxy, so one client cannot use up another one’s', async () => {
    const proxy = new TestClient(byAddress.app, '192.0.2.6');
    const start = (client: string) =>
      proxy.post(
        '/api/registration',
        { lastName: 'Смирнова', firstName: 'Ольга', contactType: 'phone', contact: uniquePhone() },
        { headers: { 'x-forwarded-for': client } },
      );
    for (let i = 0; i < 10; i++) expect((await start('198.51.100.41')).status).toBe(200);
    expect((await start('198.51.100.41')).status).toBe(429);
    expect((await start('198.51.100.42')).status).toBe(200);
  });

  it('with a hop count takes the address the last proxy saw, not what the client put before it', async () => {
    const proxy = new TestClient(byHops.app, '172.16.5.5');
    const res = await proxy.post(
      '/api/login',
      { login: uniquePhone(), password: 'wrong-password' },
      { headers: { 'x-forwarded-for': '10.99.0.1, 198.51.100.51' } },
    );
    expect(res.status).toBe(401);
    const entries = await failedSignIns(byHops, ['172.16.5.5', '10.99.0.1', '198.51.100.51']);
    expect(entries.map((e) => e.ip)).toEqual(['198.51.100.51']);
  });
});
