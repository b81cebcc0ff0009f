import { randomUUID } from 'node:crypto';
import { simulatedTaxRegister } from '@openesia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addGroupMember,
  countGroupMembers,
  listApprovals,
  listGroupMembers,
} from '../../src/repositories/organization/access.js';
import {
  findActiveMember,
  insertMember,
  listManagersForUpdate,
  memberNameKey,
  removeMember,
  suggestMembers,
} from '../../src/repositories/organization/members.js';
import {
  insertOrganization,
  listAwaitingRegionalOperator,
  listOrganizationsOfAccount,
  updateOrganizationIfStatus,
} from '../../src/repositories/organization/organizations.js';
import { createSimplifiedCitizen } from '../support/factories.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The organizations' repositories on a real database (PGlite, and PostgreSQL in CI): the one live
 * registration per ОГРН, status changes that a late result cannot undo, employees found by name as
 * someone types, and a removed employee losing every group at once.
 */
describe('organization repositories', () => {
  let sut: TestSystem;
  const db = () => sut.database.db;
  const now = new Date('2026-12-02T10:00:00Z');
  const mfc = simulatedTaxRegister[0];
  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => sut?.stop());

  async function organization(
    registeredBy: string,
    patch: Partial<Parameters<typeof insertOrganization>[1]> = {},
  ) {
    const id = randomUUID();
    await insertOrganization(db(), {
      id,
      ogrn: mfc.ogrn,
      inn: mfc.inn,
      fullName: mfc.fullName,
      shortName: mfc.shortName,
      type: 'mfc',
      regionCode: '35',
      legalAddress: 'г. Вологда, ул. Мира, д. 1',
      postalAddress: 'г. Вологда, ул. Мира, д. 1',
      phone: '+7 8172 00-00-00',
      email: 'mfc@example.ru',
      headLastName: mfc.head.lastName,
      headFirstName: mfc.head.firstName,
      certificateFingerprint: 'ab'.repeat(32),
      registeredBy,
      status: 'checking',
      createdAt: now,
      updatedAt: now,
      ...patch,
    });
    return id;
  }

  it('keeps one live registration per ОГРН; a rejected one does not block a new one', async () => {
    const head = await createSimplifiedCitizen(sut);
    const first = await organization(head.id);
    await expect(organization(head.id)).rejects.toMatchObject({ code: 'organization.duplicate' });
    expect(
      await updateOrganizationIfStatus(db(), first, 'checking', {
        status: 'rejected',
        refusal: 'head_differs',
      }),
    ).toBe(true);
    // A late second result finds the status moved on and changes nothing.
    expect(await updateOrganizationIfStatus(db(), first, 'checking', { status: 'registered' })).toBe(false);
    const second = await organization(head.id, { status: 'awaiting_regional_operator' });
    expect((await listAwaitingRegionalOperator(db(), '35', { limit: 10 })).map((o) => o.id)).toContain(
      second,
    );
    expect(await listAwaitingRegionalOperator(db(), '41', { limit: 10 })).toEqual([]);
  });

  it('suggests employees by the start of their name (Ё as Е, any case), and drops a removed one from every group', async () => {
    const head = await createSimplifiedCitizen(sut);
    const org = await organization(head.id, {
      ogrn: simulatedTaxRegister[1].ogrn,
      inn: simulatedTaxRegister[1].inn,
      status: 'registered',
    });
    const people = [
      { lastName: 'Ёлкина', firstName: 'Анна', middleName: 'Павловна' },
      { lastName: 'Елисеев', firstName: 'Пётр', middleName: null },
      { lastName: 'Иванова', firstName: 'Мария', middleName: null },
    ];
    const ids: string[] = [];
    for (const person of people) {
      const citizen = await createSimplifiedCitizen(sut, person);
      ids.push(citizen.id);
      await insertMember(db(), {
        id: randomUUID(),
        organizationId: org,
        accountId: citizen.id,
        nameKey: memberNameKey(person),
        joinedAt: now,
      });
    }
    await insertMember(db(), {
      id: randomUUID(),
      organizationId: org,
      accountId: head.id,
      isHead: true,
      isAdministrator: true,
      nameKey: memberNameKey({ lastName: mfc.head.lastName, firstName: mfc.head.firstName }),
      joinedAt: now,
    });
    expect(
      (await suggestMembers(db(), org, 'ел', 10)).map((m) =>
        [m.lastName, m.firstName, m.middleName].filter(Boolean).join(' '),
      ),
    ).toEqual(['Елисеев Пётр', 'Ёлкина Анна Павловна']);
    expect((await suggestMembers(db(), org, 'ЁЛКИНА А', 10)).map((m) => m.accountId)).toEqual([ids[0]]);
    // LIKE's own characters are matched as typed, never as wildcards.
    expect(await suggestMembers(db(), org, '%', 10)).toEqual([]);
    expect((await listManagersForUpdate(db(), org)).map((m) => m.accountId)).toEqual([head.id]);

    await addGroupMember(db(), {
      organizationId: org,
      group: 'tech_portal',
      accountId: ids[0],
      addedAt: now,
      addedBy: head.id,
    });
    expect(
      await addGroupMember(db(), {
        organizationId: org,
        group: 'tech_portal',
        accountId: ids[0],
        addedAt: now,
        addedBy: head.id,
      }),
    ).toBe(false);
    await addGroupMember(db(), {
      organizationId: org,
      group: 'tech_portal',
      accountId: ids[1],
      addedAt: now,
      addedBy: head.id,
    });
    expect(await countGroupMembers(db(), org, 'tech_portal')).toBe(2);
    const member = (await findActiveMember(db(), org, ids[0]))!;
    await db().transaction((tx) => removeMember(tx, member, head.id, now));
    expect(await findActiveMember(db(), org, ids[0])).toBeUndefined();
    expect((await listGroupMembers(db(), org, 'tech_portal', 10)).map((m) => m.accountId)).toEqual([ids[1]]);
    expect((await listOrganizationsOfAccount(db(), ids[0])).length).toBe(0);
    expect((await listOrganizationsOfAccount(db(), ids[1]))[0]).toMatchObject({
      isHead: false,
      isAdministrator: false,
    });
    expect(await listApprovals(db(), org)).toEqual(new Set());
  });
});
