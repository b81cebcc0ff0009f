import { randomInt } from 'node:crypto';
import { personalDataInputSchema, snilsWithChecksum, type PersonalDataInput } from '@openesia/contracts';
import { eq } from 'drizzle-orm';
import { accountContacts, accounts, simulatorOutbox } from '../../src/db/schema/index.js';
import { newId } from '../../src/lib/crypto.js';
import { getAccountForUpdate } from '../../src/repositories/citizen/accounts.js';
import { hashPassword } from '../../src/lib/passwords.js';
import type { System } from '../../src/system.js';
import { eventually, TestClient } from './http.js';
import { systemActor } from '../../src/domain/policy/actor.js';

let counter = 0;

/** A fresh, valid, unique mobile number per call (+7 912 XXX-XX-XX). */
export function uniquePhone(): string {
  counter++;
  const n = (Date.now() % 100000) * 100 + (counter % 100);
  return `+7912${String(n).padStart(7, '0').slice(-7)}`;
}

export function uniqueEmail(): string {
  counter++;
  return `person${Date.now()}${counter}@example.ru`;
}

export interface CitizenFactoryOptions {
  lastName?: string;
  firstName?: string;
  middleName?: string | null;
  phone?: string;
  email?: string;
  password?: string;
  level?: 'simplified' | 'standard' | 'confirmed';
}

export interface CreatedCitizen {
  id: string;
  phone?: string;
  email?: string;
  password: string;
}

/**
 * A simplified account with a verified contact and a password, written directly. Higher levels
 * are reached through the services (personal data checks, confirmation) by the tests that need
 * them, so a factory never fakes a state the system could not reach.
 */
export async function createSimplifiedCitizen(
  system: System,
  options: CitizenFactoryOptions = {},
): Promise<CreatedCitizen> {
  const id = newId();
  const now = system.clock.now();
  const password = options.password ?? 'Надёжный-пароль-2026';
  const phone = options.email ? options.phone : (options.phone ?? uniquePhone());
  await system.database.db.transaction(async (tx) => {
    await tx.insert(accounts).values({
      id,
      level: 'simplified',
      lastName: options.lastName ?? 'Иванов',
      firstName: options.firstName ?? 'Иван',
      middleName: options.middleName ?? null,
      passwordHash: await hashPassword(password),
      createdAt: now,
      updatedAt: now,
    });
    if (phone)
      await tx
        .insert(accountContacts)
        .values({ id: newId(), accountId: id, type: 'phone', value: phone, verifiedAt: now, createdAt: now });
    if (options.email)
      await tx.insert(accountContacts).values({
        id: newId(),
        accountId: id,
        type: 'email',
        value: options.email,
        verifiedAt: now,
        createdAt: now,
      });
  });
  return { id, phone, email: options.email, password };
}

/** Waits for the simulator to deliver a message to `recipient` and returns the newest one. */
export async function waitForMessage(system: System, recipient: string, since = new Date(0), match?: RegExp) {
  return eventually(async () => {
    const rows = await system.database.db
      .select()
      .from(simulatorOutbox)
      .where(eq(simulatorOutbox.recipient, recipient));
    const fresh = rows
      .filter((r) => r.createdAt >= since && (!match || match.test(r.body)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return fresh[0];
  });
}

/** The first run of 6 digits in a message: the one-time code. */
export function extractCode(body: string): string {
  const m = body.match(/\b(\d{6})\b/);
  if (!m) throw new Error(`no code in message: ${body}`);
  return m[1];
}

// ---- Personal data and the standard level (seed 000, section 1, step 2) ----

/** A fresh valid СНИЛС that no simulator rule matches (rules use prefixes 900-904). */
export function uniqueSnils(prefix = ''): string {
  counter++;
  let nine = prefix;
  while (nine.length < 9) nine += String(randomInt(10));
  if (!prefix && (Number(nine) <= 1001998 || nine.startsWith('9'))) nine = `1${nine.slice(1)}`;
  return snilsWithChecksum(nine);
}

/** A fresh passport number (6 digits) that no simulator rule matches, or one with the given prefix. */
export function uniquePassportNumber(prefix = ''): string {
  let n = prefix;
  while (n.length < 6) n += String(randomInt(10));
  if (!prefix && n.startsWith('9')) n = `1${n.slice(1)}`;
  return n;
}

/** A complete, valid personal-data form (as the browser sends it) with unique СНИЛС and passport. */
export function validPersonalData(
  overrides: Partial<Omit<PersonalDataInput, 'passport'>> & {
    passport?: Partial<PersonalDataInput['passport']>;
  } = {},
): PersonalDataInput {
  const { passport, ...rest } = overrides;
  return {
    lastName: 'Иванов',
    firstName: 'Иван',
    middleName: 'Иванович',
    gender: 'M',
    birthDate: '1985-03-12',
    birthPlace: 'г. Вологда',
    citizenship: 'RUS',
    snils: uniqueSnils(),
    ...rest,
    passport: {
      series: '1905',
      number: uniquePassportNumber(),
      issueDate: '2010-04-20',
      issuedBy: 'Отделом УФМС России по Вологодской области в городе Вологде',
      issuerCode: '350-001',
      ...passport,
    },
  };
}

export interface CreatedStandardCitizen extends CreatedCitizen {
  personalData: PersonalDataInput;
  /** 11 digits */
  snils: string;
}

/**
 * A standard account reached the way a person reaches it: a simplified account saves personal data
 * through PersonalDataService, and the simulated registries (no delay in tests) pass both checks.
 * Waits until the jobs have run.
 */
export async function createStandardCitizen(
  system: System,
  options: CitizenFactoryOptions & { personalData?: Parameters<typeof validPersonalData>[0] } = {},
): Promise<CreatedStandardCitizen> {
  const personalData = validPersonalData({
    lastName: options.lastName ?? 'Иванов',
    firstName: options.firstName ?? 'Иван',
    middleName: options.middleName === undefined ? 'Иванович' : (options.middleName ?? ''),
    ...options.personalData,
  });
  const citizen = await createSimplifiedCitizen(system, {
    ...options,
    lastName: personalData.lastName,
    firstName: personalData.firstName,
    middleName: personalData.middleName || null,
  });
  await system.services.personalData.submit(
    systemActor('test'),
    citizen.id,
    personalDataInputSchema.parse(personalData),
  );
  await eventually(async () => {
    const [row] = await system.database.db
      .select({ level: accounts.level })
      .from(accounts)
      .where(eq(accounts.id, citizen.id));
    if (row.level === 'standard') return true;
    const view = await system.services.personalData.view(systemActor('test'), citizen.id);
    if (view.verification.state === 'failed')
      throw new Error(`personal data checks failed: ${view.verification.failureReasons.join(', ')}`);
    return false;
  });
  return { ...citizen, personalData, snils: personalData.snils.replace(/\D/g, '') };
}

let signInAddresses = 0;

/**
 * A browser-like client signed in as the citizen. Each person signs in from their own address,
 * as people do, so the per-IP sign-in limit can stay on in the tests that use it.
 */
export async function signedInClient(system: System, citizen: CreatedCitizen): Promise<TestClient> {
  signInAddresses++;
  const client = new TestClient(
    system.app,
    `10.${(signInAddresses >> 16) & 255}.${(signInAddresses >> 8) & 255}.${signInAddresses & 255}`,
  );
  const res = await client.post('/api/login', {
    login: citizen.phone ?? citizen.email,
    password: citizen.password,
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** The federal operator: a confirmed account (seed 000) given the role as the console gives it. */
export async function createFederalOperator(system: System): Promise<CreatedStandardCitizen> {
  const person = await createStandardCitizen(system, { email: uniqueEmail() });
  await system.database.db.transaction(async (tx) =>
    system.services.confirmation.confirmIdentity(
      tx,
      await getAccountForUpdate(tx, person.id),
      'service_center',
      { actorType: 'system' },
      system.clock.now(),
    ),
  );
  await system.services.roles.grant(
    { login: person.email!, role: 'federal_operator' },
    { actorType: 'system', via: 'seed' },
  );
  return person;
}
