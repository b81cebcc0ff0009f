import { PasswordInput, SimpleGrid } from '@mantine/core';

/**
 * A new PIN and its repetition, the same on every page that sets a PIN (a key loaded without one,
 * a test certificate). Validation is `pinProblem` (signature/pin.ts), from the contract's schema.
 */
export function PinFields(props: {
  pin: string;
  repeat: string;
  onPin: (value: string) => void;
  onRepeat: (value: string) => void;
  errors: { pin?: string; repeat?: string };
  /** «PIN-код» (a new container) or «Новый PIN-код» (protecting a key that had none) */
  label?: string;
  /** two columns on wider screens, one on a phone */
  columns?: 1 | 2;
}) {
  const { label = 'PIN-код', columns = 2 } = props;
  return (
    <SimpleGrid cols={{ base: 1, sm: columns }}>
      <PasswordInput
        label={label}
        description="Не менее 6 символов"
        value={props.pin}
        onChange={(e) => props.onPin(e.currentTarget.value)}
        error={props.errors.pin}
        autoComplete="new-password"
        required
      />
      <PasswordInput
        label="PIN-код ещё раз"
        description="Повторите PIN-код"
        value={props.repeat}
        onChange={(e) => props.onRepeat(e.currentTarget.value)}
        error={props.errors.repeat}
        autoComplete="new-password"
        required
      />
    </SimpleGrid>
  );
}
