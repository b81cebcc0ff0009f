/**
 * The confirmation code by letter (seed 000, section 1, step 3, way 2: «Получить код
 * подтверждения личности по почте»). The letter goes through Почта России as a registered item;
 * the code in it is single use, allows a limited number of wrong entries and expires.
 *
 *   created (ordered, not yet with the post) -> sent (accepted, has a tracking number)
 *     -> delivered -> used (the account is confirmed)
 *   created | sent | delivered -> expired (validity over) | cancelled (attempts exhausted)
 */
export const POST_CODE_MAX_ATTEMPTS = 5;
export const POST_LETTER_VALID_DAYS = 30;
export const POST_CODE_LENGTH = 8;

export type PostLetterState = 'created' | 'sent' | 'delivered' | 'used' | 'expired' | 'cancelled';
export const ACTIVE_LETTER_STATES: readonly PostLetterState[] = ['created', 'sent', 'delivered'];

export interface LetterFacts {
  state: PostLetterState;
  attempts: number;
  expiresAt: Date;
}

export function letterExpiresAt(orderedAt: Date): Date {
  return new Date(orderedAt.getTime() + POST_LETTER_VALID_DAYS * 24 * 60 * 60 * 1000);
}

/** The state as the person should see it: a letter past its validity is expired even before a job marks it. */
export function effectiveLetterState(letter: LetterFacts, now: Date): PostLetterState {
  if (ACTIVE_LETTER_STATES.includes(letter.state) && now >= letter.expiresAt) return 'expired';
  return letter.state;
}

export function attemptsLeft(letter: LetterFacts): number {
  return Math.max(0, POST_CODE_MAX_ATTEMPTS - letter.attempts);
}

export type CodeEntryDecision =
  | { kind: 'confirm' }
  | {
      kind: 'refuse';
      code: 'post_letter.not_delivered' | 'code.expired' | 'code.attempts_exhausted';
      markState?: PostLetterState;
    }
  | {
      kind: 'wrong';
      attempts: number;
      code: 'code.invalid' | 'code.attempts_exhausted';
      markState?: PostLetterState;
    };

/**
 * What a code entry does. The code is accepted while the letter is 'sent' too: tracking lags
 * behind the postman, and a person holding the letter must not wait for our poll. A letter not
 * yet handed to the post cannot have been read, so an entry then is refused without costing an
 * attempt.
 */
export function decideCodeEntry(letter: LetterFacts, codeMatches: boolean, now: Date): CodeEntryDecision {
  const state = effectiveLetterState(letter, now);
  if (state === 'expired')
    return {
      kind: 'refuse',
      code: 'code.expired',
      markState: letter.state === 'expired' ? undefined : 'expired',
    };
  if (state === 'created') return { kind: 'refuse', code: 'post_letter.not_delivered' };
  if (state !== 'sent' && state !== 'delivered') return { kind: 'refuse', code: 'code.attempts_exhausted' };
  if (codeMatches) return { kind: 'confirm' };
  const attempts = letter.attempts + 1;
  if (attempts >= POST_CODE_MAX_ATTEMPTS)
    return { kind: 'wrong', attempts, code: 'code.attempts_exhausted', markState: 'cancelled' };
  return { kind: 'wrong', attempts, code: 'code.invalid' };
}
