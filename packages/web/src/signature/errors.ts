/**
 * Browser-side refusals while reading a key container or signing. Codes, not prose: the text is in
 * i18n/ru.ts, like the API's `signature.*` codes.
 */
export type SignatureErrorCode =
  | 'signature.wrong_pin'
  | 'signature.no_certificates'
  | 'signature.container_unreadable'
  | 'signature.container_unsupported'
  | 'signature.key_mismatch'
  | 'signature.algorithm_unsupported'
  | 'signature.key_not_found';

export class SignatureError extends Error {
  constructor(
    readonly code: SignatureErrorCode,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'SignatureError';
  }
}

export function isSignatureError(error: unknown): error is SignatureError {
  return error instanceof SignatureError;
}
