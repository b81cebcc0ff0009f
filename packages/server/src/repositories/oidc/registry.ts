import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { oidcClients, organizations } from '../../db/schema/index.js';
import type { OidcClientRow, OidcClientStatus } from './clients.js';

/** A system with whose it is: null for the federal operator's own registry. */
export interface RegistryRow extends OidcClientRow {
  organization: { id: string; shortName: string; ogrn: string } | null;
}

const columns = {
  client: oidcClients,
  organizationId: organizations.id,
  shortName: organizations.shortName,
  ogrn: organizations.ogrn,
};

function withOrganization(row: {
  client: OidcClientRow;
  organizationId: string | null;
  shortName: string | null;
  ogrn: string | null;
}): RegistryRow {
  return {
    ...row.client,
    organization: row.organizationId
      ? { id: row.organizationId, shortName: row.shortName!, ogrn: row.ogrn! }
      : null,
  };
}

function select(db: DbOrTx) {
  return db
    .select(columns)
    .from(oidcClients)
    .leftJoin(organizations, eq(organizations.id, oidcClients.organizationId));
}

/** The organization's systems, newest first (a handful per organization: no paging). */
export async function listOrganizationSystems(db: DbOrTx, organizationId: string): Promise<RegistryRow[]> {
  const rows = await select(db)
    .where(eq(oidcClients.organizationId, organizationId))
    .orderBy(desc(oidcClients.createdAt), desc(oidcClients.id));
  return rows.map(withOrganization);
}

/**
 * One system by its mnemonic; with `organizationId`, only if it is that organization's (another
 * organization's system is as absent as a missing one).
 */
export async function findRegistrySystem(
  db: DbOrTx,
  clientId: string,
  options: { organizationId?: string; forUpdate?: boolean } = {},
): Promise<RegistryRow | undefined> {
  const where = [eq(oidcClients.clientId, clientId)];
  if (options.organizationId !== undefined)
    where.push(eq(oidcClients.organizationId, options.organizationId));
  const query = select(db)
    .where(and(...where))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: oidcClients }) : await query;
  return row && withOrganization(row);
}

/** Every system, newest first, a page at a time after (created_at, id). */
export async function listRegistryPage(
  db: DbOrTx,
  filter: {
    status?: OidcClientStatus;
    after?: { createdAt: Date; id: string };
    limit: number;
  },
): Promise<RegistryRow[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(oidcClients.status, filter.status));
  if (filter.after)
    where.push(
      or(
        lt(oidcClients.createdAt, filter.after.createdAt),
        and(eq(oidcClients.createdAt, filter.after.createdAt), lt(oidcClients.id, filter.after.id)),
      )!,
    );
  const rows = await select(db)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(oidcClients.createdAt), desc(oidcClients.id))
    .limit(filter.limit);
  return rows.map(withOrganization);
}
