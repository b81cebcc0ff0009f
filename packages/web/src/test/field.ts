import { screen } from '@testing-library/react';
import { expect } from 'vitest';

/** The input labelled so (Mantine adds « *» to a required field's label). */
export function field(label: string): HTMLInputElement {
  return screen.getByLabelText(new RegExp(`^${label}( \\*)?$`)) as HTMLInputElement;
}

/** What is said about the field to a screen reader: the texts its aria-describedby points at. */
export function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** The field shows this error next to itself, is marked invalid, and the message is tied to it. */
export function expectFieldError(label: string, message: string): void {
  const input = field(label);
  expect(input.getAttribute('aria-invalid')).toBe('true');
  expect(description(input)).toContain(message);
}

export function expectNoFieldError(label: string): void {
  expect(field(label).getAttribute('aria-invalid')).not.toBe('true');
}
