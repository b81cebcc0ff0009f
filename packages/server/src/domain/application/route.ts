import type {
  ApplicationContent,
  ApplicationForm,
  ApplicationStatus,
  OrganizationApproval,
} from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { APPROVAL_EFFECTS } from '../organization/approvals.js';

/**
 * The route of an application Форма З or Форма И (seed 000, section 4; seed 004, steps 3-4):
 *
 *   draft ──submit──> submitted ──regional: forward──> forwarded ──federal: approve──> approved
 *                        │                                   └──federal: reject──> rejected
 *                        └──regional: return(remarks)──> returned ──resubmit──> submitted
 *
 * approved and rejected are final: a rejected organization files a new application. Each step is
 * one event; an event that does not apply to the status is `application.wrong_state` (a decision
 * on an application already decided, a second forward by a double click).
 */
export type ApplicationEvent =
  | { kind: 'submit' }
  | { kind: 'regional_forward' }
  | { kind: 'regional_return' }
  | { kind: 'resubmit' }
  | { kind: 'federal_approve' }
  | { kind: 'federal_reject' };

const TRANSITIONS: Record<ApplicationEvent['kind'], [from: ApplicationStatus, to: ApplicationStatus]> = {
  submit: ['draft', 'submitted'],
  regional_forward: ['submitted', 'forwarded'],
  regional_return: ['submitted', 'returned'],
  resubmit: ['returned', 'submitted'],
  federal_approve: ['forwarded', 'approved'],
  federal_reject: ['forwarded', 'rejected'],
};

export function nextApplicationStatus(status: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const [from, to] = TRANSITIONS[event.kind];
  if (status !== from) throw new AppError('application.wrong_state');
  return to;
}

/** Which statuses the organization may still edit (the content, then sign and send). */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** An application that is neither decided nor a mere draft: one of a form at a time. */
export function isOpen(status: ApplicationStatus): boolean {
  return status === 'submitted' || status === 'returned' || status === 'forwarded';
}

/**
 * Whether the organization may start (or submit) an application of `form`: registered, not
 * holding the approval already, Форма И only once Форма З is approved, and not while another
 * application of the same form is on its way.
 */
export function assertMayApply(
  form: ApplicationForm,
  organization: {
    registered: boolean;
    approvals: ReadonlySet<OrganizationApproval>;
    openApplications: readonly ApplicationForm[];
  },
): void {
  if (!organization.registered) throw new AppError('application.organization_not_registered');
  if (organization.approvals.has(form)) throw new AppError('application.already_approved');
  const requires = APPROVAL_EFFECTS[form].requires;
  if (requires && !organization.approvals.has(requires)) throw new AppError('application.form_z_required');
  if (organization.openApplications.includes(form)) throw new AppError('application.already_open');
}

/** The form is the organization's own: its ОГРН (a form of another organization is refused). */
export function assertOfOrganization(content: ApplicationContent, organization: { ogrn: string }): void {
  if (content.ogrn !== organization.ogrn) throw new AppError('application.ogrn_mismatch');
}
