import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config/index.js';
import type { Database } from '../../src/db/client.js';
import { defineJob } from '../../src/jobs/ports.js';
import { createJobQueue, handleJob, type JobQueue } from '../../src/jobs/queue.js';
import { testEnv } from '../support/env.js';
import { freshDatabase } from '../support/system.js';

/**
 * A committed enqueue wakes the workers (NOTIFY at commit), so a job starts at once although its
 * worker polls rarely; a rolled-back enqueue leaves nothing to run. The polling here is 60 s: only
 * the wake can start the job within the test's time.
 */
const probe = defineJob({ name: 'test.wake_probe', payload: z.object({ n: z.number() }) });

describe('job queue wakes its workers at commit', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let queue: JobQueue;
  const ran = new Map<number, number>();
  const waiting = new Map<number, () => void>();

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase(loadConfig(testEnv())));
    queue = createJobQueue(database, { pollingIntervalSeconds: 60 });
    await queue.start([
      handleJob(probe, async ({ n }) => {
        ran.set(n, performance.now());
        waiting.get(n)?.();
      }),
    ]);
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
    await dispose?.();
  });

  const runs = (n: number) => new Promise<void>((resolve) => waiting.set(n, resolve));

  it('runs a committed job within moments, not at the next poll', async () => {
    for (const n of [1, 2, 3]) {
      const done = runs(n);
      const committed = await database.db.transaction(async (tx) => {
        await queue.enqueue(tx, probe, { n });
        return () => performance.now();
      });
      const at = committed();
      await done;
      expect(ran.get(n)! - at).toBeLessThan(10_000);
    }
  }, 30_000);

  it('runs jobs queued together one after another at once, not one per polling interval', async () => {
    const numbers = [21, 22, 23, 24, 25];
    const done = Promise.all(numbers.map(runs));
    await database.db.transaction(async (tx) => {
      for (const n of numbers) await queue.enqueue(tx, probe, { n });
    });
    await done;
  }, 30_000);

  it('does not run a job whose transaction rolled back, nor start one before its commit', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await queue.enqueue(tx, probe, { n: 10 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const done = runs(11);
    await database.db.transaction(async (tx) => {
      await queue.enqueue(tx, probe, { n: 11 });
      // Still open: the notification is not delivered and the job is not visible to the worker.
      await new Promise((r) => setTimeout(r, 300));
      expect(ran.has(11)).toBe(false);
    });
    await done;
    expect(ran.has(10)).toBe(false);
  }, 30_000);
});
