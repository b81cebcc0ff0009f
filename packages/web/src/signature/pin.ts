import { pinSchema } from '@openesia/contracts';

/**
 * A new PIN typed twice, judged by the contract's `pinSchema` (the rule the server applies to the
 * test CA's PIN), so the page and the server can never disagree about what a PIN may be. Returns
 * the error code of the first problem, at the field it belongs to.
 */
export function pinProblem(pin: string, repeat: string): { pin?: string; repeat?: string } {
  const parsed = pinSchema.safeParse(pin);
  if (!parsed.success) return { pin: parsed.error.issues[0]?.message ?? 'required' };
  if (pin !== repeat) return { repeat: 'pin.mismatch' };
  return {};
}
