import type { Db } from '../db/client.js';
import { readCheckpoints } from './checkpoints.js';
import { verifyAuditChain } from './log.js';

/**
 * What `npm run audit:verify` prints: every chain checked (links, MACs, ends against
 * `audit_head`) and held against the signed checkpoints in AUDIT_CHECKPOINT_FILE. The last line is
 * the verdict; `ok` false means tampering (the command exits 1).
 */
export async function auditReport(
  db: Db,
  audit: { key: Buffer; checkpointFile: string },
): Promise<{ ok: boolean; lines: string[] }> {
  const file = audit.checkpointFile;
  const checkpoints = await readCheckpoints(file, audit.key);
  const result = await verifyAuditChain(db, { key: audit.key, anchors: checkpoints.anchors });
  const lines = [`entries: ${result.entries} in ${result.chains} chains (links, MACs and heads checked)`];
  if (checkpoints.lines)
    lines.push(
      `checkpoints: ${checkpoints.lines} signed lines in ${file}, newest ${checkpoints.latestAt}; ` +
        `${result.unanchored} entries are newer (not yet anchored outside the database)`,
    );
  else lines.push(`warning: no checkpoints in ${file}: the chains' ends are anchored only in the database`);
  if (result.unkeyed)
    lines.push(`note: ${result.unkeyed} entries written before migration 0009 carry no MAC`);
  if (checkpoints.invalidLines.length) {
    const shown = checkpoints.invalidLines.slice(0, 10).join(', ');
    lines.push(`audit log BROKEN: lines ${shown} of ${file} are not checkpoints signed with AUDIT_KEY`);
    return { ok: false, lines };
  }
  if (!result.ok) {
    const where = [
      result.chain !== undefined ? `chain ${result.chain}` : null,
      result.brokenAt !== undefined ? `entry ${result.brokenAt}` : null,
    ].filter(Boolean);
    lines.push(`audit log BROKEN${where.length ? ` at ${where.join(', ')}` : ''}: ${result.reason}`);
    return { ok: false, lines };
  }
  lines.push(`audit log intact: ${result.entries} entries`);
  return { ok: true, lines };
}
