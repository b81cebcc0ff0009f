import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { DemoService } from '../../../src/services/platform/demo.js';
import { HealthService } from '../../../src/services/platform/health.js';

const answering = (kind: Database['kind'], execute: () => Promise<unknown>) =>
  ({ kind, db: { execute } }) as unknown as Database;

describe('HealthService', () => {
  it('reports ok and the kind of database when the database answers', async () => {
    const sut = new HealthService({ database: answering('postgres', async () => ({ rows: [] })) });
    expect(await sut.check()).toEqual({ status: 'ok', database: 'postgres' });
  });

  it('reports unavailable when the database does not answer', async () => {
    const sut = new HealthService({
      database: answering('pglite', async () => {
        throw new Error('connection refused');
      }),
    });
    expect(await sut.check()).toEqual({ status: 'unavailable' });
  });
});

describe('DemoService', () => {
  const accounts = [
    { title: 'Гражданин', login: '+79001000001', password: 'секрет', level: 'simplified' as const },
  ];

  it('lists the demo accounts in demo mode', () => {
    expect(new DemoService({ config: { demoMode: true }, accounts }).accounts()).toEqual(accounts);
  });

  it('lists none outside demo mode, so no password leaves a real installation', () => {
    expect(new DemoService({ config: { demoMode: false }, accounts }).accounts()).toEqual([]);
  });
});
