import type { TrustedRoot } from '@openesia/contracts';

export const trustListKey = ['registry', 'trust-list'];

export const statusText: Record<TrustedRoot['status'], string> = {
  active: 'Действует',
  suspended: 'Приостановлена',
  revoked: 'Прекращена',
};
export const sourceText: Record<TrustedRoot['source'], string> = {
  upload: 'Загружен вручную',
  xml: 'Из перечня XML',
  test_ca: 'Тестовый УЦ',
};

export const date = (iso: string) => new Date(iso).toLocaleDateString('ru-RU');
/** "AB12CD…" -> "AB12 CD…": a thumbprint read aloud or compared by eye goes in groups of four. */
export const grouped = (hex: string) => hex.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');

export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Reads an uploaded certificate as base64 of its bytes: the server takes DER and PEM alike. */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** What the last action did, said above the list: a success (status) or a refusal (alert). */
export type Feedback = { kind: 'done' | 'failed'; text: string } | null;
