import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';
import { anonymous, type Actor, type CitizenActor } from '../domain/policy/actor.js';
import type { Action } from '../domain/policy/policy.js';
import { AppError } from '../lib/errors.js';
import type { Authenticated, RequestMeta } from '../services/platform/sessions.js';

export const SESSION_COOKIE = 'oesia_session';
/** АРМ «Центр обслуживания»: its own session, opened only by an employee's qualified signature. */
export const WORKSTATION_COOKIE = 'oesia_ra';

declare module 'fastify' {
  interface FastifyRequest {
    /** the session (null without one); resolved by http/app.ts before any audience's hook */
    auth: Authenticated | null;
    /** who acts: the session's actor, refined by the audience's hook from the role tables */
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** what the route does (domain/policy): its audience's hook decides on it before the body is read */
    action?: Action;
  }
}

/** The actor a session gives before any role is looked at: anonymous, or the citizen signed in. */
export function sessionActor(auth: Authenticated | null): Actor {
  return auth ? { kind: 'citizen', accountId: auth.account.id, level: auth.account.level } : anonymous;
}

/**
 * The signed-in citizen of a citizen route, with the session; 401 `auth.required` otherwise. The
 * citizen router's hook refused everyone else already: this narrows the types.
 */
export function requireCitizen(request: FastifyRequest): { actor: CitizenActor; auth: Authenticated } {
  const { actor, auth } = request;
  if (actor.kind !== 'citizen' || !auth) throw new AppError('auth.required');
  return { actor, auth };
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
  });
}

export function setWorkstationCookie(reply: FastifyReply, config: Config, token: string): void {
  // strict: the workstation is never entered from another site's link
  reply.setCookie(WORKSTATION_COOKIE, token, {
    path: '/api/ra',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
  });
}

export function clearWorkstationCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(WORKSTATION_COOKIE, {
    path: '/api/ra',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
  });
}
