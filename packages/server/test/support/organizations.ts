import { randomUUID } from 'node:crypto';
import {
  innLeWithChecksum,
  ogrnWithChecksum,
  type AccessGroup,
  type OrganizationApproval,
  type OrganizationStatus,
  type OrganizationType,
} from '@openesia/contracts';
import {
  grantApproval,
  insertApplicationIfNoneLive,
} from '../../src/repositories/application/applications.js';
import { getAccountForUpdate } from '../../src/repositories/citizen/accounts.js';
import { addGroupMember } from '../../src/repositories/organization/access.js';
import { insertMember, memberNameKey } from '../../src/repositories/organization/members.js';
import { insertOrganization } from '../../src/repositories/organization/organizations.js';
import type { System } from '../../src/system.js';
import {
  createStandardCitizen,
  type CitizenFactoryOptions,
  type CreatedStandardCitizen,
} from './factories.js';

/** A confirmed account (seed 000: confirmed at a service center), as organizations need. */
export async function createConfirmedCitizen(
  system: System,
  options: CitizenFactoryOptions = {},
): Promise<CreatedStandardCitizen> {
  const citizen = await createStandardCitizen(system, options);
  await system.database.db.transaction(async (tx) =>
    system.services.confirmation.confirmIdentity(
      tx,
      await getAccountForUpdate(tx, citizen.id),
      'service_center',
      { actorType: 'system' },
      system.clock.now(),
    ),
  );
  return citizen;
}

let organizations = 0;

/**
 * An organization written straight to its tables, for tests of what comes after registration
 * (the registration itself is tested through its use-case). A unique ОГРН and ИНН each call.
 */
export async function insertTestOrganization(
  system: System,
  head: { id: string; lastName: string; firstName: string; middleName?: string | null },
  options: {
    status?: OrganizationStatus;
    type?: OrganizationType;
    regionCode?: string;
    operatorOfRegion?: string;
    shortName?: string;
  } = {},
): Promise<{ id: string; oid: string; ogrn: string; inn: string }> {
  organizations++;
  const seq = String(organizations + Math.floor(Math.random() * 1e6)).padStart(7, '0');
  const ogrn = ogrnWithChecksum(`10277${seq}`);
  const inn = innLeWithChecksum(`77${seq}`);
  const id = randomUUID();
  const now = system.clock.now();
  const oid = await system.database.db.transaction(async (tx) => {
    const row = await insertOrganization(tx, {
      id,
      ogrn,
      inn,
      kpp: '770101001',
      fullName: `Государственное учреждение «Тестовый центр ${seq}»`,
      shortName: options.shortName ?? `ГУ «Тестовый центр ${seq}»`,
      type: options.type ?? 'state_institution',
      regionCode: options.regionCode ?? '77',
      legalAddress: 'г. Москва, ул. Тверская, д. 1',
      postalAddress: 'г. Москва, ул. Тверская, д. 1',
      phone: '+7 495 000-00-00',
      email: `org${seq}@example.ru`,
      headLastName: head.lastName,
      headFirstName: head.firstName,
      headMiddleName: head.middleName ?? null,
      headPosition: 'Директор',
      status: options.status ?? 'registered',
      operatorOfRegion: options.operatorOfRegion ?? null,
      certificateFingerprint: 'test',
      registeredBy: head.id,
      createdAt: now,
      updatedAt: now,
      registeredAt: options.status && options.status !== 'registered' ? null : now,
    });
    await addTestMember(system, id, head, { head: true }, tx);
    return String(row.oid);
  });
  return { id, oid, ogrn, inn };
}

/** Makes `person` an employee (optionally administrator or head, and in groups). */
export async function addTestMember(
  system: System,
  organizationId: string,
  person: { id: string; lastName: string; firstName: string; middleName?: string | null },
  options: { head?: boolean; administrator?: boolean; groups?: AccessGroup[] } = {},
  db: Parameters<typeof insertMember>[0] = system.database.db,
): Promise<void> {
  const now = system.clock.now();
  await insertMember(db, {
    id: randomUUID(),
    organizationId,
    accountId: person.id,
    isHead: options.head ?? false,
    isAdministrator: options.head || options.administrator ? true : false,
    nameKey: memberNameKey(person),
    joinedAt: now,
  });
  for (const group of options.groups ?? [])
    await addGroupMember(db, {
      organizationId,
      group,
      accountId: person.id,
      addedAt: now,
      addedBy: person.id,
    });
}

/**
 * An approval the organization holds, granted as the federal operator's approval grants it
 * (the applications themselves are tested through their use-cases).
 */
export async function grantTestApproval(
  system: System,
  organizationId: string,
  approval: OrganizationApproval = 'form_z',
): Promise<void> {
  await grantApproval(system.database.db, organizationId, approval, system.clock.now());
}

/**
 * An application already approved, naming `responsible` as the responsible person («Данные об
 * УЛ»), with the approval it grants: what the complaints context reads to know who answers.
 */
export async function insertApprovedApplication(
  system: System,
  organization: { id: string; ogrn: string },
  responsible: { id: string; lastName: string; firstName: string; email: string },
  form: 'form_z' | 'form_i' = 'form_z',
): Promise<void> {
  const now = system.clock.now();
  await system.database.db.transaction(async (tx) => {
    await insertApplicationIfNoneLive(tx, {
      id: randomUUID(),
      organizationId: organization.id,
      form,
      status: 'approved',
      regionCode: '77',
      content: {
        organizationFullName: 'Государственное учреждение «Тестовый центр»',
        ogrn: organization.ogrn,
        organizationType: 'state_institution',
        responsible: {
          accountId: responsible.id,
          lastName: responsible.lastName,
          firstName: responsible.firstName,
          position: 'Заместитель директора',
          workPhone: '+7 (495) 000-00-01',
          mobilePhone: '+79210000001',
          email: responsible.email,
        },
        signatory: {},
      },
      version: 1,
      createdBy: responsible.id,
      createdAt: now,
      updatedAt: now,
      submittedAt: now,
      forwardedAt: now,
      decidedAt: now,
    });
    await grantApproval(tx, organization.id, form, now);
  });
}
