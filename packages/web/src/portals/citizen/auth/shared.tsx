import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiRequestError } from '../../../api/client';
import { useRefreshSession } from '../../../api/session';
import { errorMessage } from '../../../i18n/ru';

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
export function LoginField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (login: string) => void;
  error?: string;
}) {
  return (
    <TextInput
      label="Телефон, почта или СНИЛС"
      autoComplete="username"
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/**
 * The 6-digit one-time code from an SMS or a letter. Only digits are kept as the person types or
 * pastes, and `one-time-code` lets the phone offer the code from the SMS.
 */
export function CodeField({
  value,
  onChange,
  error,
  description,
  'data-autofocus': autofocus,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string;
  description: string;
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
      data-autofocus={autofocus}
    />
  );
}

/** "3 мин 05 с" / "45 с" for waits the server announces. */
export function formatWait(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} мин ${String(s).padStart(2, '0')} с` : `${s} с`;
}

/**
 * Splits an API refusal into messages at the fields the form shows and one message for the whole
 * form (codes that belong to no visible field, or to none at all).
 */
export function describeError(
  error: unknown,
  formFields: readonly string[],
): { fields: Record<string, string>; form: string | null } {
  if (!error) return { fields: {}, form: null };
  if (!(error instanceof ApiRequestError)) return { fields: {}, form: errorMessage('internal') };
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const f of error.fields) {
    if (formFields.includes(f.path)) fields[f.path] ??= errorMessage(f.code);
    else elsewhere.push(errorMessage(f.code));
  }
  if (error.code === 'validation.failed')
    return {
      fields,
      form: elsewhere.length
        ? elsewhere.join(' ')
        : Object.keys(fields).length
          ? null
          : errorMessage(error.code),
    };
  const wait = error.retryAfterSeconds
    ? ` Повторить можно через ${formatWait(error.retryAfterSeconds)}.`
    : '';
  return { fields, form: errorMessage(error.code) + wait };
}

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" title="Не получилось">
      {message}
    </Alert>
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
  onChange,
  errors,
  disabled,
  label = 'Пароль',
}: {
  password: string;
  passwordRepeat: string;
  onChange: (next: { password: string; passwordRepeat: string }) => void;
  errors: Record<string, string>;
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
        value={password}
        onChange={(e) => onChange({ password: e.currentTarget.value, passwordRepeat })}
        error={errors.password}
        disabled={disabled}
      />
      <PasswordInput
        label="Повторите пароль"
        autoComplete="new-password"
        required
        value={passwordRepeat}
        onChange={(e) => onChange({ password, passwordRepeat: e.currentTarget.value })}
        error={errors.passwordRepeat}
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

export function submitHandler(fn: () => void) {
  return (e: FormEvent) => {
    e.preventDefault();
    fn();
  };
}
