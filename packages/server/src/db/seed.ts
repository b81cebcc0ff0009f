import {
  formatPhone,
  personalDataInputSchema,
  snilsWithChecksum,
  type PersonalDataInput,
} from '@openesia/contracts';
import { eq } from 'drizzle-orm';
import { personalData } from './schema/index.js';
import { withoutSimulatedDelays } from '../integrations/simulation.js';
import { hashPassword } from '../lib/passwords.js';
import { findAccountByVerifiedContact, getAccountForUpdate } from '../repositories/citizen/accounts.js';
import type { StaffRole } from '../repositories/platform/roles.js';
import type { Clock } from '../lib/clock.js';
import type { DemoAccount } from '../services/platform/demo.js';
import type { Services } from '../services/index.js';
import type { Database } from './client.js';
import { systemActor } from '../domain/policy/actor.js';

/** Demo people and organizations, loaded at start in demo mode. Idempotent: safe on every start. */

/** What seeding uses of the running system (a System is one): it goes through the services. */
export interface SeedContext {
  database: Database;
  services: Services;
  clock: Clock;
}

/**
 * A demo person is created as a registered person is (RegistrationService.createAccount), then
 * raised to its level by `raise`, which goes through the same services a citizen's actions do
 * (personal data and checks, confirmation). Add a person by adding an entry.
 */
export interface DemoPerson {
  title: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  contact: { type: 'phone' | 'email'; value: string };
  password: string;
  level: DemoAccount['level'];
  /** brings a freshly created simplified account to `level`; absent for simplified people */
  raise?: (system: SeedContext, accountId: string) => Promise<void>;
  /** staff roles, granted through RoleService (audited) on every start if missing */
  roles?: StaffRole[];
}

export const demoPeople: DemoPerson[] = [
  {
    title: 'Гражданин, упрощённая учётная запись',
    lastName: 'Соколова',
    firstName: 'Анна',
    // Not +7 900 000-00-0X: those are the simulator's "unreachable subscribers".
    contact: { type: 'phone', value: '+79001000001' },
    password: 'Весенний-ветер-2026',
    level: 'simplified',
  },
  {
    title: 'Гражданин, стандартная учётная запись (личные данные проверены)',
    lastName: 'Петров',
    firstName: 'Пётр',
    middleName: 'Алексеевич',
    contact: { type: 'phone', value: '+79001000002' },
    password: 'Летний-дождь-2026',
    level: 'standard',
    raise: (system, accountId) =>
      raiseToStandard(system, accountId, {
        lastName: 'Петров',
        firstName: 'Пётр',
        middleName: 'Алексеевич',
        gender: 'M',
        birthDate: '1979-06-15',
        birthPlace: 'г. Вологда',
        citizenship: 'RUS',
        passport: {
          series: '1904',
          number: '512377',
          issueDate: '2024-07-02',
          issuedBy: 'УМВД России по Вологодской области',
          issuerCode: '350-001',
        },
        snils: snilsWithChecksum('145230871'),
      }),
  },
  {
    title: 'Гражданин, подтверждённая учётная запись',
    lastName: 'Смирнова',
    firstName: 'Елена',
    middleName: 'Викторовна',
    contact: { type: 'phone', value: '+79001000003' },
    password: 'Осенний-лист-2026',
    level: 'confirmed',
    raise: async (system, accountId) => {
      await raiseToStandard(system, accountId, {
        lastName: 'Смирнова',
        firstName: 'Елена',
        middleName: 'Викторовна',
        gender: 'F',
        birthDate: '1988-11-03',
        birthPlace: 'г. Череповец Вологодской обл.',
        citizenship: 'RUS',
        passport: {
          series: '1910',
          number: '204518',
          issueDate: '2013-11-20',
          issuedBy: 'Отделом УФМС России по Вологодской области в г. Череповце',
          issuerCode: '350-012',
        },
        snils: snilsWithChecksum('167340592'),
      });
      await confirmAtServiceCenter(system, accountId);
    },
  },
  {
    // The ESIA operator («оператор ЕСИА», Минцифры) who keeps the trust list of accredited CAs
    // (63-ФЗ ст. 16). Only a confirmed account may become an operator (seed 000).
    title: 'Оператор ЕСИА (федеральный оператор)',
    lastName: 'Кузнецов',
    firstName: 'Андрей',
    middleName: 'Николаевич',
    contact: { type: 'email', value: 'operator@esia.example' },
    password: 'Зимний-иней-2026',
    level: 'confirmed',
    roles: ['federal_operator'],
    raise: async (system, accountId) => {
      await raiseToStandard(system, accountId, {
        lastName: 'Кузнецов',
        firstName: 'Андрей',
        middleName: 'Николаевич',
        gender: 'M',
        birthDate: '1990-05-17',
        birthPlace: 'г. Москва',
        citizenship: 'RUS',
        passport: {
          series: '4510',
          number: '731904',
          issueDate: '2010-06-02',
          issuedBy: 'Отделением УФМС России по г. Москве по району Хамовники',
          issuerCode: '770-005',
        },
        snils: snilsWithChecksum('178450263'),
      });
      await confirmAtServiceCenter(system, accountId);
    },
  },
];

/** Confirmed as at a service center: an operator checked the passport in person (seed 000, way 1). */
async function confirmAtServiceCenter(system: SeedContext, accountId: string): Promise<void> {
  await system.database.db.transaction(async (tx) => {
    const account = await getAccountForUpdate(tx, accountId);
    if (account.level === 'standard') {
      await system.services.confirmation.confirmIdentity(
        tx,
        account,
        'service_center',
        { actorType: 'system', data: { seed: true } },
        system.clock.now(),
      );
    }
  });
}

/**
 * Saves the personal data through PersonalDataService (encrypted, checks queued) and runs the two
 * checks at once against the simulated registries, so the demo starts with a standard account
 * instead of waiting for the job queue. A transient simulated failure is simply asked again.
 */
async function raiseToStandard(
  system: SeedContext,
  accountId: string,
  data: PersonalDataInput,
): Promise<void> {
  const view = await system.services.personalData.submit(
    systemActor('seed'),
    accountId,
    personalDataInputSchema.parse(data),
  );
  if (view.verification.state === 'passed') return;
  const [row] = await system.database.db
    .select({ revision: personalData.revision })
    .from(personalData)
    .where(eq(personalData.accountId, accountId));
  // Both checks at once (and every person at once, in seedDemoData): the simulators answer after
  // realistic delays, and a fresh start must be ready within seconds.
  await Promise.all(
    (['snils', 'passport'] as const).map(async (check) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await system.services.personalData.runCheck(
            check,
            { accountId, revision: row.revision },
            { attempt, retryLimit: 10 },
          );
          break;
        } catch (err) {
          if (attempt >= 10) throw err;
        }
      }
    }),
  );
}

export const demoAccounts: DemoAccount[] = demoPeople.map((p) => ({
  title: p.title,
  login: p.contact.type === 'phone' ? formatPhone(p.contact.value) : p.contact.value,
  password: p.password,
  level: p.level,
}));

export function seedDemoData(system: SeedContext): Promise<void> {
  return withoutSimulatedDelays(() => seed(system));
}

async function seed(system: SeedContext): Promise<void> {
  const db = system.database.db;
  await Promise.all(
    demoPeople.map(async (person) => {
      if (!(await findAccountByVerifiedContact(db, person.contact.type, person.contact.value))) {
        await createDemoPerson(system, person);
      }
    }),
  );
  for (const person of demoPeople) {
    // Checked on every start, so a role added to an existing demo person is granted too.
    for (const role of person.roles ?? []) {
      await system.services.roles.grant(
        { login: person.contact.value, role },
        { actorType: 'system', via: 'seed' },
      );
    }
  }
  // «Портал услуг (демо)»: a relying party that signs the demo people in through OpenID Connect.
  await system.services.oidcClients.ensureDemoClient();
}

async function createDemoPerson(system: SeedContext, person: DemoPerson): Promise<void> {
  const passwordHash = await hashPassword(person.password);
  const now = system.clock.now();
  const account = await system.database.db.transaction((tx) =>
    system.services.registration.createAccount(
      tx,
      {
        lastName: person.lastName,
        firstName: person.firstName,
        middleName: person.middleName ?? null,
        contactType: person.contact.type,
        contact: person.contact.value,
        passwordHash,
      },
      now,
    ),
  );
  await person.raise?.(system, account.id);
}
