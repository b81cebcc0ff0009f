import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';

/**
 * Who a route's limit counts: the client's address (anonymous audiences: registration, sign-in),
 * or the signed-in account (a stolen session or a stuck script is slowed, not the office behind one
 * NAT address), falling back to the address.
 */
export type LimitPer = 'address' | 'account';

const byAccount = (request: FastifyRequest) => request.auth?.account.id ?? request.ip;

/**
 * The one way a route declares its rate limit: `...limit(20, 60_000)` in its `config`. Off when
 * `config.rateLimits` is (tests only: production refuses RATE_LIMITS=false). The limit is checked
 * onRequest, before the body is read (@fastify/rate-limit), and the route's OpenAPI document lists
 * `rate.limited` because of it (http/errors.ts).
 */
export function rateLimiter(
  config: Pick<Config, 'rateLimits'>,
  per: LimitPer,
): (max: number, timeWindowMs: number) => { rateLimit?: RateLimitOptions } {
  return (max, timeWindowMs) =>
    config.rateLimits
      ? {
          rateLimit: {
            max,
            timeWindow: timeWindowMs,
            ...(per === 'account' ? { keyGenerator: byAccount } : {}),
          },
        }
      : {};
}
