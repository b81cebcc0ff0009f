import type { OidcClientStatus } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';

export type SystemDecision = 'approve' | 'block' | 'unblock';

/**
 * The operator of ЕСИА's decisions on an information system (issue 13: «the federal operator
 * approves it before it can sign anyone in»): «Одобрить» a system on approval; «Заблокировать» one
 * on approval or in force; unblocking returns it to «Действующая» if it was ever approved, else to
 * «На согласовании» (a blocking never approves by the back door).
 */
export function nextSystemStatus(
  system: { status: OidcClientStatus; approvedAt: Date | null },
  decision: SystemDecision,
): OidcClientStatus {
  switch (decision) {
    case 'approve':
      if (system.status !== 'pending') throw new AppError('oidc_client.not_pending');
      return 'approved';
    case 'block':
      if (system.status === 'blocked') throw new AppError('oidc_client.already_blocked');
      return 'blocked';
    case 'unblock':
      if (system.status !== 'blocked') throw new AppError('oidc_client.not_blocked');
      return system.approvedAt ? 'approved' : 'pending';
  }
}
