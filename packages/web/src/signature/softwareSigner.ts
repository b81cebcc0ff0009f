import { fromBase64, toBase64 } from '@openesia/pki';
import { describeCertificate } from './certificate';
import { buildDetachedSignedData } from './cms';
import { openEncryptedPkcs8Key } from './containers/pkcs8';
import { openPkcs12Key } from './containers/pkcs12';
import { SignatureError } from './errors';
import type { SigningKey } from './keys';
import type { Signer, SignerCertificate, SignRequest } from './signer';
import { containerBytes, type ContainerStore } from './store';

export const SOFTWARE_SIGNER_ID = 'software';

/** Signs with key containers kept in this browser (store.ts); the key is decrypted per signature. */
export function softwareSigner(store: ContainerStore, clock: () => Date = () => new Date()): Signer {
  async function find(handle: string) {
    const [signerId, containerId, certificateId] = handle.split(':');
    if (signerId !== SOFTWARE_SIGNER_ID) throw new SignatureError('signature.key_not_found');
    const container = await store.get(containerId);
    if (!container) throw new SignatureError('signature.key_not_found');
    for (const certificate of container.certificates) {
      const der = fromBase64(certificate);
      const info = await describeCertificate(der);
      if (info.id === certificateId) return { container, der };
    }
    throw new SignatureError('signature.key_not_found');
  }

  return {
    id: SOFTWARE_SIGNER_ID,
    title: 'Ключи, сохранённые в этом браузере',
    asksPin: true,
    isAvailable: async () => typeof crypto !== 'undefined' && Boolean(crypto.subtle),
    async listCertificates() {
      const out: SignerCertificate[] = [];
      for (const container of await store.list()) {
        for (const certificate of container.certificates) {
          const info = await describeCertificate(fromBase64(certificate));
          out.push({
            handle: `${SOFTWARE_SIGNER_ID}:${container.id}:${info.id}`,
            signerId: SOFTWARE_SIGNER_ID,
            info,
            location:
              container.source === 'test-ca'
                ? 'Тестовый УЦ, ключ в браузере'
                : `Файл в браузере${container.fileName ? `: ${container.fileName}` : ''}`,
          });
        }
      }
      return out;
    },
    async sign({ data, handle, pin }: SignRequest) {
      const { container, der } = await find(handle);
      const bytes = containerBytes(container);
      const key: SigningKey =
        container.kind === 'pkcs12'
          ? await openPkcs12Key(bytes, pin, der)
          : await openEncryptedPkcs8Key(bytes, pin, der);
      try {
        return toBase64(
          await buildDetachedSignedData({ data, certificateDer: der, key, signingTime: clock() }),
        );
      } finally {
        key.dispose();
      }
    },
  };
}
