import { AppError } from '../../src/lib/errors.js';

/** The code of the AppError `fn` throws, or 'no error'; anything else is rethrown. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'no error';
}
