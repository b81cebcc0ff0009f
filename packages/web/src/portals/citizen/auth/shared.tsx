import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { ONE_TIME_CODE_MAX_ATTEMPTS } from '@openesia/contracts';
import { useEffect, useState, type ReactNode } from 'react';
import type { UseFormReturnType } from '@mantine/form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useRefreshSession } from '../../../api/session';
import { errorCodeOf, formatWait } from '../../../forms/errors';

/** A narrow card in the middle of the page: the shape of every sign-in form, on a phone and a desktop. */
export function AuthCard({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Stack maw={460} mx="auto" gap="md" w="100%">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
      {footer}
    </Stack>
  );
}

/** The line under a sign-in card that leads to the neighbouring form («Уже зарегистрированы? Войти»). */
export function AuthFooterLink({
  question,
  to,
  children,
}: {
  question: string;
  to: string;
  children: ReactNode;
}) {
  return (
    <Text ta="center" size="sm">
      {question}{' '}
      <Anchor component={Link} to={to}>
        {children}
      </Anchor>
    </Text>
  );
}

/** The login of an account: a phone, an e-mail or a СНИЛС, whichever the person has confirmed (seed 000). */
export function LoginField(props: InputProps) {
  return <TextInput label="Телефон, почта или СНИЛС" autoComplete="username" required {...props} />;
}

/** What `form.getInputProps(path)` gives an input: its value, change handler and error. */
export type InputProps = ReturnType<UseFormReturnType<Record<string, unknown>>['getInputProps']>;

/**
 * The 6-digit one-time code from an SMS or a letter. Only digits are kept as the person types or
 * pastes, and `one-time-code` lets the phone offer the code from the SMS.
 */
export function CodeField({
  value,
  onChange,
  error,
  description,
  disabled,
  'data-autofocus': autofocus,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: ReactNode;
  description: string;
  disabled?: boolean;
  'data-autofocus'?: boolean;
}) {
  return (
    <TextInput
      label="Код"
      description={description}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={6}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value.replace(/\D/g, ''))}
      error={error}
      disabled={disabled}
      data-autofocus={autofocus}
    />
  );
}

/** Seconds left until `isoTime`, ticking once a second (the resend countdown). */
export function useSecondsUntil(isoTime: string | null): number {
  const target = isoTime ? new Date(isoTime).getTime() : 0;
  const left = () => Math.max(0, Math.ceil((target - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (!target) return;
    const timer = setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `left` only depends on `target`
  }, [target]);
  return seconds;
}

/**
 * After registration, sign-in or recovery: everybody's view of the session changes, then the page
 * that sent the person to sign in (`?next=`, see RequireSignedIn) or the personal page.
 */
export function useAfterSignIn() {
  const refresh = useRefreshSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return async () => {
    await refresh();
    await navigate(safeNext(params.get('next')) ?? '/profile');
  };
}

/** Only a path of this site: "//host" and "/\\host" would leave it (an open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

/**
 * A new password typed twice (seed 000). The rules are the server's; the hint says them in advance
 * and the server's verdict appears at the field.
 */
export function NewPasswordFields({
  password,
  passwordRepeat,
  disabled,
  label = 'Пароль',
}: {
  password: InputProps;
  passwordRepeat: InputProps;
  disabled?: boolean;
  label?: string;
}) {
  return (
    <>
      <PasswordInput
        label={label}
        description="Не короче 8 символов. Не используйте распространённые пароли, номер телефона или адрес почты."
        autoComplete="new-password"
        required
        {...password}
        disabled={disabled}
      />
      <PasswordInput
        label="Повторите пароль"
        autoComplete="new-password"
        required
        {...passwordRepeat}
        disabled={disabled}
      />
    </>
  );
}

/** The resend button with its countdown (a new code no sooner than 60 s after the last). */
export function ResendButton({
  availableAt,
  onResend,
  loading,
  label = 'Отправить код ещё раз',
}: {
  availableAt: string | null;
  onResend: () => void;
  loading: boolean;
  label?: string;
}) {
  const seconds = useSecondsUntil(availableAt);
  return seconds > 0 ? (
    <Text size="sm" c="dimmed" aria-live="polite">
      Отправить повторно можно через {formatWait(seconds)}
    </Text>
  ) : (
    <Button variant="subtle" px={0} onClick={onResend} loading={loading} style={{ alignSelf: 'flex-start' }}>
      {label}
    </Button>
  );
}

/**
 * Refusals of a one-time code that are about the «Код» field, though the API sends them without a
 * path: the message belongs next to the code, not in a banner.
 */
export const codeFields = {
  'code.invalid': 'code',
  'code.expired': 'code',
  'code.attempts_exhausted': 'code',
} as const;

/**
 * Tries left for an SMS or e-mail code (seed 000: 3 wrong entries, then a new code is needed).
 * The API answers only `code.invalid`, so the page counts; `code.attempts_exhausted` (the last
 * wrong try) and `code.expired` lock the field until a new code is sent.
 */
export function useCodeAttempts(max = ONE_TIME_CODE_MAX_ATTEMPTS) {
  const [wrong, setWrong] = useState(0);
  const [locked, setLocked] = useState(false);
  return {
    max,
    left: locked ? 0 : Math.max(0, max - wrong),
    locked,
    /** a refusal of the form that carries the code */
    onRefusal(error: unknown) {
      const code = errorCodeOf(error);
      if (code === 'code.invalid') setWrong((w) => w + 1);
      if (code === 'code.attempts_exhausted' || code === 'code.expired') setLocked(true);
    },
    /** a new code was sent: it has all its tries */
    reset() {
      setWrong(0);
      setLocked(false);
    },
  };
}

/** The «Код» field's hint: where the code is and how many tries are left («Осталось попыток ввода: 2 из 3»). */
export function codeDescription(where: string, attempts: { left: number; max: number }) {
  return `${where}. Осталось попыток ввода: ${attempts.left} из ${attempts.max}.`;
}
