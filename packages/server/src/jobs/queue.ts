import pg from 'pg';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { JobPort, JobSpec } from './ports.js';
import { transactionExecutor } from '../db/client.js';

export type JobHandler<S extends z.ZodType> = (
  payload: z.output<S>,
  meta: { jobId: string; attempt: number; retryLimit: number },
) => Promise<void>;

export interface JobDefinition<S extends z.ZodType = z.ZodType> extends JobSpec<S> {
  /** idempotent: a job may run more than once (retries, a crash after the work, before the ack) */
  handler: JobHandler<S>;
}

export function handleJob<S extends z.ZodType>(spec: JobSpec<S>, handler: JobHandler<S>): JobDefinition<S> {
  return { ...spec, handler };
}

/** The queue itself: the job port, plus starting and stopping the workers (composition root only). */
export interface JobQueue extends JobPort {
  /** Creates the queues; runs their workers unless `work` is false (a web-only process). */
  start(jobs: JobDefinition<any>[], options?: { work?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The channel a committed enqueue wakes the workers on: NOTIFY is delivered at commit, to every
 * process that listens, so a job starts at once without each worker polling often (pg-boss's
 * polling cost the idle server 13 ms of CPU a second at 0.5 s; docs/PERFORMANCE.md).
 */
const WAKE_CHANNEL = 'openesia_jobs';
/** The fallback: jobs due later (startAfter, retries) and a missed notification wait at most this. */
const POLLING_INTERVAL_SECONDS = 2;
/** A woken worker fetches after 50-250 ms (see `wake`). */
const WAKE_DELAY_MS = 50;

export function createJobQueue(
  database: Database,
  options: { pollingIntervalSeconds?: number; onError?: (err: unknown) => void } = {},
): JobQueue {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: database.executor as PgBoss.Db, schema: 'pgboss', supervise: true, schedule: false })
      : new PgBoss({
          connectionString: database.connectionString,
          schema: 'pgboss',
          max: 4,
          schedule: false,
        });
  boss.on('error', (err) => options.onError?.(err));
  const known = new Map<string, JobDefinition<any>>();
  const workersOf = new Map<string, string[]>();
  let started = false;
  let stopListening: (() => Promise<void>) | null = null;
  const pendingWakes = new Map<string, NodeJS.Timeout>();
  // Not at once: the commit that enqueued is usually a request still answering, and a job run
  // inside that answer's time would tell who has an account (a recovery code is sent only to a
  // known login; test/integration/enumeration-timing.test.ts measured it). A short random delay
  // lets the answer go first and spreads the job over whatever requests come next.
  const wake = (name: string) => {
    if (pendingWakes.has(name)) return;
    const timer = setTimeout(
      () => {
        pendingWakes.delete(name);
        for (const id of workersOf.get(name) ?? []) boss.notifyWorker(id);
      },
      WAKE_DELAY_MS + Math.random() * WAKE_DELAY_MS * 4,
    );
    timer.unref();
    pendingWakes.set(name, timer);
  };

  return {
    async enqueue(tx, job, payload, enqueueOptions = {}) {
      const data = job.payload.parse(payload) as object;
      await boss.send(job.name, data, {
        db: transactionExecutor(tx) as PgBoss.Db,
        singletonKey: enqueueOptions.singletonKey,
        startAfter: enqueueOptions.startAfterSeconds,
        retryLimit: enqueueOptions.retry?.limit ?? job.retryLimit ?? 5,
        retryDelay: enqueueOptions.retry?.delaySeconds ?? job.retryDelaySeconds ?? 2,
        retryBackoff: enqueueOptions.retry?.backoff ?? job.retryBackoff ?? true,
        expireInSeconds: job.expireInSeconds ?? 60,
      });
      // Delivered when the transaction commits, never before: the worker finds the job there.
      await transactionExecutor(tx).executeSql('select pg_notify($1, $2)', [WAKE_CHANNEL, job.name]);
    },

    async hasWaiting(job, singletonKey) {
      const { rows } = await database.executor.executeSql(
        `select 1 from pgboss.job where name = $1 and singleton_key = $2 and state in ('created', 'retry') limit 1`,
        [job.name, singletonKey],
      );
      return rows.length > 0;
    },

    async start(jobs, startOptions = {}) {
      await boss.start();
      started = true;
      for (const job of jobs) {
        known.set(job.name, job);
        await boss.createQueue(job.name, { name: job.name, policy: job.policy ?? 'standard' });
      }
      if (startOptions.work === false) return;
      for (const job of jobs) {
        const batchSize = job.batchSize ?? 1;
        const run = async (raw: PgBoss.JobWithMetadata) => {
          const payload = job.payload.parse(raw.data);
          await job.handler(payload, {
            jobId: raw.id,
            attempt: (raw.retryCount ?? 0) + 1,
            retryLimit: raw.retryLimit ?? job.retryLimit ?? 5,
          });
        };
        for (let w = 0; w < (job.workers ?? 1); w++) {
          // Known once work() returns; a batch that ends before that simply waits for its poll.
          let workerId: string | undefined;
          workerId = await boss.work(
            job.name,
            {
              batchSize,
              pollingIntervalSeconds: options.pollingIntervalSeconds ?? POLLING_INTERVAL_SECONDS,
              includeMetadata: true,
            },
            async (batch: PgBoss.JobWithMetadata[]) => {
              try {
                if (batch.length === 1) return await run(batch[0]);
                // pg-boss completes or fails a whole batch by the handler's outcome: fail the jobs
                // that threw here, one by one (their retries follow the job's policy), and let it
                // complete the rest, which are the only ones still active.
                const outcomes = await Promise.allSettled(batch.map(run));
                for (const [i, outcome] of outcomes.entries()) {
                  if (outcome.status === 'rejected')
                    await boss.fail(job.name, batch[i].id, errorData(outcome.reason));
                }
              } finally {
                // A full batch (one job, for most queues) means more are likely waiting: fetch
                // again at once, not after the polling interval (pg-boss sleeps after every fetch).
                if (batch.length === batchSize && workerId) boss.notifyWorker(workerId);
              }
            },
          );
          workersOf.set(job.name, [...(workersOf.get(job.name) ?? []), workerId]);
        }
      }
      stopListening = await listenForWakes(
        database,
        (name) => known.has(name) && wake(name),
        options.onError,
      );
    },

    async stop() {
      for (const timer of pendingWakes.values()) clearTimeout(timer);
      pendingWakes.clear();
      await stopListening?.();
      stopListening = null;
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      started = false;
    },
  };
}

/**
 * LISTEN on the wake channel: PGlite's own listener, or one dedicated PostgreSQL connection (a
 * pooled one would be handed to others). A lost connection is opened again; until then the
 * polling still finds every job.
 */
async function listenForWakes(
  database: Database,
  onWake: (name: string) => void,
  onError?: (err: unknown) => void,
): Promise<() => Promise<void>> {
  if (database.kind === 'pglite') return database.pglite!.listen(WAKE_CHANNEL, onWake);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: database.connectionString });
    c.on('notification', (message) => message.payload && onWake(message.payload));
    c.on('error', (err) => {
      onError?.(err);
      void c.end().catch(() => undefined);
      if (client === c && !stopped) {
        client = null;
        retry = setTimeout(() => void connect(), 1000);
      }
    });
    try {
      await c.connect();
      await c.query(`listen ${WAKE_CHANNEL}`);
      if (stopped) return void (await c.end());
      client = c;
    } catch (err) {
      onError?.(err);
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

/** What pg-boss stores as a failed job's output: the message, as its own failures do. */
function errorData(err: unknown): object {
  return err instanceof Error ? { message: err.message, name: err.name } : { message: String(err) };
}
