import {
  centerCreateSchema,
  formatPhone,
  innLeWithChecksum,
  ogrnWithChecksum,
  organizationRoleLabels,
  personalDataInputSchema,
  regionNames,
  simulatedTaxRegister,
  snilsWithChecksum,
  type AccessGroup,
  type OrganizationRole,
  type OrganizationType,
  type PersonalDataInput,
  type RegionCode,
} from '@openesia/contracts';
import { eq } from 'drizzle-orm';
import { personalData } from './schema/index.js';
import { withoutSimulatedDelays } from '../integrations/simulation.js';
import { hashPassword } from '../lib/passwords.js';
import { findAccountByVerifiedContact, getAccountForUpdate } from '../repositories/citizen/accounts.js';
import { findLiveRegionalGrant } from '../repositories/platform/regional-staff.js';
import type { StaffRole } from '../repositories/platform/roles.js';
import type { Clock } from '../lib/clock.js';
import type { DemoAccount } from '../services/platform/demo.js';
import type { Services } from '../services/index.js';
import type { Database } from './client.js';
import { systemActor, type Actor } from '../domain/policy/actor.js';
import { listApplicationsOfOrganization } from '../repositories/application/applications.js';
import { listCenters } from '../repositories/center/centers.js';
import { appendAudit } from '../audit/log.js';
import { newId } from '../lib/crypto.js';
import { findActiveMember, insertMember, memberNameKey } from '../repositories/organization/members.js';
import {
  findLiveOrganizationByOgrn,
  insertOrganization,
} from '../repositories/organization/organizations.js';
import { hasComplaints, insertComplaint } from '../repositories/complaint/complaints.js';
import { answerDueAt } from '../domain/complaint/complaint.js';
import type { Config } from '../config/index.js';

/**
 * The demo КГКУ «ЦСПН» (Камчатский край) through the applications' route, by the services with
 * their checks, as its head and the operators would: Форма З sent as a scan of the printed form,
 * forwarded by the region's operator and approved by the federal operator (so it is an authorized
 * organization, in the complaint form's list); Форма И the same way, so its workstation does all it can. The
 * demo МФЦ is left without applications, for a visitor to go the whole way. Once: skipped when the
 * ЦСПН has any application.
 */
async function seedApplications(system: SeedContext): Promise<void> {
  const { db } = system.database;
  const { applications } = system.services;
  const centre = demoOrganizations.find((o) => o.ogrn && o.regionCode === '41' && !o.operatorOfRegion)!;
  const organization = await findLiveOrganizationByOgrn(db, centre.ogrn);
  const accountOf = async (login: string) => (await findAccountByVerifiedContact(db, 'email', login))!.id;
  if (!organization || (await listApplicationsOfOrganization(db, organization.id)).length) return;
  const headId = await accountOf('belov@cspn41.example');
  const head: Actor = {
    kind: 'organization_member',
    personId: headId,
    organizationId: organization.id,
    roles: ['head', 'administrator', 'employee'],
    groups: [],
  };
  const regional: Actor = {
    kind: 'regional_operator',
    accountId: await accountOf('staff@kamgov.example'),
    regionCode: '41',
  };
  const federal: Actor = { kind: 'federal_operator', accountId: await accountOf('operator@esia.example') };
  const meta = { ip: null };
  const send = async (form: 'form_z' | 'form_i') => {
    const draft = await applications.create(head, form, meta);
    const saved = await applications.save(head, draft.id, {
      revision: draft.revision,
      content: {
        ...draft.content,
        responsible: {
          accountId: headId,
          lastName: centre.head.lastName,
          firstName: centre.head.firstName,
          middleName: centre.head.middleName ?? undefined,
          position: centre.head.position,
          workPhone: '+7 (4152) 20-00-41',
          mobilePhone: '+7 914 000-00-41',
          email: 'belov@cspn41.example',
        },
      },
    });
    const pdf = await applications.printable(head, saved.id);
    return applications.submitScan(
      head,
      saved.id,
      {
        revision: saved.revision,
        fileName: 'Заявка-скан.pdf',
        scan: Buffer.from(pdf.bytes).toString('base64'),
      },
      meta,
    );
  };
  const approve = async (sent: Awaited<ReturnType<typeof send>>) => {
    const forwarded = await applications.regionalReview(
      regional,
      sent.id,
      { decision: 'forward', revision: sent.revision },
      meta,
    );
    await applications.federalDecide(
      federal,
      sent.id,
      { decision: 'approve', revision: forwarded.revision },
      meta,
    );
  };
  await approve(await send('form_z'));
  // Форма И approved too (issue 12): the demo center registers, restores and deletes accounts.
  await approve(await send('form_i'));
}

/**
 * The demo ЦСПН's service centers (issue 11), by the services as its people would: the head puts
 * its administrator in «Технологический портал» and an employee in «Специалисты по подтверждению
 * личности» and another in «Специалисты по регистрации и подтверждению» (the demo's operators of
 * АРМ «Центр обслуживания»); the administrator adds a center in Петропавловск-Камчатский offering
 * every service (Форма З and Форма И are approved), attaches both and makes it «Действующий», so the
 * public map shows it; and a second center in Елизово stays «Недействующий», a draft. Once:
 * skipped when the ЦСПН has any center.
 */
async function seedCenters(system: SeedContext): Promise<void> {
  const { db } = system.database;
  const { access, centers } = system.services;
  const centre = demoOrganizations.find((o) => o.ogrn && o.regionCode === '41' && !o.operatorOfRegion)!;
  const organization = await findLiveOrganizationByOgrn(db, centre.ogrn);
  if (!organization || (await listCenters(db, organization.id)).length) return;
  const accountOf = async (login: string) => (await findAccountByVerifiedContact(db, 'email', login))!.id;
  const [headId, officerId, operatorId, registrarId] = await Promise.all(
    [
      'belov@cspn41.example',
      'kovaleva@cspn41.example',
      'medvedev@cspn41.example',
      'sokolova@cspn41.example',
    ].map(accountOf),
  );
  const meta = { ip: null };
  const member = (personId: string, roles: OrganizationRole[], groups: AccessGroup[]): Actor => ({
    kind: 'organization_member',
    personId,
    organizationId: organization.id,
    roles,
    groups,
  });
  const head = member(headId!, ['head', 'administrator', 'employee'], []);
  await access.add(head, 'tech_portal', officerId!, meta);
  await access.add(head, 'identity_specialists', operatorId!, meta);
  await access.add(head, 'registration_specialists', registrarId!, meta);
  const officer = member(officerId!, ['administrator', 'employee'], ['tech_portal']);
  const weekday = [
    { from: '09:00', to: '13:00' },
    { from: '14:00', to: '18:00' },
  ];
  const hours = {
    weekly: {
      mon: weekday,
      tue: weekday,
      wed: weekday,
      thu: weekday,
      fri: [{ from: '09:00', to: '16:45' }],
      sat: [],
      sun: [],
    },
    exceptions: [
      { date: '2027-01-01', intervals: [], note: 'Новогодние каникулы' },
      { date: '2027-01-02', intervals: [], note: 'Новогодние каникулы' },
    ],
  };
  const mainCenter = centerCreateSchema.parse({
    name: 'Центр обслуживания КГКУ «ЦСПН» на Ленинской',
    regionCode: '41',
    address: '683000, Камчатский край, г. Петропавловск-Камчатский, ул. Ленинская, д. 42',
    location: { lat: 53.0146, lon: 158.6493 },
    hours,
    phone: '+7 (4152) 20-00-41',
    email: 'co@cspn41.example',
    directions: 'Главный вход с ул. Ленинской, первый этаж, окна 1-3',
    accessibility: ['step_free_entrance', 'disabled_parking', 'wheelchair_toilet'],
    services: ['confirmation', 'registration', 'recovery', 'deletion'],
  });
  const main = await centers.create(officer, mainCenter, meta);
  await centers.attachOperator(officer, main.id, operatorId!, meta);
  const attached = await centers.attachOperator(officer, main.id, registrarId!, meta);
  await centers.update(
    officer,
    main.id,
    { ...mainCenter, status: 'active', revision: attached.revision },
    meta,
  );
  const draft = centerCreateSchema.parse({
    name: 'Центр обслуживания КГКУ «ЦСПН» в Елизово',
    regionCode: '41',
    address: '684000, Камчатский край, г. Елизово, ул. Ленина, д. 10',
    location: { lat: 53.1873, lon: 158.3838 },
    services: ['confirmation'],
  });
  await centers.create(officer, draft, meta);
}

/** Demo people and organizations, loaded at start in demo mode. Idempotent: safe on every start. */

/** What seeding uses of the running system (a System is one): it goes through the services. */
export interface SeedContext {
  database: Database;
  services: Services;
  clock: Clock;
  config: Pick<Config, 'complaints'>;
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
  /** an employee of a demo organization (demoOrganizations, by ОГРН) in this role */
  organization?: { ogrn: string; role: OrganizationRole };
  /** «Региональный оператор» of this region, granted to the person (RegionalStaffService, audited) */
  regionalOperatorOf?: RegionCode;
  /** an operator of АРМ «Центр обслуживания»: the key of the service certificate's download */
  workstationKey?: string;
}

export interface DemoOrganization {
  ogrn: string;
  inn: string;
  kpp: string;
  fullName: string;
  shortName: string;
  type: OrganizationType;
  regionCode: RegionCode;
  /** «Электронный регион», «Агентство по информатизации и связи»: the region's operator */
  operatorOfRegion?: RegionCode;
  legalAddress: string;
  phone: string;
  email: string;
  head: { lastName: string; firstName: string; middleName: string; position: string };
}

const mfc = simulatedTaxRegister[0]!;
const cspn = simulatedTaxRegister[1]!;

/**
 * Two organizations in two regions (an МФЦ and a state institution: simulated ЕГРЮЛ's records,
 * heads as the register names them), and the two regions' operators.
 */
export const demoOrganizations: DemoOrganization[] = [
  {
    ...mfc,
    legalAddress: '160000, г. Вологда, ул. Мира, д. 30',
    phone: '+7 8172 23-01-30',
    email: 'info@mfc35.example',
    head: { ...mfc.head, middleName: mfc.head.middleName! },
  },
  {
    ...cspn,
    legalAddress: '683000, г. Петропавловск-Камчатский, ул. Ленинская, д. 12',
    phone: '+7 4152 42-00-12',
    email: 'info@cspn41.example',
    head: { ...cspn.head, middleName: cspn.head.middleName! },
  },
  {
    ogrn: ogrnWithChecksum('102350000031'),
    inn: innLeWithChecksum('352500031'),
    kpp: '352501001',
    fullName: 'Бюджетное учреждение Вологодской области «Электронный регион»',
    shortName: 'БУ ВО «Электронный регион»',
    type: 'state_institution',
    regionCode: '35',
    operatorOfRegion: '35',
    legalAddress: '160000, г. Вологда, ул. Герцена, д. 27',
    phone: '+7 8172 23-01-29',
    email: 'esia@gov35.example',
    head: { lastName: 'Орлов', firstName: 'Дмитрий', middleName: 'Павлович', position: 'Директор' },
  },
  {
    ogrn: ogrnWithChecksum('104410000041'),
    inn: innLeWithChecksum('410100041'),
    kpp: '410101001',
    fullName: 'Агентство по информатизации и связи Камчатского края',
    shortName: 'Агентство по информатизации и связи',
    type: 'regional_executive_body',
    regionCode: '41',
    operatorOfRegion: '41',
    legalAddress: '683040, г. Петропавловск-Камчатский, пл. Ленина, д. 1',
    phone: '+7 4152 42-41-41',
    email: 'esia@kamgov.example',
    head: { lastName: 'Лебедев', firstName: 'Константин', middleName: 'Андреевич', position: 'Руководитель' },
  },
];

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
  // The regions' operators by a personal role (issue 10, item 1): granted by the federal operator
  // on «Региональные операторы», here by the seed; they act for their region without choosing an
  // organization. The demo organizations are in these two regions.
  regionalOperator(9, '35', {
    lastName: 'Широкова',
    firstName: 'Татьяна',
    middleName: 'Андреевна',
    gender: 'F',
    login: 'staff@gov35.example',
  }),
  regionalOperator(10, '41', {
    lastName: 'Головин',
    firstName: 'Павел',
    middleName: 'Викторович',
    gender: 'M',
    login: 'staff@kamgov.example',
  }),
  ...organizationPeople(),
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

// ---- Demo organizations (seed 000, sections 2-3; seed 004, step 1) ----

/** The PIN of the demo heads' legal-entity test certificates (GET /api/demo/head-certificates/{ogrn}). */
export const DEMO_CERTIFICATE_PIN = '12345678';

interface StaffPerson {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: 'M' | 'F';
  login: string;
}

/** A confirmed employee of a demo organization; `n` picks unique СНИЛС and passport numbers. */
function employee(
  n: number,
  organization: DemoOrganization,
  role: OrganizationRole,
  person: StaffPerson,
): DemoPerson {
  return {
    ...confirmedStaff(n, organization.regionCode, person),
    title: organization.operatorOfRegion
      ? `Сотрудник регионального оператора (${regionNames[organization.operatorOfRegion]}) — ${organization.shortName}`
      : `${organizationRoleLabels[role]} — ${organization.shortName}`,
    organization: { ogrn: organization.ogrn, role },
  };
}

/** A confirmed person given «Региональный оператор» of `regionCode` (no organization needed). */
function regionalOperator(n: number, regionCode: '35' | '41', person: StaffPerson): DemoPerson {
  return {
    ...confirmedStaff(n, regionCode, person),
    title: `Региональный оператор — ${regionNames[regionCode]}`,
    regionalOperatorOf: regionCode,
  };
}

/** A confirmed person of region 35 or 41 signing in by e-mail; `n` picks unique СНИЛС and passport. */
function confirmedStaff(n: number, regionCode: RegionCode, person: StaffPerson): Omit<DemoPerson, 'title'> {
  const region = regionCode === '35' ? 'Вологодской области' : 'Камчатского края';
  return {
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName,
    contact: { type: 'email', value: person.login },
    password: `Служебный-пароль-${2026 + n}`,
    level: 'confirmed',
    raise: async (system, accountId) => {
      await raiseToStandard(system, accountId, {
        lastName: person.lastName,
        firstName: person.firstName,
        middleName: person.middleName,
        gender: person.gender,
        birthDate: `${1985 + n}-0${(n % 9) + 1}-1${n % 10}`,
        birthPlace: `г. ${regionCode === '35' ? 'Вологда' : 'Петропавловск-Камчатский'}`,
        citizenship: 'RUS',
        passport: {
          series: regionCode === '35' ? '1912' : '3010',
          number: String(610100 + n),
          issueDate: '2021-03-12',
          issuedBy: `УМВД России по ${region}`,
          issuerCode: regionCode === '35' ? '350-001' : '410-001',
        },
        snils: snilsWithChecksum(String(189450100 + n)),
      });
      await confirmAtServiceCenter(system, accountId);
    },
  };
}

function organizationPeople(): DemoPerson[] {
  const [mfcOrg, cspnOrg, vologdaOperator, kamchatkaOperator] = demoOrganizations as [
    DemoOrganization,
    DemoOrganization,
    DemoOrganization,
    DemoOrganization,
  ];
  return [
    employee(1, mfcOrg, 'head', { ...mfcOrg.head, gender: 'F', login: 'gromova@mfc35.example' }),
    employee(2, mfcOrg, 'administrator', {
      lastName: 'Зайцев', firstName: 'Михаил', middleName: 'Олегович', gender: 'M', login: 'zaitsev@mfc35.example',
    }),
    employee(3, mfcOrg, 'employee', {
      lastName: 'Белова', firstName: 'Ольга', middleName: 'Петровна', gender: 'F', login: 'belova@mfc35.example',
    }),
    employee(4, cspnOrg, 'head', { ...cspnOrg.head, gender: 'M', login: 'belov@cspn41.example' }),
    employee(5, cspnOrg, 'administrator', {
      lastName: 'Ковалёва', firstName: 'Ирина', middleName: 'Сергеевна', gender: 'F', login: 'kovaleva@cspn41.example',
    }),
    { ...employee(6, cspnOrg, 'employee', {
      lastName: 'Медведев', firstName: 'Артём', middleName: 'Юрьевич', gender: 'M', login: 'medvedev@cspn41.example',
    }), title: `Оператор ЦО, «Специалисты по подтверждению личности» — ${cspnOrg.shortName}`, workstationKey: 'medvedev' },
    { ...employee(11, cspnOrg, 'employee', {
      lastName: 'Соколова', firstName: 'Мария', middleName: 'Андреевна', gender: 'F', login: 'sokolova@cspn41.example',
    }), title: `Оператор ЦО, «Специалисты по регистрации и подтверждению» — ${cspnOrg.shortName}`, workstationKey: 'sokolova' },
    employee(7, vologdaOperator, 'employee', {
      lastName: 'Васильева', firstName: 'Наталья', middleName: 'Игоревна', gender: 'F', login: 'operator@gov35.example',
    }),
    employee(8, kamchatkaOperator, 'employee', {
      lastName: 'Никитин', firstName: 'Сергей', middleName: 'Львович', gender: 'M', login: 'operator@kamgov.example',
    }),
  ]; // prettier-ignore
}

/**
 * The demo organizations, registered, with their employees in their roles: written on the first
 * start, and any missing employee added on later ones. An organization with no head among the demo
 * people (the regional operators) has its employee as administrator, so someone manages it.
 */
async function seedOrganizations(system: SeedContext): Promise<void> {
  const db = system.database.db;
  for (const organization of demoOrganizations) {
    const people = demoPeople.filter((p) => p.organization?.ogrn === organization.ogrn);
    const accounts = await Promise.all(
      people.map(async (p) => ({
        person: p,
        account: (await findAccountByVerifiedContact(db, p.contact.type, p.contact.value))!,
      })),
    );
    await db.transaction(async (tx) => {
      const now = system.clock.now();
      const existing = await findLiveOrganizationByOgrn(tx, organization.ogrn);
      const id = existing?.id ?? newId();
      const registeredBy = (accounts.find((a) => a.person.organization?.role === 'head') ?? accounts[0])!
        .account.id;
      if (!existing) {
        await insertOrganization(tx, {
          id,
          ogrn: organization.ogrn,
          inn: organization.inn,
          kpp: organization.kpp,
          fullName: organization.fullName,
          shortName: organization.shortName,
          type: organization.type,
          regionCode: organization.regionCode,
          legalAddress: organization.legalAddress,
          postalAddress: organization.legalAddress,
          phone: organization.phone,
          email: organization.email,
          headLastName: organization.head.lastName,
          headFirstName: organization.head.firstName,
          headMiddleName: organization.head.middleName,
          headPosition: organization.head.position,
          status: 'registered',
          operatorOfRegion: organization.operatorOfRegion ?? null,
          certificateFingerprint: 'demo-seed',
          registeredBy,
          createdAt: now,
          updatedAt: now,
          checkedAt: now,
          registeredAt: now,
        });
        await appendAudit(
          tx,
          {
            event: 'organization.checked',
            actorType: 'system',
            actorId: null,
            subjectId: registeredBy,
            data: { organizationId: id, status: 'registered' },
            actingFor: { organizationId: id },
          },
          now,
        );
      }
      for (const { person, account } of accounts) {
        if (await findActiveMember(tx, id, account.id)) continue;
        const role = person.organization!.role;
        await insertMember(tx, {
          id: newId(),
          organizationId: id,
          accountId: account.id,
          isHead: role === 'head',
          isAdministrator: role !== 'employee' || !!organization.operatorOfRegion,
          nameKey: memberNameKey(person),
          joinedAt: now,
        });
      }
    });
  }
}

const DAY_MS = 86_400_000;

/**
 * Two complaints about the demo МФЦ's service centers (issue 10, item 5), written on the first
 * start: one answered by its head in time, from a signed-in citizen; one anonymous, unanswered
 * past its deadline, so the operators' lists show an overdue one. Dated back from the start.
 */
async function seedComplaints(system: SeedContext): Promise<void> {
  const db = system.database.db;
  const organization = await findLiveOrganizationByOgrn(db, mfc.ogrn);
  if (!organization || (await hasComplaints(db, organization.id))) return;
  const person = (p: DemoPerson | undefined) =>
    p ? findAccountByVerifiedContact(db, p.contact.type, p.contact.value) : Promise.resolve(undefined);
  const head = await person(
    demoPeople.find((p) => p.organization?.ogrn === mfc.ogrn && p.organization.role === 'head'),
  );
  const citizen = await person(demoPeople.find((p) => p.lastName === 'Смирнова'));
  const now = system.clock.now();
  const days = system.config.complaints.answerDays;
  const ago = (n: number) => new Date(now.getTime() - n * DAY_MS);
  await db.transaction(async (tx) => {
    const answeredAt = ago(18);
    const answered = await insertComplaint(tx, {
      id: newId(),
      organizationId: organization.id,
      regionCode: organization.regionCode,
      category: 'waiting_time',
      text: 'Пришла подтвердить учётную запись по талону на 10:00, в очереди ждала больше полутора часов.',
      place: 'г. Вологда, ул. Мира, д. 30, отдел «Мои документы»',
      complainantAccountId: citizen?.id ?? null,
      complainantEmailEncrypted: null,
      createdAt: ago(20),
      answerDueAt: answerDueAt(ago(20), days),
      answer:
        'Приносим извинения за долгое ожидание. В тот день не работали два окна из-за сбоя оборудования; сбой устранён, в часы наибольшей нагрузки открыто дополнительное окно для подтверждения учётных записей.',
      answeredAt,
      answeredBy: head?.id ?? null,
    });
    const overdue = await insertComplaint(tx, {
      id: newId(),
      organizationId: organization.id,
      regionCode: organization.regionCode,
      category: 'refused_service',
      text: 'Оператор отказался восстановить доступ к учётной записи: сказал, что в этом центре такой услуги нет, хотя на карте она указана.',
      place: 'г. Вологда, ул. Козлёнская, д. 14',
      complainantAccountId: null,
      complainantEmailEncrypted: null,
      createdAt: ago(days + 3),
      answerDueAt: answerDueAt(ago(days + 3), days),
    });
    for (const c of [answered, overdue])
      await appendAudit(
        tx,
        {
          event: 'complaint.submitted',
          actorType: 'system',
          actorId: null,
          subjectId: c.id,
          data: {
            complaintId: c.id,
            number: c.number,
            organizationId: organization.id,
            category: c.category,
          },
        },
        now,
      );
    await appendAudit(
      tx,
      {
        event: 'complaint.answered',
        actorType: 'system',
        actorId: null,
        subjectId: organization.id,
        data: { complaintId: answered.id, number: answered.number, overdue: false },
      },
      now,
    );
  });
}

export const demoAccounts: DemoAccount[] = demoPeople.map((p) => ({
  title: p.title,
  login: p.contact.type === 'phone' ? formatPhone(p.contact.value) : p.contact.value,
  password: p.password,
  level: p.level,
  ...(p.organization
    ? {
        organization: demoOrganizations.find((o) => o.ogrn === p.organization!.ogrn)!.shortName,
        ...(p.organization.role === 'head'
          ? { headCertificate: { ogrn: p.organization.ogrn, pin: DEMO_CERTIFICATE_PIN } }
          : {}),
        ...(p.workstationKey
          ? {
              serviceCertificate: {
                ogrn: p.organization.ogrn,
                pin: DEMO_CERTIFICATE_PIN,
                key: p.workstationKey,
              },
            }
          : {}),
      }
    : {}),
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
  for (const person of demoPeople.filter((p) => p.regionalOperatorOf)) {
    const account = (await findAccountByVerifiedContact(db, person.contact.type, person.contact.value))!;
    // Granted again at a start after the demo's federal operator revoked it; a role moved to
    // another region meanwhile is left as it is.
    if (await findLiveRegionalGrant(db, account.id)) continue;
    await system.services.regionalStaff.grant(systemActor('seed'), {
      login: person.contact.value,
      regionCode: person.regionalOperatorOf!,
    });
  }
  await seedOrganizations(system);
  await seedComplaints(system);
  await seedApplications(system);
  await seedCenters(system);
  // «Портал услуг (демо)»: a relying party that signs the demo people in through OpenID Connect.
  await system.services.oidcClients.ensureDemoClient();
  // «Портал услуг — ЕСИА (демо)»: the same through the ESIA-compatible interface, its GOST key
  // and certificate from the test CA.
  await system.services.oidcClients.ensureDemoEsiaClient(system.services.testCa);
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
