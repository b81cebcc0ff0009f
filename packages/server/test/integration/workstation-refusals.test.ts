import { innLeWithChecksum, ogrnWithChecksum, type WorkstationOperation } from '@openesia/contracts';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountChildren,
  accountContacts,
  accounts,
  auditLog,
  organizations,
  personalData,
  workstationJournal,
  workstationOperationsTable,
} from '../../src/db/schema/index.js';
import { detachOperator } from '../../src/repositories/center/centers.js';
import { getAccountForUpdate } from '../../src/repositories/citizen/accounts.js';
import { setTestCenterStatus } from '../support/centers.js';
import {
  createFederalOperator,
  createSimplifiedCitizen,
  createStandardCitizen,
  signedInClient,
  uniqueEmail,
  uniquePhone,
  uniqueSnils,
  validPersonalData,
  waitForMessage,
  type CreatedStandardCitizen,
} from '../support/factories.js';
import { eventually, TestClient, type HttpResult } from '../support/http.js';
import { createConfirmedCitizen } from '../support/organizations.js';
import { ManualClock, startTestSystem, type TestSystem } from '../support/system.js';
import { issueTestCertificate } from '../support/test-ca.js';
import {
  workstationAtCenter,
  workstationOperator,
  workstationOrganization,
  workstationSignIn,
  type TestOperator,
  type WorkstationOrg,
} from '../support/workstation.js';

/**
 * The refusals of АРМ «Центр обслуживания» (issue 12): every operation allowed and refused — the
 * service not offered, the group lacking it, the center gone, the organization blocked, the account
 * in the wrong state, an account the search did not find — each with its code and status, nothing
 * changed, and the refusal journaled and audited; the sign-in's refusals; the search's and the
 * registration's; the receipt's half hour; the temporary password; the idle session.
 */

type OnAccount = Exclude<WorkstationOperation, 'registration'>;
const pathOf: Record<OnAccount, string> = {
  upgrade: 'upgrade',
  confirmation: 'confirmation',
  reconfirmation: 'reconfirmation',
  recovery: 'recovery',
  deletion: 'deletion',
  add_child: 'children',
};
const signed = { applicationSigned: true, consentSigned: true };

/** The body each operation needs, valid for `citizen` (so only the guard under test refuses it). */
function bodyOf(operation: WorkstationOperation, citizen: CreatedStandardCitizen | null) {
  const seen = citizen
    ? {
        documentSeries: citizen.personalData.passport.series,
        documentNumber: citizen.personalData.passport.number,
      }
    : { documentSeries: '1905', documentNumber: '000000' };
  switch (operation) {
    case 'registration':
      return {
        ...validPersonalData({
          lastName: 'Новикова',
          firstName: 'Вера',
          gender: 'F',
          birthDate: '1990-01-02',
        }),
        contacts: { phone: uniquePhone() },
        passwordDelivery: 'sms',
        ...signed,
      };
    case 'upgrade':
      return { ...validPersonalData({ lastName: 'Простов', firstName: 'Павел' }), ...signed };
    case 'confirmation':
    case 'reconfirmation':
      return { ...seen, ...signed };
    case 'recovery':
      return { ...seen, contacts: { phone: uniquePhone() }, passwordDelivery: 'sms', ...signed };
    case 'deletion':
      return { ...seen, reason: 'Больше не пользуюсь порталом', ...signed };
    case 'add_child':
      return {
        ...seen,
        child: {
          lastName: 'Детов',
          firstName: 'Пётр',
          gender: 'M',
          birthDate: '2019-05-01',
          birthCertificate: {
            series: 'II-ОД',
            number: String(100000 + Math.floor(Math.random() * 899999)),
            issueDate: '2019-05-10',
            issuedBy: 'Отдел ЗАГС г. Вологды',
          },
        },
        ...signed,
      };
  }
}

function perform(
  desk: TestClient,
  operation: WorkstationOperation,
  accountId: string | null,
  citizen: CreatedStandardCitizen | null,
): Promise<HttpResult> {
  return operation === 'registration'
    ? desk.post('/api/ra/registrations', bodyOf('registration', null))
    : desk.post(`/api/ra/accounts/${accountId}/${pathOf[operation]}`, bodyOf(operation, citizen));
}

function expectError(res: HttpResult, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
}

describe('the operator workstation refuses', () => {
  let sut: TestSystem;
  let org: WorkstationOrg;
  let registrar: TestOperator;
  let desk: TestClient;

  beforeAll(async () => {
    sut = await startTestSystem();
    org = await workstationOrganization(sut);
    registrar = await workstationOperator(sut, org, { groups: ['registration_specialists'] });
    desk = await workstationAtCenter(sut, registrar, org);
  });
  afterAll(async () => sut?.stop());

  const db = () => sut.database.db;

  /** Everything an operation could touch on the account, and the operations recorded on it. */
  async function stateOf(accountId: string) {
    // The ИНН lookup that follows passed checks writes on its own (a job): settled first, so only
    // what the refused operation did could tell two snapshots apart.
    const personal = await eventually(async () => {
      const rows = await db().select().from(personalData).where(eq(personalData.accountId, accountId));
      return rows.every((r) => r.innLookupState !== 'in_progress') && rows;
    });
    return {
      account: await db().select().from(accounts).where(eq(accounts.id, accountId)),
      personal,
      contacts: await db().select().from(accountContacts).where(eq(accountContacts.accountId, accountId)),
      children: await db()
        .select()
        .from(accountChildren)
        .where(eq(accountChildren.parentAccountId, accountId)),
      operations: await db()
        .select()
        .from(workstationOperationsTable)
        .where(eq(workstationOperationsTable.targetAccountId, accountId)),
    };
  }

  const operationsBy = async (operator: TestOperator) =>
    db()
      .select()
      .from(workstationOperationsTable)
      .where(eq(workstationOperationsTable.operatorAccountId, operator.person.id));

  /** The operator's latest journal entry and audit entry say the operation was refused, and why. */
  async function expectJournaledRefusal(
    operator: TestOperator,
    operation: WorkstationOperation,
    code: string,
    accountId: string | null,
  ): Promise<void> {
    const [entry] = await db()
      .select()
      .from(workstationJournal)
      .where(eq(workstationJournal.operatorAccountId, operator.person.id))
      .orderBy(desc(workstationJournal.seq))
      .limit(1);
    expect(entry).toMatchObject({
      action: operation,
      outcome: 'refused',
      refusalCode: code,
      operationId: null,
      targetAccountId: accountId,
    });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.event, 'workstation.operation_refused'), eq(auditLog.actorId, operator.person.id)),
      )
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(audit?.data).toMatchObject({ operation, reason: code });
    expect(audit.subjectId).toBe(accountId);
  }

  /**
   * Runs `operation` expecting the refusal: its status and code, the account and the operator's
   * operations as they were, the refusal in the journal and the audit log.
   */
  async function expectRefused(
    client: TestClient,
    operator: TestOperator,
    operation: WorkstationOperation,
    target: { id: string; citizen: CreatedStandardCitizen | null } | null,
    status: number,
    code: string,
  ): Promise<void> {
    const before = target ? await stateOf(target.id) : null;
    const operationsBefore = await operationsBy(operator);
    const res = await perform(client, operation, target?.id ?? null, target?.citizen ?? null);
    expectError(res, status, code);
    if (target) expect(await stateOf(target.id)).toEqual(before);
    expect(await operationsBy(operator)).toEqual(operationsBefore);
    await expectJournaledRefusal(operator, operation, code, target?.id ?? null);
  }

  const search = async (client: TestClient, criteria: Record<string, string>) => {
    const res = await client.post('/api/ra/search', criteria);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  /** A post-confirmed citizen (confirmation code by letter), as the reconfirmation needs. */
  async function confirmedByPost(lastName: string): Promise<CreatedStandardCitizen> {
    const citizen = await createStandardCitizen(sut, { email: uniqueEmail(), lastName });
    await db().transaction(async (tx) =>
      sut.services.confirmation.confirmIdentity(
        tx,
        await getAccountForUpdate(tx, citizen.id),
        'post',
        { actorType: 'system' },
        sut.clock.now(),
      ),
    );
    return citizen;
  }

  /** Citizens each operation fits: so only the guard under test stands between it and success. */
  async function fittingTargets(client: TestClient) {
    const confirmed = await createConfirmedCitizen(sut, { email: uniqueEmail(), lastName: 'Подтверждённов' });
    const standard = await createStandardCitizen(sut, { email: uniqueEmail(), lastName: 'Стандартов' });
    const byPost = await confirmedByPost('Почтовов');
    const simple = await createSimplifiedCitizen(sut, { phone: uniquePhone(), lastName: 'Простов' });
    for (const c of [confirmed, standard, byPost]) await search(client, { snils: c.snils });
    await search(client, { phone: simple.phone! });
    const at = (c: CreatedStandardCitizen) => ({ id: c.id, citizen: c });
    return {
      registration: null,
      upgrade: { id: simple.id, citizen: null },
      confirmation: at(standard),
      reconfirmation: at(byPost),
      recovery: at(confirmed),
      deletion: at(confirmed),
      add_child: at(confirmed),
    } satisfies Record<WorkstationOperation, { id: string; citizen: CreatedStandardCitizen | null } | null>;
  }

  describe('an operation the center does not offer', () => {
    let operator: TestOperator;
    let client: TestClient;
    let targets: Awaited<ReturnType<typeof fittingTargets>>;
    beforeAll(async () => {
      const confirmationOnly = await workstationOrganization(sut, { services: ['confirmation'] });
      operator = await workstationOperator(sut, confirmationOnly, { groups: ['registration_specialists'] });
      client = await workstationAtCenter(sut, operator, confirmationOnly);
      targets = await fittingTargets(client);
    });

    it.each(['registration', 'upgrade', 'recovery', 'deletion', 'add_child'] as const)(
      '%s: 403 workstation.service_not_offered, nothing changed',
      async (operation) => {
        await expectRefused(
          client,
          operator,
          operation,
          targets[operation],
          403,
          'workstation.service_not_offered',
        );
      },
    );

    it('allows what it offers: confirmation and reconfirmation', async () => {
      for (const operation of ['confirmation', 'reconfirmation'] as const) {
        const res = await perform(client, operation, targets[operation].id, targets[operation].citizen);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    });
  });

  describe('an operation the operator’s group does not grant', () => {
    let operator: TestOperator;
    let client: TestClient;
    let targets: Awaited<ReturnType<typeof fittingTargets>>;
    beforeAll(async () => {
      const full = await workstationOrganization(sut);
      operator = await workstationOperator(sut, full, { groups: ['identity_specialists'] });
      client = await workstationAtCenter(sut, operator, full);
      targets = await fittingTargets(client);
    });

    it.each(['registration', 'upgrade', 'recovery', 'deletion', 'add_child'] as const)(
      '%s: 403 workstation.group_lacks_operation, nothing changed',
      async (operation) => {
        await expectRefused(
          client,
          operator,
          operation,
          targets[operation],
          403,
          'workstation.group_lacks_operation',
        );
      },
    );

    it('allows what the group grants: confirmation and reconfirmation', async () => {
      for (const operation of ['confirmation', 'reconfirmation'] as const) {
        const res = await perform(client, operation, targets[operation].id, targets[operation].citizen);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    });
  });

  describe('when the center is gone', () => {
    let center: WorkstationOrg;
    let operator: TestOperator;
    let client: TestClient;
    let targets: Awaited<ReturnType<typeof fittingTargets>>;
    beforeAll(async () => {
      center = await workstationOrganization(sut);
      operator = await workstationOperator(sut, center);
      client = await workstationAtCenter(sut, operator, center);
      targets = await fittingTargets(client);
    });

    it.each([
      'registration',
      'upgrade',
      'confirmation',
      'reconfirmation',
      'recovery',
      'deletion',
      'add_child',
    ] as const)(
      '%s at a center made «Недействующий»: 409 workstation.center_unavailable, nothing changed',
      async (operation) => {
        await setTestCenterStatus(sut, center.centerId, 'inactive');
        try {
          await expectRefused(
            client,
            operator,
            operation,
            targets[operation],
            409,
            'workstation.center_unavailable',
          );
          // he still sees his session, without the center, to choose another
          const session = await client.get('/api/ra/session');
          expect(session.status).toBe(200);
          expect(session.body.session.center).toBeNull();
        } finally {
          await setTestCenterStatus(sut, center.centerId, 'active');
        }
      },
    );

    it('refuses an operator detached from the center, and the center is not offered again', async () => {
      const detached = await workstationOperator(sut, center);
      const detachedClient = await workstationAtCenter(sut, detached, center);
      const citizen = await createConfirmedCitizen(sut, { email: uniqueEmail(), lastName: 'Откреплёнов' });
      await search(detachedClient, { snils: citizen.snils });
      await detachOperator(db(), center.centerId, detached.person.id);
      await expectRefused(
        detachedClient,
        detached,
        'recovery',
        { id: citizen.id, citizen },
        409,
        'workstation.center_unavailable',
      );
      expect((await detachedClient.post('/api/ra/search', { snils: citizen.snils })).body.error.code).toBe(
        'workstation.center_unavailable',
      );
      expectError(
        await detachedClient.post('/api/ra/center', { centerId: center.centerId }),
        409,
        'workstation.center_unavailable',
      );
    });
  });

  describe('when the organization is blocked', () => {
    it('refuses the next request of a signed-in operator, and a new sign-in', async () => {
      const blocked = await workstationOrganization(sut);
      const operator = await workstationOperator(sut, blocked);
      const client = await workstationAtCenter(sut, operator, blocked);
      const targets = await fittingTargets(client);
      const federal = await signedInClient(sut, await createFederalOperator(sut));
      const res = await federal.post(`/api/federal-operator/organizations/${blocked.id}/block`, {
        reason: 'Нарушение условий использования ЕСИА',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [row] = await db().select().from(organizations).where(eq(organizations.id, blocked.id));
      expect(row.blockedAt).not.toBeNull();

      for (const operation of ['registration', 'confirmation', 'recovery', 'add_child'] as const)
        await expectRefused(
          client,
          operator,
          operation,
          targets[operation],
          403,
          'workstation.organization_blocked',
        );
      expectError(
        await client.post('/api/ra/search', { snils: uniqueSnils() }),
        403,
        'workstation.organization_blocked',
      );

      const again = await workstationSignIn(sut, operator);
      expectError(again.login, 403, 'workstation.organization_blocked');
    });
  });

  describe('an account in the wrong state', () => {
    it.each([
      ['confirmation', 'a simplified account', 'simplified'],
      ['confirmation', 'a confirmed account', 'confirmed'],
      ['reconfirmation', 'an account confirmed at a service center', 'confirmed'],
      ['reconfirmation', 'a standard account', 'standard'],
      ['recovery', 'a standard account', 'standard'],
      ['deletion', 'a standard account', 'standard'],
      ['add_child', 'a standard account', 'standard'],
      ['upgrade', 'a standard account', 'standard'],
      ['upgrade', 'a confirmed account', 'confirmed'],
    ] as const)(
      '%s of %s: 409 workstation.wrong_account_state, nothing changed',
      async (operation, _, level) => {
        let target: { id: string; citizen: CreatedStandardCitizen | null };
        if (level === 'simplified') {
          const simple = await createSimplifiedCitizen(sut, { phone: uniquePhone(), lastName: 'Простов' });
          await search(desk, { phone: simple.phone! });
          target = { id: simple.id, citizen: null };
        } else {
          const citizen =
            level === 'confirmed'
              ? await createConfirmedCitizen(sut, { email: uniqueEmail(), lastName: 'Подтверждённов' })
              : await createStandardCitizen(sut, { email: uniqueEmail(), lastName: 'Стандартов' });
          await search(desk, { snils: citizen.snils });
          target = { id: citizen.id, citizen };
        }
        await expectRefused(desk, registrar, operation, target, 409, 'workstation.wrong_account_state');
      },
    );

    it('re-confirms only an account confirmed by post', async () => {
      const byPost = await confirmedByPost('Почтовов');
      await search(desk, { snils: byPost.snils });
      const res = await perform(desk, 'reconfirmation', byPost.id, byPost);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [account] = await db().select().from(accounts).where(eq(accounts.id, byPost.id));
      expect(account.confirmationMethod).toBe('service_center');
      // now confirmed at a center: not again
      await expectRefused(
        desk,
        registrar,
        'reconfirmation',
        { id: byPost.id, citizen: byPost },
        409,
        'workstation.wrong_account_state',
      );
    });
  });

  describe('an account this session did not find', () => {
    let citizen: CreatedStandardCitizen;
    beforeAll(async () => {
      citizen = await createConfirmedCitizen(sut, { email: uniqueEmail(), lastName: 'Ненайденов' });
      // found by another desk's session: not by this one
      const other = await workstationAtCenter(sut, await workstationOperator(sut, org), org);
      await search(other, { snils: citizen.snils });
    });

    it.each(['upgrade', 'confirmation', 'reconfirmation', 'recovery', 'deletion', 'add_child'] as const)(
      '%s: 404 workstation.account_not_searched, nothing changed',
      async (operation) => {
        await expectRefused(
          desk,
          registrar,
          operation,
          { id: citizen.id, citizen },
          404,
          'workstation.account_not_searched',
        );
      },
    );
  });

  describe('the sign-in', () => {
    const signInRefusals = async (accountId: string | null) =>
      db()
        .select()
        .from(auditLog)
        .where(eq(auditLog.event, 'workstation.sign_in_refused'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
        .then(([entry]) => {
          expect(entry.subjectId).toBe(accountId);
          return entry.data;
        });

    it('refuses a certificate without the organization’s ОГРН: 422 workstation.certificate_no_organization', async () => {
      const operator = await workstationOperator(sut, org);
      const person = operator.person;
      const certificate = await issueTestCertificate(sut, {
        subject: {
          lastName: person.personalData.lastName,
          firstName: person.personalData.firstName,
          middleName: person.personalData.middleName,
          snils: person.snils,
        },
      });
      const { login } = await workstationSignIn(sut, { person, certificate });
      expectError(login, 422, 'workstation.certificate_no_organization');
      expect(await signInRefusals(null)).toMatchObject({ reason: 'workstation.certificate_no_organization' });
    });

    it('refuses a certificate of an organization he does not work for: 403 workstation.not_operator', async () => {
      const other = await workstationOrganization(sut);
      const operator = await workstationOperator(sut, org, { certificateFor: other });
      const { login } = await workstationSignIn(sut, operator);
      expectError(login, 403, 'workstation.not_operator');
      expect(await signInRefusals(operator.person.id)).toMatchObject({
        reason: 'workstation.not_operator',
        organizationId: other.id,
      });
      const [entry] = await db()
        .select()
        .from(workstationJournal)
        .where(eq(workstationJournal.operatorAccountId, operator.person.id))
        .orderBy(desc(workstationJournal.seq))
        .limit(1);
      expect(entry).toMatchObject({
        action: 'sign_in_refused',
        outcome: 'refused',
        refusalCode: 'workstation.not_operator',
        organizationId: other.id,
      });
    });

    it('refuses an ОГРН nobody registered: 422 workstation.organization_unknown', async () => {
      const unknown = { ogrn: ogrnWithChecksum('102779999999'), inn: innLeWithChecksum('779999999') };
      const operator = await workstationOperator(sut, org, { certificateFor: unknown });
      const { login } = await workstationSignIn(sut, operator);
      expectError(login, 422, 'workstation.organization_unknown');
    });

    it('refuses an employee in no АРМ group: 403 workstation.not_operator', async () => {
      const operator = await workstationOperator(sut, org, { groups: [] });
      const { login } = await workstationSignIn(sut, operator);
      expectError(login, 403, 'workstation.not_operator');
    });

    it('refuses an organization without approvals: 403 workstation.organization_not_approved', async () => {
      const unapproved = await workstationOrganization(sut, { approvals: [] });
      const operator = await workstationOperator(sut, unapproved);
      const { login } = await workstationSignIn(sut, operator);
      expectError(login, 403, 'workstation.organization_not_approved');
    });

    it('refuses a certificate naming another person: 422 workstation.certificate_mismatch', async () => {
      const operator = await workstationOperator(sut, org);
      const person = operator.person;
      const certificate = await issueTestCertificate(sut, {
        subject: {
          lastName: 'Самозванцев',
          firstName: person.personalData.firstName,
          middleName: person.personalData.middleName,
          snils: person.snils,
          ogrn: org.ogrn,
          innLe: org.inn,
          organization: 'Государственное учреждение «Тестовый центр»',
          title: 'Специалист',
        },
      });
      const { login } = await workstationSignIn(sut, { person, certificate });
      expectError(login, 422, 'workstation.certificate_mismatch');
    });

    it('refuses a challenge signed twice: 409 signature.challenge_used', async () => {
      const operator = await workstationOperator(sut, org);
      const client = new TestClient(sut.app, '10.78.0.1');
      const challenge = await client.post('/api/ra/challenge');
      const signature = operator.certificate.sign(Buffer.from(challenge.body.dataToSign, 'base64'));
      const first = await client.post('/api/ra/login', {
        challengeId: challenge.body.challengeId,
        signature,
      });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const second = await new TestClient(sut.app, '10.78.0.2').post('/api/ra/login', {
        challengeId: challenge.body.challengeId,
        signature,
      });
      expectError(second, 409, 'signature.challenge_used');
    });

    it('asks for the center, then the terms, before any operation', async () => {
      const operator = await workstationOperator(sut, org);
      const { client, login } = await workstationSignIn(sut, operator);
      expect(login.status).toBe(200);
      const snils = { snils: uniqueSnils() };
      expectError(await client.post('/api/ra/search', snils), 409, 'workstation.center_required');
      expectError(await perform(client, 'registration', null, null), 409, 'workstation.center_required');
      expect((await client.post('/api/ra/center', { centerId: org.centerId })).status).toBe(200);
      expectError(await client.post('/api/ra/search', snils), 409, 'workstation.terms_required');
      expectError(await perform(client, 'registration', null, null), 409, 'workstation.terms_required');
      expect((await client.post('/api/ra/terms')).status).toBe(200);
      expect((await client.post('/api/ra/search', snils)).status).toBe(200);
    });

    it('refuses another organization’s center and a center he is not attached to', async () => {
      const other = await workstationOrganization(sut);
      const unattached = await workstationOperator(sut, org, { attach: false });
      const { client } = await workstationSignIn(sut, unattached);
      expectError(
        await client.post('/api/ra/center', { centerId: org.centerId }),
        409,
        'workstation.center_unavailable',
      );
      const { client: attached } = await workstationSignIn(sut, registrar);
      expectError(
        await attached.post('/api/ra/center', { centerId: other.centerId }),
        409,
        'workstation.center_unavailable',
      );
      expect((await attached.get('/api/ra/session')).body.session.center).toBeNull();
    });
  });

  describe('the search', () => {
    it('needs one whole criterion', async () => {
      expectError(await desk.post('/api/ra/search', {}), 400, 'workstation.search_too_few_criteria');
      const half = await desk.post('/api/ra/search', { lastName: 'Иванов' });
      expectError(half, 400, 'validation.failed');
      expect(half.body.error.fields.map((f: { code: string }) => f.code)).toContain('search.incomplete');
      const digits = uniqueSnils().replace(/\D/g, '');
      // the same number with another check sum: one number has one check sum
      const wrong = `${digits.slice(0, 9)}${String((Number(digits.slice(9)) + 1) % 100).padStart(2, '0')}`;
      const bad = await desk.post('/api/ra/search', { snils: wrong });
      expectError(bad, 400, 'validation.failed');
      expect(bad.body.error.fields).toEqual([{ path: 'snils', code: 'snils.checksum' }]);
    });
  });

  describe('a registration', () => {
    const register = (body: Record<string, unknown>) =>
      desk.post('/api/ra/registrations', {
        contacts: { phone: uniquePhone() },
        passwordDelivery: 'sms',
        ...signed,
        ...body,
      });

    async function expectNoAccount(snils: string, res: HttpResult, code: string) {
      expectError(res, 409, code);
      await expectJournaledRefusal(registrar, 'registration', code, null);
      const found = await desk.post('/api/ra/search', { snils });
      expect(found.body.results).toHaveLength(0);
    }

    it('refuses a person another account holds, by СНИЛС or by passport: 409 workstation.duplicate_person', async () => {
      const holder = await createStandardCitizen(sut, { email: uniqueEmail(), lastName: 'Держателев' });
      const sameSnils = validPersonalData({ lastName: 'Другов', snils: holder.personalData.snils });
      const before = await stateOf(holder.id);
      expectError(await register(sameSnils), 409, 'workstation.duplicate_person');
      await expectJournaledRefusal(registrar, 'registration', 'workstation.duplicate_person', null);
      const samePassport = validPersonalData({
        lastName: 'Другов',
        passport: {
          series: holder.personalData.passport.series,
          number: holder.personalData.passport.number,
        },
      });
      await expectNoAccount(samePassport.snils, await register(samePassport), 'workstation.duplicate_person');
      expect(await stateOf(holder.id)).toEqual(before);
    });

    it('asks for a reason when someone with the name and birth date exists, and registers with it', async () => {
      const namesake = await createStandardCitizen(sut, {
        email: uniqueEmail(),
        lastName: 'Тёзкин',
        firstName: 'Фома',
        personalData: { birthDate: '1985-07-07' },
      });
      const twin = validPersonalData({ lastName: 'Тёзкин', firstName: 'Фома', birthDate: '1985-07-07' });
      await expectNoAccount(twin.snils, await register(twin), 'workstation.similar_reason_required');
      const res = await register({ ...twin, similarReason: 'Другой человек: СНИЛС и паспорт другие' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.accountId).not.toBe(namesake.id);
    });

    it('refuses a phone another account has: 409 contact.taken', async () => {
      const phone = uniquePhone();
      await createSimplifiedCitizen(sut, { phone, lastName: 'Телефонов' });
      const person = validPersonalData({ lastName: 'Звонков' });
      await expectNoAccount(
        person.snils,
        await register({ ...person, contacts: { phone } }),
        'contact.taken',
      );
    });

    it('refuses SMS delivery without a phone: 400 with the field contacts.phone', async () => {
      const person = validPersonalData({ lastName: 'Бестелефонов' });
      const res = await register({ ...person, contacts: { email: uniqueEmail() }, passwordDelivery: 'sms' });
      expectError(res, 400, 'validation.failed');
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['contacts.phone']);
      expect((await desk.post('/api/ra/search', { snils: person.snils })).body.results).toHaveLength(0);
    });
  });

  describe('the temporary password', () => {
    it('locks every other citizen API until changed, and refuses the temporary one as the new', async () => {
      const phone = uniquePhone();
      const since = new Date(0);
      const res = await desk.post('/api/ra/registrations', {
        ...validPersonalData({ lastName: 'Временнов' }),
        contacts: { phone },
        passwordDelivery: 'sms',
        ...signed,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const sms = await waitForMessage(sut, phone, since, /временный пароль/);
      const temporary = /временный пароль (\S+)\./.exec(sms.body)![1];
      const citizen = new TestClient(sut.app, '10.79.0.1');
      expect((await citizen.post('/api/login', { login: phone, password: temporary })).status).toBe(200);
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['GET', '/api/me/personal-data'],
        ['GET', '/api/me/children'],
        ['GET', '/api/me/organizations'],
      ] as const) {
        const locked = await citizen.request(method, path);
        expect(locked.status, path).toBe(403);
        expect(locked.body.error.code, path).toBe('auth.password_change_required');
      }
      const same = await citizen.post('/api/auth/temporary-password', {
        password: temporary,
        passwordRepeat: temporary,
      });
      expectError(same, 400, 'validation.failed');
      expect(same.body.error.fields).toEqual([{ path: 'password', code: 'password.same_as_temporary' }]);
      expect((await citizen.get('/api/me')).body.error.code).toBe('auth.password_change_required');
    });
  });
});

describe('the operator workstation in time', () => {
  let sut: TestSystem;
  const clock = new ManualClock();
  let org: WorkstationOrg;
  let registrar: TestOperator;

  beforeAll(async () => {
    sut = await startTestSystem({ clock });
    org = await workstationOrganization(sut);
    registrar = await workstationOperator(sut, org);
  });
  afterAll(async () => sut?.stop());

  it('prints the receipt for half an hour, and only at the center of the operation', async () => {
    const desk = await workstationAtCenter(sut, registrar, org);
    const registered = await desk.post('/api/ra/registrations', {
      ...validPersonalData({ lastName: 'Распискин' }),
      contacts: { email: uniqueEmail() },
      passwordDelivery: 'print',
      ...signed,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const receipt = `/api/ra/operations/${registered.body.operationId}/documents/receipt`;
    expect((await desk.request('GET', receipt)).status).toBe(200);

    const other = await workstationOrganization(sut);
    const stranger = await workstationAtCenter(sut, await workstationOperator(sut, other), other);
    expectError(
      await stranger.get(`/api/ra/operations/${registered.body.operationId}`),
      404,
      'workstation.operation_not_found',
    );
    expectError(await stranger.request('GET', receipt), 404, 'workstation.operation_not_found');

    // the desk stays in use (the session is idle for 15 minutes at most)
    clock.advance(14 * 60_000);
    expect((await desk.request('GET', receipt)).status).toBe(200);
    clock.advance(14 * 60_000);
    expect((await desk.get('/api/ra/session')).body.session).not.toBeNull();
    clock.advance(2 * 60_000 + 1000);
    expectError(await desk.request('GET', receipt), 410, 'workstation.receipt_unavailable');
    // the application and the consent stay
    expect(
      (await desk.request('GET', `/api/ra/operations/${registered.body.operationId}/documents/consent`))
        .status,
    ).toBe(200);
    const operation = await desk.get(`/api/ra/operations/${registered.body.operationId}`);
    expect(operation.body.documents).toEqual(['application', 'consent']);
  });

  it('ends an idle session after 15 minutes', async () => {
    const desk = await workstationAtCenter(sut, registrar, org);
    clock.advance(14 * 60_000);
    expect((await desk.get('/api/ra/session')).body.session).not.toBeNull();
    clock.advance(15 * 60_000 + 1000);
    const session = await desk.get('/api/ra/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ session: null });
    expectError(await desk.post('/api/ra/search', { snils: uniqueSnils() }), 401, 'auth.required');
    expectError(
      await desk.post('/api/ra/registrations', {
        ...validPersonalData({ lastName: 'Поздний' }),
        contacts: { phone: uniquePhone() },
        passwordDelivery: 'sms',
        ...signed,
      }),
      401,
      'auth.required',
    );
  });
});
