import { TextInput, type TextInputProps } from '@mantine/core';

/** Keeps digits and puts the dots in: people type dates as on paper, ДД.ММ.ГГГГ. */
function maskDate(value: string): string {
  const digits = value.replace(/\D/g, '').slice(0, 8);
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 8)].filter(Boolean);
  return parts.join('.');
}

export function DateField(props: Omit<TextInputProps, 'onChange'> & { onChange(value: string): void }) {
  const { onChange, ...rest } = props;
  return (
    <TextInput
      placeholder="ДД.ММ.ГГГГ"
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      {...rest}
      onChange={(e) => onChange(maskDate(e.currentTarget.value))}
    />
  );
}

/** "350001" -> "350-001" while typing (код подразделения). */
export function maskIssuerCode(value: string): string {
  const d = value.replace(/\D/g, '').slice(0, 6);
  return d.length > 3 ? `${d.slice(0, 3)}-${d.slice(3)}` : d;
}

/** "11223344595" -> "112-233-445 95" while typing. */
export function maskSnils(value: string): string {
  const d = value.replace(/\D/g, '').slice(0, 11);
  let out = d.slice(0, 3);
  if (d.length > 3) out += `-${d.slice(3, 6)}`;
  if (d.length > 6) out += `-${d.slice(6, 9)}`;
  if (d.length > 9) out += ` ${d.slice(9)}`;
  return out;
}
