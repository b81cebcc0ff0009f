import { eq } from 'drizzle-orm';
import { accountContacts, accounts, simulatorOutbox } from '../../src/db/schema/index.js';
import { newId } from '../../src/lib/crypto.js';
import { hashPassword } from '../../src/lib/passwords.js';
import type { System } from '../../src/system.js';
import { eventually } from './http.js';

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
export async function createSimplifiedCitizen(system: System, options: CitizenFactoryOptions = {}): Promise<CreatedCitizen> {
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
    if (phone) await tx.insert(accountContacts).values({ id: newId(), accountId: id, type: 'phone', value: phone, verifiedAt: now, createdAt: now });
    if (options.email)
      await tx.insert(accountContacts).values({ id: newId(), accountId: id, type: 'email', value: options.email, verifiedAt: now, createdAt: now });
  });
  return { id, phone, email: options.email, password };
}

/** Waits for the simulator to deliver a message to `recipient` and returns the newest one. */
export async function waitForMessage(system: System, recipient: string, since = new Date(0), match?: RegExp) {
  return eventually(async () => {
    const rows = await system.database.db.select().from(simulatorOutbox).where(eq(simulatorOutbox.recipient, recipient));
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
