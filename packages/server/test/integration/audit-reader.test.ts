import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditActor } from '../../src/audit/events.js';
import { appendAudit, uncheckedAuditAppendCall, type AuditEntry } from '../../src/audit/log.js';
import { readAuditLog } from '../../src/audit/reader.js';
import type { Actor } from '../../src/domain/policy/actor.js';
import { newId } from '../../src/lib/crypto.js';
import { createFederalOperator } from '../support/factories.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(() => system.stop());

const day = (n: number) => new Date(Date.UTC(2031, 0, n, 12));
const append = (entry: AuditEntry, at: Date) =>
  system.database.db.transaction((tx) => appendAudit(tx, entry, at));
const appendUnchecked = (entry: AuditEntry, at: Date) =>
  system.database.db.execute(sql`select ${uncheckedAuditAppendCall(entry, at)}`);

describe('reading the audit journal', () => {
  const citizenId = newId();
  const orgId = newId();
  const region = `r-${newId().slice(0, 8)}`;
  const member: Actor = {
    kind: 'organization_member',
    personId: newId(),
    organizationId: orgId,
    roles: ['employee'],
    groups: [],
  };
  const regional: Actor = { kind: 'regional_operator', accountId: newId(), regionCode: region };
  const federal: Actor = { kind: 'federal_operator', accountId: newId() };

  beforeAll(async () => {
    for (let i = 1; i <= 5; i++)
      await append(
        {
          event: 'citizen.login_succeeded',
          actorType: 'citizen',
          actorId: citizenId,
          subjectId: citizenId,
          data: { method: 'password', loginKind: 'phone' },
        },
        day(i),
      );
    await append(
      {
        event: 'citizen.confirmed',
        ...auditActor(member),
        subjectId: citizenId,
        data: { method: 'service_center' },
      },
      day(6),
    );
    await append(
      {
        event: 'citizen.confirmed',
        ...auditActor(regional),
        subjectId: citizenId,
        data: { method: 'service_center' },
      },
      day(7),
    );
    await append(
      { event: 'trust.list_imported', ...auditActor(federal), data: { added: 3, skipped: 1 } },
      day(8),
    );
    // data no schema describes (as an older version of the event wrote it): read, and marked
    await appendUnchecked(
      {
        event: 'citizen.logged_out',
        actorType: 'citizen',
        actorId: citizenId,
        data: { extra: 1 },
      } as unknown as AuditEntry,
      day(9),
    );
  });

  it('pages through one actor’s entries of one event type, newest first', async () => {
    const filter = { actorId: citizenId, events: ['citizen.login_succeeded' as const] };

    const first = await readAuditLog(system.database.db, filter, { limit: 2 });
    const second = await readAuditLog(system.database.db, filter, { limit: 2, before: first.next! });
    const third = await readAuditLog(system.database.db, filter, { limit: 2, before: second.next! });

    const days = [first, second, third].flatMap((p) => p.entries.map((e) => e.at.getUTCDate()));
    expect(days).toEqual([5, 4, 3, 2, 1]);
    expect(third.next).toBeNull();
    expect(first.entries[0]).toMatchObject({
      event: 'citizen.login_succeeded',
      data: { method: 'password', loginKind: 'phone' },
      undescribed: false,
    });
  });

  it('filters by period: from inclusive, to exclusive', async () => {
    const sut = await readAuditLog(system.database.db, { actorId: citizenId, from: day(2), to: day(4) });
    expect(sut.entries.map((e) => e.at.getUTCDate())).toEqual([3, 2]);
  });

  it('finds what was done for an organization or a region, with who did it', async () => {
    const forOrg = await readAuditLog(system.database.db, { organizationId: orgId });
    const forRegion = await readAuditLog(system.database.db, { regionCode: region });

    expect(forOrg.entries).toHaveLength(1);
    expect(forOrg.entries[0]).toMatchObject({
      event: 'citizen.confirmed',
      actorType: 'organization_member',
      actorId: (member as { personId: string }).personId,
      actingFor: { organizationId: orgId },
      data: { method: 'service_center' },
      undescribed: false,
    });
    expect(forRegion.entries).toHaveLength(1);
    expect(forRegion.entries[0]).toMatchObject({
      actorType: 'regional_operator',
      actingFor: { regionCode: region },
    });
  });

  it('filters by actor type and records the federal operator as operator', async () => {
    const sut = await readAuditLog(system.database.db, {
      actorType: 'operator',
      actorId: (federal as { accountId: string }).accountId,
    });
    expect(sut.entries).toHaveLength(1);
    expect(sut.entries[0]).toMatchObject({ event: 'trust.list_imported', data: { added: 3, skipped: 1 } });
  });

  it('shows an entry its schema does not describe, marked, never hidden', async () => {
    const sut = await readAuditLog(system.database.db, {
      actorId: citizenId,
      events: ['citizen.logged_out'],
    });
    expect(sut.entries).toEqual([
      expect.objectContaining({ event: 'citizen.logged_out', data: { extra: 1 }, undescribed: true }),
    ]);
  });

  it('answers an empty list of event types with no entries', async () => {
    expect((await readAuditLog(system.database.db, { events: [] })).entries).toEqual([]);
  });

  it('describes every entry the application writes on a citizen’s way to confirmed and an operator role', async () => {
    // Registration, sign-in, personal data and its checks, confirmation, the role grant: each
    // entry they wrote parses with its event's schema.
    const operator = await createFederalOperator(system);

    const sut = await readAuditLog(system.database.db, { subjectId: operator.id }, { limit: 500 });

    expect(sut.entries.length).toBeGreaterThan(3);
    expect(sut.entries.filter((e) => e.undescribed)).toEqual([]);
  });
});
