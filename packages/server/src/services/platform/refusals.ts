import { appendAudit, type AuditEntry } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

/**
 * Runs a use-case and, when it is refused with an AppError that `entryFor` names an audit entry
 * for, records that entry before passing the refusal on. The refused work's own transaction has
 * rolled back with everything in it, so the record is appended in a transaction of its own: a
 * refusal is never lost from the audit log with the writes it prevented (152-ФЗ ст. 19: attempts
 * on personal data are recorded too).
 */
export async function auditingRefusals<T>(
  deps: { db: Db; now: () => Date },
  work: () => Promise<T>,
  entryFor: (refusal: AppError) => AuditEntry | null,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const entry = err instanceof AppError ? entryFor(err) : null;
    if (entry) await deps.db.transaction((tx) => appendAudit(tx, entry, deps.now()));
    throw err;
  }
}
