import { performance } from 'node:perf_hooks';
import { personalData } from '../../src/db/schema/index.js';
import { FieldCipher, LookupHasher } from '../../src/lib/crypto.js';
import type { System } from '../../src/system.js';
import { createSimplifiedCitizen, uniqueEmail, uniquePhone, uniqueSnils } from './factories.js';

/**
 * Times the anonymous flows that take a login or a contact, over real HTTP, for logins that belong
 * to an account and logins that do not (issue 7 §8: a faster answer for an unknown СНИЛС told which
 * СНИЛС are registered). Pairs are interleaved and alternate which goes first, so load on a shared
 * machine and the queue's background work fall on both sides alike.
 */
export type TimedFlow = 'recovery-snils' | 'recovery-phone' | 'recovery-email' | 'registration-phone';

export interface FlowTiming {
  flow: TimedFlow;
  knownMedianMs: number;
  unknownMedianMs: number;
  /** slower median over faster: 1 means no difference */
  ratio: number;
  /** what the two kinds of answer looked like, for the no-enumeration checks */
  shapes: { known: AnswerShape; unknown: AnswerShape };
}

export interface AnswerShape {
  status: number;
  bodyKeys: string[];
  headerNames: string[];
  setCookieNames: string[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A browser-like client over fetch: the CSRF token from GET /api/session, cookies kept. */
async function httpClient(baseUrl: string) {
  const session = await fetch(`${baseUrl}/api/session`);
  const cookies = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return async (path: string, body: unknown) => {
    const started = performance.now();
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: cookies },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    const parsed = text ? JSON.parse(text) : {};
    const shape: AnswerShape = {
      status: res.status,
      bodyKeys: Object.keys(parsed).sort(),
      headerNames: [...res.headers.keys()].filter((h) => h !== 'set-cookie').sort(),
      setCookieNames: res.headers
        .getSetCookie()
        .map((c) => c.split('=')[0])
        .sort(),
    };
    return { ms, shape, body: parsed };
  };
}

/** An account with a verified phone and e-mail and a checked СНИЛС, so every login kind finds it. */
async function knownPerson(system: System) {
  const person = await createSimplifiedCitizen(system, { phone: uniquePhone(), email: uniqueEmail() });
  const snils = uniqueSnils().replace(/\D/g, '');
  const cipher = new FieldCipher(system.config.dataEncryptionKey);
  const lookup = new LookupHasher(system.config.lookupHashKey);
  const now = system.clock.now();
  await system.database.db.insert(personalData).values({
    accountId: person.id,
    gender: 'F',
    birthDate: '1990-05-17',
    birthPlace: 'г. Вологда',
    citizenship: 'RUS',
    passportEncrypted: cipher.encryptJson({ series: '1914', number: '123456' }, `passport:${person.id}`),
    passportLookup: lookup.hash('passport', `1914${snils.slice(0, 6)}`),
    snilsEncrypted: cipher.encrypt(snils, `snils:${person.id}`),
    snilsLookup: lookup.hash('snils', snils),
    verificationState: 'passed',
    snilsCheck: 'passed',
    passportCheck: 'passed',
    submittedAt: now,
    completedAt: now,
  });
  return { phone: person.phone!, email: person.email!, snils };
}

function request(flow: TimedFlow, login: { phone: string; email: string; snils: string }) {
  switch (flow) {
    case 'recovery-snils':
      return { path: '/api/recovery', body: { login: login.snils } };
    case 'recovery-phone':
      return { path: '/api/recovery', body: { login: login.phone } };
    case 'recovery-email':
      return { path: '/api/recovery', body: { login: login.email } };
    case 'registration-phone':
      return {
        path: '/api/registration',
        body: { lastName: 'Петрова', firstName: 'Анна', contactType: 'phone', contact: login.phone },
      };
  }
}

/**
 * `pairs` known/unknown requests of one flow against a listening system (rate limits off: the
 * per-address limits would stop the run, and are the same for both kinds). Each pair uses fresh
 * logins, so the per-destination quotas never refuse.
 */
export async function timeFlow(
  system: System & { url: string },
  flow: TimedFlow,
  pairs: number,
): Promise<FlowTiming> {
  const post = await httpClient(system.url);
  const people = [];
  for (let i = 0; i < pairs + 3; i++) people.push(await knownPerson(system));
  const strangers = () => ({ phone: uniquePhone(), email: uniqueEmail(), snils: uniqueSnils() });
  const known: number[] = [];
  const unknown: number[] = [];
  const shapes: Partial<FlowTiming['shapes']> = {};
  const send = async (login: { phone: string; email: string; snils: string }) => {
    const { path, body } = request(flow, login);
    const answer = await post(path, body);
    if (answer.shape.status !== 200) throw new Error(`${flow}: ${JSON.stringify(answer.body)}`);
    return answer;
  };
  // Warm-up: the first requests compile and cache paths that the measured ones then share.
  for (let i = 0; i < 3; i++) {
    await send(people[pairs + i]);
    await send(strangers());
  }
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 ? (['unknown', 'known'] as const) : (['known', 'unknown'] as const);
    for (const kind of order) {
      const answer = await send(kind === 'known' ? people[i] : strangers());
      (kind === 'known' ? known : unknown).push(answer.ms);
      shapes[kind] ??= answer.shape;
    }
  }
  const knownMedianMs = median(known);
  const unknownMedianMs = median(unknown);
  return {
    flow,
    knownMedianMs,
    unknownMedianMs,
    ratio: Math.max(knownMedianMs, unknownMedianMs) / Math.min(knownMedianMs, unknownMedianMs),
    shapes: shapes as FlowTiming['shapes'],
  };
}
