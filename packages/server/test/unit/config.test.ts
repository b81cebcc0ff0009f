import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const productionEnv = {
  APP_ENV: 'production',
  DATABASE_URL: 'postgres://u@db.example.ru/openesia',
  PUBLIC_URL: 'https://esia.example.ru',
  SESSION_SECRET: 'a-very-long-production-secret-value-0123456789',
  DATA_ENCRYPTION_KEY: 'ab'.repeat(32),
  LOOKUP_HASH_KEY: 'cd'.repeat(32),
  AUDIT_KEY: 'ef'.repeat(32),
  SMS_GATEWAY_URL: 'https://sms.example.ru/send',
  SMTP_URL: 'smtps://mail.example.ru',
  PENSION_FUND_URL: 'https://sfr.example.ru/api',
  MIGRATION_SERVICE_URL: 'https://mvd.example.ru/api',
  RUSSIAN_POST_URL: 'https://post.example.ru/api',
  TAX_REGISTER_URL: 'https://fns.example.ru/api',
  GEOCODER_URL: 'https://nominatim.example.ru',
};

describe('configuration', () => {
  it('starts in development with simulators and demo data by default', () => {
    const sut = loadConfig({});
    expect(sut.env).toBe('development');
    expect(sut.simulators).toBe(true);
    expect(sut.demoMode).toBe(true);
    expect(sut.database).toEqual({ kind: 'pglite', dataDir: './data' });
  });

  it('accepts a complete production configuration', () => {
    const sut = loadConfig(productionEnv);
    expect(sut.simulators).toBe(false);
    expect(sut.secureCookies).toBe(true);
  });

  it('refuses production with a default secret', () => {
    const { SESSION_SECRET: _, ...env } = productionEnv;
    expect(() => loadConfig(env)).toThrow(/SESSION_SECRET/);
  });

  it('refuses production without its own audit key, and keeps the checkpoints under DATA_DIR by default', () => {
    const { AUDIT_KEY: _, ...env } = productionEnv;
    expect(() => loadConfig(env)).toThrow(/AUDIT_KEY/);
    expect(loadConfig({ DATA_DIR: '/var/lib/openesia' }).audit.checkpointFile).toBe(
      '/var/lib/openesia/audit-checkpoints.log',
    );
  });

  it('refuses production with simulators', () => {
    expect(() => loadConfig({ ...productionEnv, SIMULATORS: 'true' })).toThrow(/SIMULATORS/);
  });

  it('listens on the loopback interface unless told otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('refuses production without rate limits', () => {
    expect(() => loadConfig({ ...productionEnv, RATE_LIMITS: 'false' })).toThrow(/RATE_LIMITS/);
    expect(loadConfig({ ...productionEnv, RATE_LIMITS: 'true' }).rateLimits).toBe(true);
  });

  it('allows rate limits to be switched off outside production', () => {
    expect(loadConfig({ RATE_LIMITS: 'false' }).rateLimits).toBe(false);
  });

  it('trusts no forwarded header by default, in production too', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig(productionEnv).trustProxy).toBe(false);
    for (const off of ['', 'false', '0']) expect(loadConfig({ TRUST_PROXY: off }).trustProxy).toBe(false);
  });

  it('reads TRUST_PROXY as a hop count or a list of proxy addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/8, ::1,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
  });

  it('refuses a TRUST_PROXY that would believe every peer or is not an address', () => {
    for (const value of ['true', 'proxy.example.ru', '10.0.0.0/33', '10.0.0.1/x', '300.1.1.1', '17']) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY/);
    }
  });

  it('lists every bad variable together', () => {
    try {
      loadConfig({ PORT: 'abc', DATA_ENCRYPTION_KEY: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.join('\n')).toMatch(
        /PORT[\s\S]*DATA_ENCRYPTION_KEY|DATA_ENCRYPTION_KEY[\s\S]*PORT/,
      );
    }
  });
});
