import { personalDataInputSchema } from '@openesia/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { Database } from '../../src/db/client.js';
import { createSimplifiedCitizen, validPersonalData } from '../support/factories.js';
import { eventually } from '../support/http.js';
import { testEnv } from '../support/env.js';
import { freshDatabase, startTestSystem, type TestSystem } from '../support/system.js';
import { systemActor } from '../../src/domain/policy/actor.js';

/**
 * Issue 7 §8: after a crash, checks that were running showed «проверка выполняется» for about
 * 135 s, until pg-boss expired the dead process's active jobs. A start resumes them now.
 */
describe('registry checks left running by a crashed process', () => {
  const disposals: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const dispose of disposals.reverse()) await dispose();
  });

  /** The system that crashes: it takes the submission, a worker takes its jobs, then it dies. */
  async function crashWithChecksRunning(database: Database): Promise<string> {
    const crashed = await startTestSystem({ database, env: { JOBS_ENABLED: 'false' } });
    const citizen = await createSimplifiedCitizen(crashed);
    await crashed.services.personalData.submit(
      systemActor('test'),
      citizen.id,
      personalDataInputSchema.parse(validPersonalData()),
    );
    // What a worker leaves behind when its process is killed mid-check: the jobs active, started.
    await database.db.execute(
      sql`update pgboss.job set state = 'active', started_on = now()
          where name in ('personal-data.check-snils', 'personal-data.check-passport')
            and singleton_key like ${`${citizen.id}:%`}`,
    );
    // No graceful stop: the process is gone, only what it wrote remains.
    await crashed.app.close();
    await crashed.queue.stop();
    return citizen.id;
  }

  it('completes them within seconds of the next start, not when their jobs expire', async () => {
    const { database, dispose } = await freshDatabase(loadConfig(testEnv()));
    disposals.push(dispose);
    const accountId = await crashWithChecksRunning(database);

    const started = performance.now();
    const sut: TestSystem = await startTestSystem({ database });
    disposals.push(() => sut.stop());
    const view = await eventually(async () => {
      const v = await sut.services.personalData.view(systemActor('test'), accountId);
      return v.verification.state === 'in_progress' ? undefined : v;
    }, 30_000);

    expect(view.verification.state).toBe('passed');
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
