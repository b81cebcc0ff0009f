import { createHash } from 'node:crypto';
import type { ApplicationContent, ApplicationForm } from '@openesia/contracts';

/**
 * The bytes an application's signature covers: a canonical form of its content (fixed field
 * order, no insignificant whitespace, UTF-8), with the form, the application's id and its version.
 * A CAdES detached signature over these bytes is kept with the version and can be verified later
 * by anyone holding both; a signature over another version (or another application) does not
 * verify against them, because the bytes differ.
 */
export function canonicalApplication(application: {
  id: string;
  form: ApplicationForm;
  version: number;
  content: ApplicationContent;
}): string {
  const { content } = application;
  const r = content.responsible;
  const s = content.signatory;
  // An array, not an object: the order is part of the format, whatever a JSON encoder does.
  return JSON.stringify([
    'openesia.application/1',
    application.id,
    application.form,
    application.version,
    content.organizationFullName,
    content.ogrn,
    content.organizationType,
    [r.lastName, r.firstName, r.middleName ?? '', r.position, r.workPhone, r.mobilePhone, r.email],
    [s.role, s.lastName, s.firstName, s.middleName ?? '', s.position],
  ]);
}

export function applicationDigest(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
