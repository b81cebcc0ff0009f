import { useQuery } from '@tanstack/react-query';
import { listAllCertificates } from '../../signature';

export const certificatesKey = ['signature', 'certificates'] as const;

/** Certificates of every signer in this browser (keys in IndexedDB, later a token plug-in). */
export function useCertificates() {
  return useQuery({ queryKey: certificatesKey, queryFn: listAllCertificates, staleTime: 0 });
}

export function downloadFile(name: string, bytes: Uint8Array, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const algorithmLabel: Record<string, string> = {
  gost2012_256: 'ГОСТ Р 34.10-2012, 256 бит',
  gost2012_512: 'ГОСТ Р 34.10-2012, 512 бит',
  ecdsa_p256: 'ECDSA P-256',
  rsa2048: 'RSA',
};
