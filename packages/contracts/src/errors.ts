import { z } from 'zod';

/**
 * Every error the API returns is a stable code; the web app looks the Russian text up by code
 * (packages/web/src/i18n/ru.ts). Tests assert codes, never prose.
 * Field-level codes (e.g. `snils.checksum`) travel inside `validation.failed` as `fields[].code`.
 */
export const errorStatus = {
  'validation.failed': 400,
  'request.malformed': 400,
  'request.timeout': 408,
  'request.too_large': 413,
  'request.uri_too_long': 414,
  'request.unsupported_media_type': 415,
  'request.headers_too_large': 431,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.locked': 429,
  'auth.forbidden': 403,
  'csrf.invalid': 403,
  'rate.limited': 429,
  not_found: 404,
  'conflict.stale': 409,
  'code.invalid': 400,
  'code.expired': 400,
  'code.attempts_exhausted': 400,
  'code.resend_too_early': 429,
  'code.hourly_limit': 429,
  'registration.not_found': 404,
  'registration.not_verified': 409,
  'registration.completed': 409,
  'recovery.not_found': 404,
  'contact.taken': 409,
  'snils.taken': 409,
  'personal_data.checks_in_progress': 409,
  'personal_data.locked_confirmed': 409,
  'account.level_too_low': 409,
  'account.already_confirmed': 409,
  'post_letter.active_exists': 409,
  'post_letter.not_found': 404,
  'post_letter.not_delivered': 409,
  'post_letter.data_changed': 409,
  'dev.disabled': 404,
  'signature.certificate_expired': 422,
  'signature.certificate_not_yet_valid': 422,
  'signature.certificate_revoked': 422,
  'signature.untrusted_issuer': 422,
  'signature.wrong_key_usage': 422,
  'signature.invalid': 422,
  'signature.malformed': 400,
  'signature.name_mismatch': 422,
  'signature.snils_mismatch': 422,
  'signature.no_snils': 422,
  'signature.account_not_found': 404,
  'signature.challenge_expired': 410,
  'signature.challenge_used': 409,
  'signature.unsupported_algorithm': 422,
  'signature.crl_unavailable': 503,
  'signature.unknown_critical_extension': 422,
  'signature.data_changed': 409,
  'signature.too_many_certificates': 400,
  'signature.chain_too_long': 422,
  'test_ca.disabled': 404,
  'test_ca.no_checked_data': 409,
  'test_ca.not_yours': 403,
  'trust_list.invalid_certificate': 400,
  'trust_list.not_a_ca': 422,
  'trust_list.duplicate': 409,
  'trust_list.invalid_xml': 400,
  'organization.not_found': 404,
  'organization.not_legal_entity_certificate': 422,
  'organization.identifiers_invalid': 422,
  'organization.duplicate': 409,
  'organization.wrong_state': 409,
  'organization.head_only': 403,
  'organization.cannot_remove_head': 409,
  'organization.last_administrator': 409,
  'organization.not_member': 404,
  'invitation.not_found': 404,
  'invitation.expired': 410,
  'invitation.used': 409,
  'invitation.revoked': 410,
  'invitation.account_not_confirmed': 409,
  'invitation.name_mismatch': 422,
  'invitation.already_member': 409,
  'group.locked': 409,
  'tax_register.unavailable': 503,
  'application.wrong_state': 409,
  'application.organization_not_registered': 409,
  'application.already_approved': 409,
  'application.form_z_required': 409,
  'application.already_open': 409,
  'application.ogrn_mismatch': 422,
  'application.scan_empty': 400,
  'application.scan_type': 400,
  'application.scan_too_large': 413,
  'organization.signed_data_mismatch': 409,
  'test_ca.not_head': 422,
  'test_ca.unknown_organization': 404,
  'oidc.interaction_not_found': 404,
  'oidc.consent_not_found': 404,
  'oidc_client.not_found': 404,
  'oidc_client.duplicate': 409,
  'oidc_client.invalid': 422,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export const fieldErrorSchema = z.object({
  /** dotted path of the field in the request body, e.g. `passport.series` */
  path: z.string(),
  /** stable code, e.g. `required`, `snils.checksum`, `password.too_short` */
  code: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().optional(),
      fields: z.array(fieldErrorSchema).optional(),
      /** when a retry becomes possible, for throttled actions */
      retryAfterSeconds: z.number().int().optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof apiErrorSchema>;
