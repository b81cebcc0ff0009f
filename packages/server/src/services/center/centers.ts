import {
  centerCreateSchema,
  centerUpdateSchema,
  type AccessGroup,
  type CenterEvent,
  type CenterFields,
  type CenterList,
  type CenterOperator,
  type CenterService as CenterServiceName,
  type CenterView,
  type GeocodeResult,
  type OperatorCandidate,
  type RegionCode,
} from '@openesia/contracts';
import type { z } from 'zod';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  addressKey,
  assertMayBecome,
  missingForActivation,
  REGION_TOLERANCE_KM,
  servicesNotAllowed,
} from '../../domain/center/center.js';
import { hoursColumns } from '../../domain/center/hours.js';
import { groupsInEffect, type OrganizationStanding } from '../../domain/organization/access-groups.js';
import { allowedServices } from '../../domain/organization/approvals.js';
import { countOperationsByCenter } from '../../repositories/workstation/journal.js';
import type { Actor, OrganizationMemberActor } from '../../domain/policy/actor.js';
import type { GeocoderPort } from '../../integrations/geocoder/port.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import {
  ARM_GROUPS,
  attachOperator,
  detachOperator,
  findCenter,
  insertCenter,
  insertCenterEvent,
  listArmGroupMembers,
  listAttachedOperators,
  listCenterEvents,
  listCenters,
  touchCenter,
  updateCenterAtRevision,
  type CenterInsert,
  type CenterRow,
} from '../../repositories/center/centers.js';
import { findOrganizationStanding, listAccountNames } from '../../repositories/organization/directory.js';
import { findOrganization } from '../../repositories/organization/organizations.js';
import { actingMember } from '../organization/members.js';
import type { RequestMeta } from '../platform/sessions.js';
import type { Geography } from '../../lib/geography.js';
import { qualityOf } from './quality.js';

type CenterCreateInput = z.output<typeof centerCreateSchema>;
type CenterUpdateInput = z.output<typeof centerUpdateSchema>;

/** The fields a save compares to name what changed in the history («Сведения изменены: …»). */
const TRACKED_FIELDS = [
  'name',
  'regionCode',
  'address',
  'location',
  'timeZone',
  'hours',
  'phone',
  'email',
  'directions',
  'accessibility',
  'services',
] as const satisfies readonly (keyof CenterFields)[];

interface Deps {
  db: Db;
  clock: Clock;
  geo: Geography;
  geocoder: GeocoderPort;
}

const personName = (n: { lastName: string; firstName: string; middleName: string | null }) =>
  [n.lastName, n.firstName, n.middleName].filter(Boolean).join(' ');

/**
 * «Центры обслуживания» on the technological portal (issue 11, items 1-2; seed 000, section 5;
 * seed 002, steps 6, 7 and 10), for members of the group «Технологический портал» acting for their
 * organization: add a center (saved «Недействующий», as a draft may be), edit it, make it
 * «Действующий» when its data is complete and an operator is attached, attach and detach operators
 * of the АРМ groups. Every change is one transaction with its event in the center's history and an
 * audit entry in the organization's journal.
 */
export class CentersService {
  constructor(private readonly deps: Deps) {}

  async list(actor: Actor): Promise<CenterList> {
    const member = actingMember(actor, 'center.read');
    const { db, geo } = this.deps;
    const [standing, organization, rows] = await Promise.all([
      this.standing(db, member.organizationId),
      findOrganization(db, member.organizationId),
      listCenters(db, member.organizationId),
    ]);
    const quality = await qualityOf(db, geo, rows);
    return {
      centers: rows.map((c) => ({
        id: c.id,
        name: c.name,
        regionCode: c.regionCode,
        address: c.address,
        status: c.status,
        services: c.services,
        operatorCount: c.operatorCount,
        quality: quality.get(c.id) ?? [],
        updatedAt: c.updatedAt.toISOString(),
      })),
      allowedServices: [...allowedServices(standing)],
      organizationRegionCode: organization!.regionCode,
    };
  }

  async get(actor: Actor, centerId: string): Promise<CenterView> {
    const member = actingMember(actor, 'center.read');
    const center = await findCenter(this.deps.db, member.organizationId, centerId);
    if (!center) throw new AppError('center.not_found');
    return this.view(this.deps.db, center);
  }

  async create(actor: Actor, input: CenterCreateInput, meta: RequestMeta): Promise<CenterView> {
    const member = actingMember(actor, 'center.manage');
    const { db, clock } = this.deps;
    const now = clock.now();
    const id = newId();
    const names = await listAccountNames(db, [member.personId]);
    const created = await db.transaction(async (tx) => {
      const standing = await this.standing(tx, member.organizationId);
      const fields = this.checkFields(input, standing, []);
      await insertCenter(tx, {
        id,
        organizationId: member.organizationId,
        ...this.columns(fields, now),
        status: 'inactive',
        revision: 0,
        createdAt: now,
        createdBy: member.personId,
        updatedAt: now,
      });
      await this.record(tx, member, names, id, now, {
        kind: 'created',
        changedFields: TRACKED_FIELDS.filter((f) => hasValue(fields[f])),
      });
      await appendAudit(
        tx,
        {
          event: 'center.created',
          ...auditActor(actor),
          subjectId: member.organizationId,
          ip: meta.ip,
          data: { centerId: id, name: fields.name, regionCode: fields.regionCode },
        },
        now,
      );
      return (await findCenter(tx, member.organizationId, id))!;
    });
    return this.view(db, created);
  }

  /**
   * «Редактировать»: the whole center as edited, at the revision the page read. «Действующий» is
   * refused with what is missing; «Недействующий» takes the center off the map at once (the map
   * reads the status on each request).
   */
  async update(
    actor: Actor,
    centerId: string,
    input: CenterUpdateInput,
    meta: RequestMeta,
  ): Promise<CenterView> {
    const member = actingMember(actor, 'center.manage');
    const { db, clock } = this.deps;
    const now = clock.now();
    const names = await listAccountNames(db, [member.personId]);
    const updated = await db.transaction(async (tx) => {
      const center = await findCenter(tx, member.organizationId, centerId, { forUpdate: true });
      if (!center) throw new AppError('center.not_found');
      if (center.revision !== input.revision) throw new AppError('center.stale');
      const standing = await this.standing(tx, member.organizationId);
      const fields = this.checkFields(input, standing, center.services);
      const withAccess = await this.operatorsWithAccess(tx, center, standing);
      const missing = missingForActivation(
        fields,
        withAccess.filter((o) => o.hasAccess).length,
        allowedServices(standing),
      );
      // Becoming «Действующий» needs an operator; a center already active keeps its status when
      // its operators lose access (the page says so), but its data cannot be emptied.
      assertMayBecome(
        input.status,
        center.status === 'active' ? missing.filter((m) => m !== 'operators') : missing,
      );

      const before = fieldsOf(center);
      const changedFields = TRACKED_FIELDS.filter((f) => !sameValue(before[f], fields[f]));
      const statusChanged = center.status !== input.status;
      if (!changedFields.length && !statusChanged) return center;
      if (
        !(await updateCenterAtRevision(tx, center.id, center.revision, {
          ...this.columns(fields, now),
          status: input.status,
          updatedAt: now,
        }))
      )
        throw new AppError('center.stale');
      if (changedFields.length)
        await this.record(tx, member, names, center.id, now, { kind: 'updated', changedFields });
      if (statusChanged)
        await this.record(tx, member, names, center.id, now, {
          kind: input.status === 'active' ? 'activated' : 'deactivated',
        });
      await appendAudit(
        tx,
        {
          event: 'center.updated',
          ...auditActor(actor),
          subjectId: member.organizationId,
          ip: meta.ip,
          data: {
            centerId: center.id,
            name: fields.name,
            fields: changedFields,
            ...(statusChanged ? { status: input.status } : {}),
          },
        },
        now,
      );
      return (await findCenter(tx, member.organizationId, center.id))!;
    });
    return this.view(db, updated);
  }

  async history(actor: Actor, centerId: string): Promise<{ events: CenterEvent[] }> {
    const member = actingMember(actor, 'center.read');
    const { db } = this.deps;
    if (!(await findCenter(db, member.organizationId, centerId))) throw new AppError('center.not_found');
    const events = await listCenterEvents(db, centerId);
    return {
      events: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        kind: e.kind,
        actor: e.actorName,
        changedFields: e.changedFields,
        operatorName: e.operatorName,
      })),
    };
  }

  /** The employees who may be attached: in an АРМ group open now, not attached to this center. */
  async operatorCandidates(actor: Actor, centerId: string): Promise<{ candidates: OperatorCandidate[] }> {
    const member = actingMember(actor, 'center.read');
    const { db } = this.deps;
    const center = await findCenter(db, member.organizationId, centerId);
    if (!center) throw new AppError('center.not_found');
    const [standing, members, attached] = await Promise.all([
      this.standing(db, member.organizationId),
      listArmGroupMembers(db, member.organizationId),
      listAttachedOperators(db, centerId),
    ]);
    const attachedIds = new Set(attached.map((o) => o.accountId));
    const candidates: OperatorCandidate[] = [];
    for (const [accountId, m] of members) {
      const groups = armGroupsInEffect(m.groups, standing);
      if (groups.length && !attachedIds.has(accountId))
        candidates.push({
          accountId,
          name: { lastName: m.lastName, firstName: m.firstName, middleName: m.middleName },
          groups,
        });
    }
    return { candidates };
  }

  /** Seed 002, step 7: «Прикрепить сотрудников к Центру обслуживания». */
  async attachOperator(
    actor: Actor,
    centerId: string,
    accountId: string,
    meta: RequestMeta,
  ): Promise<CenterView> {
    const member = actingMember(actor, 'center.manage');
    const { db, clock } = this.deps;
    const now = clock.now();
    const names = await listAccountNames(db, [member.personId, accountId]);
    const center = await db.transaction(async (tx) => {
      const center = await findCenter(tx, member.organizationId, centerId, { forUpdate: true });
      if (!center) throw new AppError('center.not_found');
      const standing = await this.standing(tx, member.organizationId);
      const person = (await listArmGroupMembers(tx, member.organizationId, [accountId])).get(accountId);
      // Not an employee, or in no АРМ group open now: the same refusal, naming nobody.
      if (!person || !armGroupsInEffect(person.groups, standing).length)
        throw new AppError('center.operator_not_eligible');
      if (!(await attachOperator(tx, { centerId, accountId, attachedAt: now, attachedBy: member.personId })))
        throw new AppError('center.operator_already_attached');
      await touchCenter(tx, centerId, now);
      await this.record(tx, member, names, centerId, now, {
        kind: 'operator_attached',
        operatorAccountId: accountId,
        operatorName: personName(person),
      });
      await appendAudit(
        tx,
        {
          event: 'center.operator_attached',
          ...auditActor(actor),
          subjectId: member.organizationId,
          ip: meta.ip,
          data: { centerId, name: center.name, accountId },
        },
        now,
      );
      return (await findCenter(tx, member.organizationId, centerId))!;
    });
    return this.view(db, center);
  }

  /**
   * «Открепить»: the operator's access at this center ends with the request. An active center left
   * without operators stays «Действующий» (the officer decides); the page says it needs one.
   */
  async detachOperator(
    actor: Actor,
    centerId: string,
    accountId: string,
    meta: RequestMeta,
  ): Promise<CenterView> {
    const member = actingMember(actor, 'center.manage');
    const { db, clock } = this.deps;
    const now = clock.now();
    const names = await listAccountNames(db, [member.personId, accountId]);
    const center = await db.transaction(async (tx) => {
      const center = await findCenter(tx, member.organizationId, centerId, { forUpdate: true });
      if (!center) throw new AppError('center.not_found');
      if (!(await detachOperator(tx, centerId, accountId)))
        throw new AppError('center.operator_not_attached');
      await touchCenter(tx, centerId, now);
      const operator = names.get(accountId);
      await this.record(tx, member, names, centerId, now, {
        kind: 'operator_detached',
        operatorAccountId: accountId,
        operatorName: operator ? personName(operator) : null,
      });
      await appendAudit(
        tx,
        {
          event: 'center.operator_detached',
          ...auditActor(actor),
          subjectId: member.organizationId,
          ip: meta.ip,
          data: { centerId, name: center.name, accountId },
        },
        now,
      );
      return (await findCenter(tx, member.organizationId, centerId))!;
    });
    return this.view(db, center);
  }

  /** «Найти по адресу»: the geocoder's candidates, those of the region first. */
  async geocode(
    actor: Actor,
    query: { q: string; regionCode?: RegionCode },
  ): Promise<{ results: GeocodeResult[] }> {
    actingMember(actor, 'center.manage');
    const results = await this.deps.geocoder.search(query.q, query.regionCode);
    return {
      results: [...results].sort(
        (a, b) => Number(b.regionCode === query.regionCode) - Number(a.regionCode === query.regionCode),
      ),
    };
  }

  // ---- internals ----

  private async standing(db: DbOrTx, organizationId: string): Promise<OrganizationStanding> {
    const standing = await findOrganizationStanding(db, organizationId);
    if (!standing) throw new AppError('organization.not_found');
    return standing;
  }

  /**
   * The checks of a save the schema cannot make: the zone is one of the region's, the point is in
   * Russia and in (or within REGION_TOLERANCE_KM of) the region, and no service is newly ticked
   * that the approvals do not allow (those kept from before stay: the map shows only the allowed).
   */
  private checkFields(
    input: CenterCreateInput,
    standing: OrganizationStanding,
    servicesBefore: readonly CenterServiceName[],
  ): CenterFields & { timeZone: string } {
    const { geo } = this.deps;
    const zones = geo.timeZonesOf(input.regionCode);
    const timeZone = input.timeZone || zones[0];
    const fields: { path: string; code: string }[] = [];
    if (!zones.includes(timeZone)) fields.push({ path: 'timeZone', code: 'center.time_zone_invalid' });
    if (input.location) {
      const { lat, lon } = input.location;
      if (!geo.isInRussia(lat, lon, REGION_TOLERANCE_KM))
        fields.push({ path: 'location', code: 'location.outside_russia' });
      else if (!geo.isInRegion(input.regionCode, lat, lon, REGION_TOLERANCE_KM))
        fields.push({ path: 'location', code: 'location.outside_region' });
    }
    const added = input.services.filter((s) => !servicesBefore.includes(s));
    for (const service of servicesNotAllowed(added, allowedServices(standing)))
      fields.push({
        path: `services.${input.services.indexOf(service)}`,
        code: 'center.service_not_allowed',
      });
    if (fields.length) throw new AppError('validation.failed', { fields });
    return { ...input, timeZone };
  }

  /** The columns of the fields, with the hours also as the ranges the map's «Открыто сейчас» tests. */
  private columns(fields: CenterFields & { timeZone: string }, now: Date) {
    return {
      name: fields.name,
      regionCode: fields.regionCode,
      address: fields.address,
      addressKey: addressKey(fields.address),
      lat: fields.location?.lat ?? null,
      lon: fields.location?.lon ?? null,
      timeZone: fields.timeZone,
      hours: fields.hours,
      ...hoursColumns(fields.hours, fields.timeZone, now),
      phone: fields.phone ?? null,
      email: fields.email ?? null,
      directions: fields.directions ?? null,
      accessibility: fields.accessibility,
      services: fields.services,
    } satisfies Partial<CenterInsert>;
  }

  private async operatorsWithAccess(
    db: DbOrTx,
    center: CenterRow,
    standing: OrganizationStanding,
    operations?: Map<string, number>,
  ): Promise<CenterOperator[]> {
    const attached = await listAttachedOperators(db, center.id);
    const groups = await listArmGroupMembers(
      db,
      center.organizationId,
      attached.map((o) => o.accountId),
    );
    return attached.map((o) => {
      const inEffect = o.employee ? armGroupsInEffect(groups.get(o.accountId)?.groups ?? [], standing) : [];
      return {
        accountId: o.accountId,
        name: { lastName: o.lastName, firstName: o.firstName, middleName: o.middleName },
        attachedAt: o.attachedAt.toISOString(),
        groups: inEffect,
        hasAccess: inEffect.length > 0,
        operations30d: operations?.get(o.accountId) ?? 0,
      };
    });
  }

  private async view(db: DbOrTx, center: CenterRow): Promise<CenterView> {
    const standing = await findOrganizationStanding(db, center.organizationId);
    if (!standing) throw new AppError('organization.not_found');
    // The workstation's operations at this center (its journal), joined to the portal's page.
    const since = new Date(this.deps.clock.now().getTime() - 30 * 86_400_000);
    const done = (await countOperationsByCenter(db, [center.id], since)).get(center.id);
    const [operators, quality] = await Promise.all([
      this.operatorsWithAccess(db, center, standing, done?.byOperator),
      qualityOf(db, this.deps.geo, [center]),
    ]);
    const allowed = allowedServices(standing);
    const fields = fieldsOf(center);
    const missing = missingForActivation(fields, operators.filter((o) => o.hasAccess).length, allowed);
    return {
      id: center.id,
      organizationId: center.organizationId,
      organizationShortName: standing.shortName,
      ...fields,
      phone: center.phone,
      email: center.email,
      directions: center.directions,
      status: center.status,
      revision: center.revision,
      createdAt: center.createdAt.toISOString(),
      updatedAt: center.updatedAt.toISOString(),
      operators,
      operations30d: done?.operations ?? 0,
      quality: quality.get(center.id) ?? [],
      allowedServices: [...allowed],
      missingForActivation: missing,
    };
  }

  private async record(
    tx: DbOrTx,
    member: OrganizationMemberActor,
    names: Map<string, { lastName: string; firstName: string; middleName: string | null }>,
    centerId: string,
    at: Date,
    event: {
      kind: 'created' | 'updated' | 'activated' | 'deactivated' | 'operator_attached' | 'operator_detached';
      changedFields?: string[];
      operatorAccountId?: string;
      operatorName?: string | null;
    },
  ): Promise<void> {
    const actor = names.get(member.personId);
    await insertCenterEvent(tx, {
      id: newId(),
      centerId,
      at,
      kind: event.kind,
      actorAccountId: member.personId,
      actorName: actor ? personName(actor) : 'Сотрудник организации',
      changedFields: event.changedFields ?? [],
      operatorAccountId: event.operatorAccountId ?? null,
      operatorName: event.operatorName ?? null,
    });
  }
}

/** The АРМ groups of an employee that are open now (a blocked organization's are none). */
function armGroupsInEffect(groups: readonly AccessGroup[], standing: OrganizationStanding): AccessGroup[] {
  return groupsInEffect(groups, standing).filter((g) => ARM_GROUPS.includes(g));
}

function fieldsOf(center: CenterRow): CenterFields & { timeZone: string } {
  return {
    name: center.name,
    regionCode: center.regionCode as RegionCode,
    address: center.address,
    location: center.lat !== null && center.lon !== null ? { lat: center.lat, lon: center.lon } : null,
    timeZone: center.timeZone,
    hours: center.hours,
    phone: center.phone ?? undefined,
    email: center.email ?? undefined,
    directions: center.directions ?? undefined,
    accessibility: center.accessibility,
    services: center.services,
  };
}

function hasValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** A value as JSON with object keys sorted: jsonb gives the hours back in its own key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([x], [y]) => (x < y ? -1 : 1)),
        )
      : value,
  );
}

/** Equal as stored: services and features compared as sets, the rest by value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].every((x) => typeof x === 'string'))
    return a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
  return canonical(a) === canonical(b);
}
