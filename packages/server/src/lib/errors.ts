import type { ErrorCode, FieldError } from '@openesia/contracts';

/** A refusal the caller can act on; the HTTP layer maps its code to a status (contracts/errors.ts). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: { fields?: FieldError[]; retryAfterSeconds?: number; message?: string } = {},
  ) {
    super(details.message ?? code);
  }
}

export function fieldError(path: string, code: string): AppError {
  return new AppError('validation.failed', { fields: [{ path, code }] });
}
