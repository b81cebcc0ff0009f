import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  containerStore,
  toStored,
  type ContainerDraft,
  type PickedFile,
  type StoredContainer,
} from '../../signature';
import { fromBase64, toBase64 } from '../../signature/bytes';
import { describeCertificate } from '../../signature/certificate';
import { certificatesKey, downloadFile } from './shared';

/** What KeysPage's parts share: the keys kept in this browser, and saving and downloading one. */
const containersKey = ['signature', 'containers'] as const;

export function useContainers() {
  return useQuery({
    queryKey: containersKey,
    queryFn: async () => {
      const containers = await containerStore.list();
      return Promise.all(
        containers.map(async (c) => ({
          container: c,
          infos: await Promise.all(c.certificates.map((der) => describeCertificate(fromBase64(der)))),
        })),
      );
    },
    staleTime: 0,
  });
}

export function useInvalidate() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: containersKey });
    await client.invalidateQueries({ queryKey: certificatesKey });
  };
}

export function fileBaseName(label: string): string {
  return (
    label
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .replace(/\s+/g, '_') || 'key'
  );
}

function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${toBase64(der).replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** The container as a file the person keeps: PKCS#12 as is, a key pair as PEM (the key stays encrypted). */
export function download(container: StoredContainer) {
  const base = fileBaseName(container.label);
  if (container.kind === 'pkcs12')
    return downloadFile(`${base}.p12`, fromBase64(container.data), 'application/x-pkcs12');
  const text =
    pem('ENCRYPTED PRIVATE KEY', fromBase64(container.data)) +
    container.certificates.map((c) => pem('CERTIFICATE', fromBase64(c))).join('');
  downloadFile(`${base}.pem`, new TextEncoder().encode(text), 'application/x-pem-file');
}

export async function saveDraft(
  draft: ContainerDraft,
  source: StoredContainer['source'],
  fileName?: string,
): Promise<StoredContainer> {
  const stored = toStored(draft, { id: crypto.randomUUID(), source, fileName, now: new Date() });
  await containerStore.put(stored);
  return stored;
}

export async function readPicked(files: File[]): Promise<PickedFile[]> {
  return Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}
