import type { TrustedRoot } from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  KeyUsageFlag,
  parseCertificate,
  type ParsedCertificate,
} from '../../domain/signature/certificate.js';
import { parseTrustListXml } from '../../domain/signature/trust-list-xml.js';
import type { TrustAnchor } from '../../domain/signature/verify.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed, type Action } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { decodeDerOrPem } from '@openesia/pki';
import {
  excludeTrustedRoot,
  findTrustedRoot,
  findTrustedRootByThumbprint,
  insertTrustedRoot,
  listActiveTrustedRoots,
  listTrustedRoots,
  reactivateTrustedRoot,
  trustListVersion,
  type TrustedRootRow,
} from '../../repositories/signature/trusted-roots.js';
import type { RequestMeta } from '../platform/sessions.js';

function toView(row: TrustedRootRow): TrustedRoot {
  return {
    id: row.id,
    name: row.name,
    ogrn: row.ogrn,
    registryNumber: row.registryNumber,
    status: row.status,
    subjectName: row.subjectName,
    serialNumber: row.serialNumber,
    thumbprint: row.thumbprint,
    algorithm: row.algorithm,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    crlUrls: row.crlUrls,
    source: row.source,
    addedAt: row.addedAt.toISOString(),
    excludedAt: row.excludedAt?.toISOString() ?? null,
  };
}

/** A root certificate the list may hold: a CA certificate allowed to sign certificates (RFC 5280 4.2.1.9). */
function parseRoot(der: Uint8Array): ParsedCertificate {
  let cert: ParsedCertificate;
  try {
    cert = parseCertificate(der);
  } catch (err) {
    if (err instanceof AppError && err.code === 'signature.unsupported_algorithm') throw err;
    throw new AppError('trust_list.invalid_certificate');
  }
  if (!cert.isCa || (cert.keyUsage !== null && !(cert.keyUsage & KeyUsageFlag.keyCertSign)))
    throw new AppError('trust_list.not_a_ca');
  return cert;
}

/**
 * «Перечень аккредитованных удостоверяющих центров» (63-ФЗ ст. 16): kept by the federal operator;
 * every change is audited. Verification reads it through `anchors()`, a parsed copy refreshed when
 * the list changes.
 */
export class TrustListService {
  private cache: { version: string; anchors: TrustAnchor[] } | null = null;

  constructor(private readonly deps: { db: Db; clock: Clock; config: Pick<Config, 'demoMode'> }) {}

  /** The access decision of each use-case; gives the operator's account for the audit record. */
  private operator(actor: Actor, action: Action): string {
    assertAllowed(actor, action);
    if (actor.kind !== 'federal_operator') throw new AppError('auth.forbidden');
    return actor.accountId;
  }

  async list(actor: Actor): Promise<TrustedRoot[]> {
    this.operator(actor, 'trust_list.read');
    return (await listTrustedRoots(this.deps.db)).map(toView);
  }

  async add(
    actor: Actor,
    input: { certificate: string; name?: string; ogrn?: string; crlUrls?: string[] },
    meta: RequestMeta,
  ): Promise<TrustedRoot> {
    const actorId = this.operator(actor, 'trust_list.manage');
    const der = decodeDerOrPem(input.certificate);
    if (!der) throw new AppError('trust_list.invalid_certificate');
    const cert = parseRoot(der);
    const { db, clock } = this.deps;
    const now = clock.now();
    return db.transaction(async (tx) => {
      const existing = await findTrustedRootByThumbprint(tx, cert.thumbprint);
      if (existing && existing.status === 'active') throw new AppError('trust_list.duplicate');
      const fields = {
        name: input.name || cert.subject.organization || cert.subject.commonName || cert.subjectName,
        ogrn: input.ogrn ?? cert.subject.ogrn,
        crlUrls: input.crlUrls ?? [],
        source: 'upload' as const,
        addedBy: actorId,
      };
      // An excluded root comes back on the same row: its history (added, excluded) stays with it.
      const row = existing
        ? await reactivateTrustedRoot(tx, existing.id, { ...fields, addedAt: now })
        : await this.insert(tx, cert, { ...fields, registryNumber: null });
      await appendAudit(
        tx,
        {
          event: 'trust.root_added',
          ...auditActor(actor),
          subjectId: row.id,
          ip: meta.ip,
          data: { thumbprint: row.thumbprint, name: row.name, reactivated: !!existing },
        },
        now,
      );
      return toView(row);
    });
  }

  /**
   * «Исключить УЦ из перечня»: the root stops anchoring at once (anchors() reads only active rows)
   * but the row stays with status 'revoked' and who excluded it when, so the list keeps its history
   * beside the audit log. Excluding an excluded root changes nothing.
   */
  async remove(actor: Actor, id: string, meta: RequestMeta): Promise<void> {
    const actorId = this.operator(actor, 'trust_list.manage');
    const { db, clock } = this.deps;
    await db.transaction(async (tx) => {
      const row = await findTrustedRoot(tx, id);
      if (!row) throw new AppError('not_found');
      if (row.status !== 'active') return;
      await excludeTrustedRoot(tx, id, clock.now(), actorId);
      await appendAudit(
        tx,
        {
          event: 'trust.root_removed',
          ...auditActor(actor),
          subjectId: id,
          ip: meta.ip,
          data: { thumbprint: row.thumbprint, name: row.name },
        },
        clock.now(),
      );
    });
  }

  /** Adds the accredited («Действует») CAs' certificates of a trust-list XML; others are skipped. */
  async importXml(actor: Actor, xml: string, meta: RequestMeta): Promise<{ added: number; skipped: number }> {
    const actorId = this.operator(actor, 'trust_list.manage');
    const entries = parseTrustListXml(xml);
    const { db, clock } = this.deps;
    const now = clock.now();
    // Parse every certificate before the transaction: a real list holds hundreds, and parsing inside
    // it would hold PGlite's only connection (STACK.md) for the whole time.
    let unusable = 0;
    const candidates: { entry: (typeof entries)[number]; cert: ParsedCertificate }[] = [];
    for (const entry of entries) {
      for (const der of entry.certificates) {
        if (!entry.active) {
          unusable++;
          continue;
        }
        try {
          candidates.push({ entry, cert: parseRoot(der) });
        } catch {
          unusable++;
        }
      }
    }
    return db.transaction(async (tx) => {
      let added = 0;
      let skipped = unusable;
      for (const { entry, cert } of candidates) {
        // Present already (also when the operator excluded it: the import does not undo that).
        if (await findTrustedRootByThumbprint(tx, cert.thumbprint)) {
          skipped++;
          continue;
        }
        await this.insert(tx, cert, {
          name: entry.name,
          ogrn: entry.ogrn,
          registryNumber: entry.registryNumber,
          crlUrls: entry.crlUrls,
          source: 'xml',
          addedBy: actorId,
        });
        added++;
      }
      await appendAudit(
        tx,
        {
          event: 'trust.list_imported',
          ...auditActor(actor),
          ip: meta.ip,
          data: { added, skipped },
        },
        now,
      );
      return { added, skipped };
    });
  }

  /** Used by the test CA to register its own root (demo mode), inside the caller's transaction. */
  async addSystemRoot(tx: DbOrTx, der: Uint8Array, name: string, crlUrls: string[]): Promise<void> {
    const cert = parseRoot(der);
    if (await findTrustedRootByThumbprint(tx, cert.thumbprint)) return;
    const row = await this.insert(tx, cert, {
      name,
      ogrn: cert.subject.ogrn,
      registryNumber: null,
      crlUrls,
      source: 'test_ca',
      addedBy: null,
    });
    await appendAudit(
      tx,
      {
        event: 'trust.root_added',
        actorType: 'system',
        subjectId: row.id,
        data: { thumbprint: row.thumbprint, name },
      },
      this.deps.clock.now(),
    );
  }

  private async insert(
    tx: DbOrTx,
    cert: ParsedCertificate,
    fields: {
      name: string;
      ogrn: string | null;
      registryNumber: string | null;
      crlUrls: string[];
      source: 'upload' | 'xml' | 'test_ca';
      addedBy: string | null;
    },
  ): Promise<TrustedRootRow> {
    return insertTrustedRoot(tx, {
      id: newId(),
      ...fields,
      status: 'active',
      certificate: cert.der,
      thumbprint: cert.thumbprint,
      subjectName: cert.subjectName,
      serialNumber: cert.serialNumber,
      algorithm: cert.publicKey.algorithm,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      addedAt: this.deps.clock.now(),
    });
  }

  /**
   * The active roots, parsed; re-read only when the list changed. The test CA's root anchors only
   * in demo mode: once demo mode is off, its certificates (issued to anyone, for anyone) must not
   * sign anyone in, even though the row stays in the list.
   */
  async anchors(): Promise<TrustAnchor[]> {
    const version = await trustListVersion(this.deps.db);
    if (this.cache?.version === version) return this.cache.anchors;
    const anchors: TrustAnchor[] = [];
    const rows = await listActiveTrustedRoots(this.deps.db, { includeTestCa: this.deps.config.demoMode });
    for (const row of rows) {
      try {
        anchors.push({ id: row.id, cert: parseCertificate(row.certificate), crlUrls: row.crlUrls });
      } catch {
        // A root we can no longer parse (e.g. an algorithm dropped) cannot anchor anything.
      }
    }
    this.cache = { version, anchors };
    return anchors;
  }
}
