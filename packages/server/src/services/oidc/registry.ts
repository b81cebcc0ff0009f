import { createPublicKey, type JsonWebKey } from 'node:crypto';
import type {
  blockSystemSchema,
  federalSystemsQuerySchema,
  oidcSystemRegisterSchema,
  OidcSystemList,
  OidcSystemRegistered,
  OidcSystemView,
} from '@openesia/contracts';
import type { z } from 'zod';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { nextSystemStatus, type SystemDecision } from '../../domain/oidc/system-status.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { updateOidcClient } from '../../repositories/oidc/clients.js';
import {
  findRegistrySystem,
  listOrganizationSystems,
  listRegistryPage,
  type RegistryRow,
} from '../../repositories/oidc/registry.js';
import { actingMember } from '../organization/members.js';
import type { RequestMeta } from '../platform/sessions.js';
import type { OidcClientService } from './clients.js';

type RegisterInput = z.output<typeof oidcSystemRegisterSchema>;
type FederalQuery = z.output<typeof federalSystemsQuerySchema>;
type BlockInput = z.output<typeof blockSystemSchema>;

interface Deps {
  db: Db;
  clock: Clock;
  clients: OidcClientService;
}

/**
 * «Информационные системы» (issue 13, «Organizations' information systems»): an employee of the
 * group «Технологический портал» registers the organization's system and sees its systems; the
 * operator of ЕСИА sees every system (the organizations' and its own registry's) and approves,
 * blocks or unblocks it. Only an approved system is known to the provider
 * (OidcClientService.providerMetadata), so a decision takes effect at the next sign-in.
 */
export class OidcRegistryService {
  constructor(private readonly deps: Deps) {}

  // ---- the technological portal ----

  async listOwn(actor: Actor): Promise<OidcSystemList> {
    const member = actingMember(actor, 'oidc_client.read');
    return { systems: (await listOrganizationSystems(this.deps.db, member.organizationId)).map(view) };
  }

  /** Another organization's system is answered as a missing one: its mnemonic tells nothing. */
  async getOwn(actor: Actor, clientId: string): Promise<OidcSystemView> {
    const member = actingMember(actor, 'oidc_client.read');
    const row = await findRegistrySystem(this.deps.db, clientId, { organizationId: member.organizationId });
    if (!row) throw new AppError('oidc_client.not_found');
    return view(row);
  }

  /**
   * «Добавить информационную систему»: saved «На согласовании», in one transaction with its audit
   * entry in the organization's journal. The secret of client_secret_basic is answered this once.
   */
  async register(actor: Actor, input: RegisterInput, meta: RequestMeta): Promise<OidcSystemRegistered> {
    const member = actingMember(actor, 'oidc_client.register');
    if (input.authMethod === 'private_key_jwt') assertPublicKeys(input.jwks!.keys);
    let secret: string | null;
    try {
      ({ secret } = await this.deps.clients.register(
        actor,
        {
          clientId: input.clientId,
          name: input.name,
          redirectUris: input.redirectUris,
          postLogoutRedirectUris: input.postLogoutRedirectUris,
          scopes: input.scopes,
          authMethod: input.authMethod,
          jwks: input.authMethod === 'private_key_jwt' ? input.jwks : undefined,
          certificate: input.certificate?.trim() ? input.certificate : undefined,
        },
        {
          via: 'api',
          organization: { id: member.organizationId, registeredBy: member.personId, ip: meta.ip },
        },
      ));
    } catch (err) {
      // A certificate the registry refuses is named at the form's field.
      if (err instanceof AppError && err.code.startsWith('oidc_client.certificate_'))
        throw fieldError('certificate', err.code);
      throw err;
    }
    const row = await findRegistrySystem(this.deps.db, input.clientId);
    return { system: view(row!), secret };
  }

  // ---- the operator of ЕСИА ----

  async listAll(
    actor: Actor,
    query: FederalQuery,
  ): Promise<{ systems: OidcSystemView[]; nextCursor: string | null }> {
    assertAllowed(actor, 'oidc_client.list_federal');
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rows = await listRegistryPage(this.deps.db, {
      status: query.status,
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      systems: page.map(view),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  async get(actor: Actor, clientId: string): Promise<OidcSystemView> {
    assertAllowed(actor, 'oidc_client.list_federal');
    const row = await findRegistrySystem(this.deps.db, clientId);
    if (!row) throw new AppError('oidc_client.not_found');
    return view(row);
  }

  /** «Одобрить», «Заблокировать» (with the reason the organization reads), «Снять блокировку». */
  async decide(
    actor: Actor,
    clientId: string,
    decision: SystemDecision,
    input: Partial<BlockInput>,
    meta: RequestMeta,
  ): Promise<OidcSystemView> {
    assertAllowed(actor, 'oidc_client.decide_federal');
    const { db, clock } = this.deps;
    const now = clock.now();
    const decided = await db.transaction(async (tx) => {
      const row = await findRegistrySystem(tx, clientId, { forUpdate: true });
      if (!row) throw new AppError('oidc_client.not_found');
      const status = nextSystemStatus(row, decision);
      const changes = {
        status,
        updatedAt: now,
        approvedAt: status === 'approved' ? (row.approvedAt ?? now) : row.approvedAt,
        blockReason: decision === 'block' ? input.reason! : null,
      };
      await updateOidcClient(tx, clientId, changes);
      await appendAudit(
        tx,
        {
          event: 'oidc.client_status_changed',
          ...auditActor(actor),
          subjectId: row.organizationId,
          ip: meta.ip,
          data: {
            clientId,
            from: row.status,
            to: status,
            name: row.name,
            ...(decision === 'block' ? { reason: input.reason! } : {}),
          },
        },
        now,
      );
      return view({ ...row, ...changes });
    });
    // This process's cached copy goes at once; other processes read it again within CLIENT_CACHE_MS.
    this.deps.clients.forget(clientId);
    return decided;
  }
}

/**
 * Each key must be a public key Node can read (RSA, EC or OKP, as private_key_jwt's algorithms
 * need): a key the provider could not use would fail only at the system's first sign-in.
 */
function assertPublicKeys(keys: Record<string, unknown>[]): void {
  keys.forEach((jwk, i) => {
    let type: string;
    try {
      type = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).asymmetricKeyType ?? '';
    } catch {
      throw fieldError(`jwks.keys.${i}`, 'oidc_client.jwks_invalid');
    }
    if (!['rsa', 'ec', 'ed25519', 'ed448'].includes(type))
      throw fieldError(`jwks.keys.${i}`, 'oidc_client.jwks_invalid');
  });
}

function view(row: RegistryRow): OidcSystemView {
  return {
    clientId: row.clientId,
    name: row.name,
    redirectUris: row.redirectUris,
    postLogoutRedirectUris: row.postLogoutRedirectUris,
    scopes: row.scopes,
    authMethod: row.authMethod,
    jwks: row.jwks,
    certificateHash: row.certificateHash,
    status: row.status,
    blockReason: row.status === 'blocked' ? row.blockReason : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    organization: row.organization,
  };
}

/** A page cursor: the last row's creation time and id, opaque to the client. */
function encodeCursor(row: RegistryRow): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // What the client sends back goes into the query: a time and a uuid, nothing else.
    if (
      typeof at === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) &&
      !Number.isNaN(Date.parse(at)) &&
      typeof id === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    )
      return { createdAt: new Date(at), id };
  } catch {
    // not JSON: refused below
  }
  throw fieldError('cursor', 'cursor.invalid');
}
