import type { AccountSummary } from '@openesia/contracts';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { listContacts, type AccountRow } from '../../repositories/citizen/accounts.js';
import type { ContactView } from '../../repositories/citizen/credentials.js';
import {
  insertSession,
  prepareSessionStatements,
  revokeSession,
  type NewSessionRow,
  type SessionRow,
} from '../../repositories/platform/sessions.js';

/** Idle sessions end after 30 minutes; none lives longer than 12 hours. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** Touching the row on every request would make each read a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60 * 1000;

export type AuthMethod = 'password' | 'signature';

export interface Authenticated {
  session: SessionRow;
  account: AccountRow;
  tokenHash: string;
}

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export class SessionService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly prepared: ReturnType<typeof prepareSessionStatements>;

  constructor(deps: { db: Db; clock: Clock }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.prepared = prepareSessionStatements(deps.db);
  }

  /** Opens a session inside the caller's transaction; returns the cookie token (only its hash is kept). */
  async open(tx: DbOrTx, accountId: string, authMethod: AuthMethod, meta: RequestMeta): Promise<string> {
    const { token, row } = this.newSession(accountId, authMethod, meta);
    await insertSession(tx, row);
    return token;
  }

  /** A new session's cookie token and its row (only the token's hash is stored), not yet written. */
  newSession(
    accountId: string,
    authMethod: AuthMethod,
    meta: RequestMeta,
  ): { token: string; row: NewSessionRow } {
    const token = randomToken();
    const now = this.clock.now();
    return {
      token,
      row: {
        tokenHash: sha256Hex(token),
        accountId,
        authMethod,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      },
    };
  }

  async resolve(token: string | undefined): Promise<Authenticated | null> {
    if (!token || token.length > 100) return null;
    const tokenHash = sha256Hex(token);
    const now = this.clock.now();
    const found = await this.prepared.findLiveSession(tokenHash, now);
    if (!found) return null;
    if (now.getTime() - found.session.createdAt.getTime() > SESSION_MAX_MS) return null;
    if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.prepared.touchSession(tokenHash, now, new Date(now.getTime() + SESSION_IDLE_MS));
    }
    return { ...found, tokenHash };
  }

  async close(tokenHash: string): Promise<void> {
    await revokeSession(this.db, tokenHash, this.clock.now());
  }

  /** The account as the web app sees it; pass `contacts` when already read with the account. */
  async summary(
    db: DbOrTx,
    account: AccountRow & { contacts?: ContactView[] },
    authMethod: AuthMethod,
  ): Promise<AccountSummary> {
    const contacts =
      account.contacts ??
      (await listContacts(db, account.id)).map((c) => ({
        type: c.type,
        value: c.value,
        verified: c.verifiedAt !== null,
      }));
    return {
      id: account.id,
      oid: String(account.oid),
      lastName: account.lastName,
      firstName: account.firstName,
      middleName: account.middleName,
      level: account.level,
      confirmationMethod: account.confirmationMethod,
      contacts,
      authMethod,
      passwordChangeRequired: account.passwordMustChange,
    };
  }
}
