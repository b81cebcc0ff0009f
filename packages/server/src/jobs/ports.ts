import type { z } from 'zod';
import type { DbOrTx } from '../db/client.js';

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

export function defineJob<S extends z.ZodType>(spec: JobSpec<S>): JobSpec<S> {
  return spec;
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

/**
 * What a service sees of the queue: enqueue a declared job inside its transaction, or ask whether
 * one waits. Services depend on this port and on the job specs (jobs/specs.ts), never on a handler.
 */
export interface JobPort {
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
}
