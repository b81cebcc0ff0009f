import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database, DbOrTx } from '../db/client.js';
import { transactionExecutor } from '../db/client.js';

/**
 * A declared background job (Documenso's habit): a name, a payload schema and retry options.
 * Services enqueue by spec; the handler is bound separately (jobs/index.ts), so a use-case never
 * depends on the code that runs the job. Retries with backoff are pg-boss's, not ours.
 */
export interface JobSpec<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** how long one run may take before pg-boss considers it failed */
  expireInSeconds?: number;
  /**
   * pg-boss 10 queue policy, fixed when the queue is first created. 'standard' (the default)
   * never deduplicates; 'stately' keeps at most one job per singletonKey in each of created,
   * retry and active (node_modules/pg-boss/src/plans.js, index job_i3).
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /**
   * Throughput of a queue whose handler mostly waits on the network (messages): each worker
   * fetches up to `batchSize` jobs at once and runs them concurrently, and `workers` such loops
   * run in each process. A worker whose batch came back full fetches again at once instead of
   * waiting for the polling interval. Each job of a batch succeeds or fails on its own: one
   * failure never re-runs (re-sends) its neighbours. Default 1 and 1: one job at a time.
   */
  batchSize?: number;
  workers?: number;
}

export type JobHandler<S extends z.ZodType> = (
  payload: z.output<S>,
  meta: { jobId: string; attempt: number; retryLimit: number },
) => Promise<void>;

export interface JobDefinition<S extends z.ZodType = z.ZodType> extends JobSpec<S> {
  /** idempotent: a job may run more than once (retries, a crash after the work, before the ack) */
  handler: JobHandler<S>;
}

export function defineJob<S extends z.ZodType>(spec: JobSpec<S>): JobSpec<S> {
  return spec;
}

export function handleJob<S extends z.ZodType>(spec: JobSpec<S>, handler: JobHandler<S>): JobDefinition<S> {
  return { ...spec, handler };
}

export interface EnqueueOptions {
  /**
   * Deterministic key of the logical job. pg-boss 10 enforces it only on queues whose policy is
   * 'short', 'singleton' or 'stately' (or with singletonSeconds): then a second send with the key
   * while one waits is dropped. On a 'standard' queue it is a label only, so handlers there stay
   * idempotent (a duplicate run must change nothing).
   */
  singletonKey?: string;
  startAfterSeconds?: number;
  /** overrides the spec's retry policy when it comes from configuration (registry checks) */
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
}

export interface JobQueue {
  /** Enqueues inside the caller's transaction: the job exists if and only if the change commits. */
  enqueue<S extends z.ZodType>(
    tx: DbOrTx,
    job: JobSpec<S>,
    payload: z.input<S>,
    options?: EnqueueOptions,
  ): Promise<void>;
  /**
   * Whether a job of `job` with this key is waiting to run (created, or failed and due for a
   * retry). An active job is not counted: after a crash it belongs to no one until it expires.
   */
  hasWaiting(job: JobSpec, singletonKey: string): Promise<boolean>;
  /** Creates the queues; runs their workers unless `work` is false (a web-only process). */
  start(jobs: JobDefinition<any>[], options?: { work?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

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
  let started = false;

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
              pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
              includeMetadata: true,
            },
            async (batch: PgBoss.JobWithMetadata[]) => {
              if (batch.length === 1) return run(batch[0]);
              // pg-boss completes or fails a whole batch by the handler's outcome: fail the jobs
              // that threw here, one by one (their retries follow the job's policy), and let it
              // complete the rest, which are the only ones still active.
              const outcomes = await Promise.allSettled(batch.map(run));
              for (const [i, outcome] of outcomes.entries()) {
                if (outcome.status === 'rejected')
                  await boss.fail(job.name, batch[i].id, errorData(outcome.reason));
              }
              // A full batch means more are likely waiting: fetch again without the polling pause.
              if (batch.length === batchSize && workerId) boss.notifyWorker(workerId);
            },
          );
        }
      }
    },

    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      started = false;
    },
  };
}

/** What pg-boss stores as a failed job's output: the message, as its own failures do. */
function errorData(err: unknown): object {
  return err instanceof Error ? { message: err.message, name: err.name } : { message: String(err) };
}
