import { randomUUID } from 'node:crypto';
import { simulatedTaxRegister, type ApplicationContent } from '@openesia/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findApplicationOfOrganizationForUpdate,
  insertApplicationEvent,
  insertApplicationIfNoneLive,
  listApplicationEvents,
  listApplicationsOfOrganization,
  listFederalQueue,
  listRegionalQueue,
  updateApplicationIf,
} from '../../src/repositories/application/applications.js';
import { insertOrganization } from '../../src/repositories/organization/organizations.js';
import { createSimplifiedCitizen } from '../support/factories.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The applications' repositories on a real database (PGlite, and PostgreSQL in CI): one live
 * application of a form per organization, a move of the route that a concurrent one cannot undo,
 * queues by region and by page, and a history the database will not let anyone rewrite.
 */
describe('application repositories', () => {
  let sut: TestSystem;
  const db = () => sut.database.db;
  const now = new Date('2026-12-03T10:00:00Z');
  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => sut?.stop());

  /** `status: 'rejected'` lets a test have many organizations of one register record. */
  async function organization(
    registeredBy: string,
    index: number,
    regionCode: string,
    status: 'registered' | 'rejected' = 'registered',
  ) {
    const record = simulatedTaxRegister[index];
    const id = randomUUID();
    await insertOrganization(db(), {
      id,
      ogrn: record.ogrn,
      inn: record.inn,
      fullName: record.fullName,
      shortName: record.shortName,
      type: 'mfc',
      regionCode,
      legalAddress: 'г. Вологда, ул. Мира, д. 1',
      postalAddress: 'г. Вологда, ул. Мира, д. 1',
      phone: '+7 8172 00-00-00',
      email: 'mfc@example.ru',
      headLastName: record.head.lastName,
      headFirstName: record.head.firstName,
      certificateFingerprint: 'cd'.repeat(32),
      registeredBy,
      status,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }

  const content = (ogrn: string): Partial<ApplicationContent> => ({ ogrn, organizationType: 'mfc' });

  async function draft(
    organizationId: string,
    createdBy: string,
    form: 'form_z' | 'form_i',
    regionCode = '35',
  ) {
    return insertApplicationIfNoneLive(db(), {
      id: randomUUID(),
      organizationId,
      form,
      status: 'draft',
      regionCode,
      content: content(simulatedTaxRegister[0].ogrn),
      createdBy,
      createdAt: now,
      updatedAt: now,
    });
  }

  it('keeps one live application of a form per organization; a decided one does not block a new one', async () => {
    const head = await createSimplifiedCitizen(sut);
    const org = await organization(head.id, 0, '35');
    const first = await draft(org, head.id, 'form_z');
    expect(first).toBeDefined();
    expect(await draft(org, head.id, 'form_z')).toBeUndefined();
    // Форма И is another form: its draft may live beside Форма З's.
    expect(await draft(org, head.id, 'form_i')).toBeDefined();

    let row = first!;
    for (const [status, at] of [
      ['submitted', { submittedAt: now }],
      ['forwarded', { forwardedAt: now }],
      ['rejected', { decidedAt: now, rejectionReason: 'Неполные сведения' }],
    ] as const) {
      row = (await updateApplicationIf(db(), row.id, row, { status, updatedAt: now, ...at }))!;
      expect(row.status).toBe(status);
    }
    expect(row.revision).toBe(3);
    const second = await draft(org, head.id, 'form_z');
    expect(second).toBeDefined();
    expect((await listApplicationsOfOrganization(db(), org)).map((a) => a.form).sort()).toEqual([
      'form_i',
      'form_z',
      'form_z',
    ]);
  });

  it('lets only one of two concurrent moves win, and refuses an edit made on a stale revision', async () => {
    const head = await createSimplifiedCitizen(sut);
    const org = await organization(head.id, 1, '41');
    const row = (await draft(org, head.id, 'form_z', '41'))!;
    const submitted = (await updateApplicationIf(db(), row.id, row, {
      status: 'submitted',
      submittedAt: now,
      updatedAt: now,
    }))!;
    const [forward, giveBack] = await Promise.all([
      updateApplicationIf(db(), row.id, submitted, { status: 'forwarded', forwardedAt: now, updatedAt: now }),
      updateApplicationIf(db(), row.id, submitted, {
        status: 'returned',
        remarks: 'Нет подписи',
        updatedAt: now,
      }),
    ]);
    expect([forward, giveBack].filter(Boolean)).toHaveLength(1);
    // The page still shows the draft's revision: its edit is refused, nothing is written over.
    expect(await updateApplicationIf(db(), row.id, row, { content: {}, updatedAt: now })).toBeUndefined();
    const locked = await findApplicationOfOrganizationForUpdate(db(), org, row.id);
    expect(locked?.revision).toBe(2);
  });

  it('does not find another organization’s application by its id', async () => {
    const head = await createSimplifiedCitizen(sut);
    const mine = await organization(head.id, 2, '35');
    const theirs = await organization(head.id, 3, '35');
    const row = (await draft(theirs, head.id, 'form_z'))!;
    expect(await findApplicationOfOrganizationForUpdate(db(), mine, row.id)).toBeUndefined();
    expect(await findApplicationOfOrganizationForUpdate(db(), theirs, row.id)).toMatchObject({ id: row.id });
  });

  it('lists the queues by region and by pages, oldest first, without skipping rows that share a time', async () => {
    const head = await createSimplifiedCitizen(sut);
    const region = '77';
    const ids: string[] = [];
    // Five organizations' submissions in one region, two of them at the same instant.
    for (let i = 0; i < 5; i++) {
      const org = await organization(head.id, 4, region, 'rejected');
      const id = randomUUID();
      ids.push(id);
      await insertApplicationIfNoneLive(db(), {
        id,
        organizationId: org,
        form: 'form_z',
        status: 'submitted',
        regionCode: region,
        content: {},
        createdBy: head.id,
        createdAt: now,
        updatedAt: now,
        submittedAt: new Date(now.getTime() + Math.min(i, 3) * 1000),
      });
    }
    const pages: string[] = [];
    let page = await listRegionalQueue(db(), region, 2);
    while (page.length) {
      pages.push(...page.map((r) => r.id));
      const last = page.at(-1)!;
      page = await listRegionalQueue(db(), region, 2, { at: last.submittedAt!, id: last.id });
    }
    expect(pages).toHaveLength(5);
    expect(new Set(pages)).toEqual(new Set(ids));
    expect(await listRegionalQueue(db(), '78', 10)).toEqual([]);

    const forwarded = await listRegionalQueue(db(), region, 1);
    const moved = await updateApplicationIf(db(), forwarded[0].id, forwarded[0], {
      status: 'forwarded',
      forwardedAt: now,
      updatedAt: now,
    });
    expect((await listFederalQueue(db(), 100)).map((r) => r.id)).toContain(moved!.id);
    expect((await listRegionalQueue(db(), region, 10)).map((r) => r.id)).not.toContain(moved!.id);
  });

  it('keeps an application’s history append-only', async () => {
    const head = await createSimplifiedCitizen(sut);
    const org = await organization(head.id, 4, '35', 'rejected');
    const row = (await draft(org, head.id, 'form_z'))!;
    await insertApplicationEvent(db(), {
      id: randomUUID(),
      applicationId: row.id,
      event: 'submit',
      fromStatus: 'draft',
      toStatus: 'submitted',
      actorAccountId: head.id,
      at: now,
    });
    expect(await listApplicationEvents(db(), row.id)).toHaveLength(1);
    // drizzle wraps the database's refusal: its message is the cause's.
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => 'accepted',
        (err: { cause?: { message?: string }; message?: string }) =>
          String(err.cause?.message ?? err.message),
      );
    expect(
      await refusal(
        db().execute(
          sql`update organization_application_events set comment = 'x' where application_id = ${row.id}`,
        ),
      ),
    ).toMatch(/append-only/);
    expect(
      await refusal(
        db().execute(sql`delete from organization_application_events where application_id = ${row.id}`),
      ),
    ).toMatch(/append-only/);
    expect(await listApplicationEvents(db(), row.id)).toMatchObject([{ event: 'submit', comment: null }]);
  });
});
