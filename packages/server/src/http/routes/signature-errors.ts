/**
 * What verifying a signed challenge can refuse with (domain/signature/verify.ts,
 * services/signatures.ts), for the routes of both audiences that take one. The shared refusals —
 * input, CSRF, body, rate limit — are added to every route by http/errors.ts.
 */
export const verificationErrors = [
  'signature.malformed',
  'signature.invalid',
  'signature.unsupported_algorithm',
  'signature.certificate_expired',
  'signature.certificate_not_yet_valid',
  'signature.certificate_revoked',
  'signature.untrusted_issuer',
  'signature.wrong_key_usage',
  'signature.unknown_critical_extension',
  'signature.challenge_expired',
  'signature.challenge_used',
  'signature.crl_unavailable',
] as const;

/** What asking to confirm an account can refuse with. */
export const confirmableErrors = [
  'auth.required',
  'account.already_confirmed',
  'account.level_too_low',
] as const;
