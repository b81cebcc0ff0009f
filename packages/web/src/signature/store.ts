import { fromBase64, toBase64 } from '@openesia/pki';
import type { ContainerDraft, ContainerKind } from './containers/read';

/**
 * Key containers kept in this browser (IndexedDB). Only encrypted containers are stored: a PKCS#12
 * file or an EncryptedPrivateKeyInfo; the PIN is never stored. Certificates are public and kept
 * alongside, so they can be listed without the PIN.
 */
export interface StoredContainer {
  id: string;
  kind: ContainerKind;
  label: string;
  /** 'test-ca': issued by the demo «Тестовый УЦ» */
  source: 'file' | 'test-ca';
  fileName?: string;
  createdAt: string;
  /** base64 DER */
  certificates: string[];
  /** base64 of the encrypted container */
  data: string;
}

export interface ContainerStore {
  list(): Promise<StoredContainer[]>;
  get(id: string): Promise<StoredContainer | undefined>;
  put(container: StoredContainer): Promise<void>;
  remove(id: string): Promise<void>;
}

export function toStored(
  draft: ContainerDraft,
  options: { id: string; source: StoredContainer['source']; fileName?: string; now: Date },
): StoredContainer {
  return {
    id: options.id,
    kind: draft.kind,
    label: draft.label,
    source: options.source,
    fileName: options.fileName,
    createdAt: options.now.toISOString(),
    certificates: draft.certificates.map((c) => toBase64(c)),
    data: toBase64(draft.data),
  };
}

export function containerBytes(container: StoredContainer): Uint8Array {
  return fromBase64(container.data);
}

export function memoryStore(): ContainerStore {
  const items = new Map<string, StoredContainer>();
  return {
    list: async () => [...items.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    get: async (id) => items.get(id),
    put: async (c) => void items.set(c.id, c),
    remove: async (id) => void items.delete(id),
  };
}

const DB_NAME = 'openesia-signature';
const STORE = 'containers';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result as T);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

export function indexedDbStore(): ContainerStore {
  return {
    list: async () =>
      (await run<StoredContainer[]>('readonly', (s) => s.getAll())).sort((a, b) =>
        a.createdAt.localeCompare(b.createdAt),
      ),
    get: (id) => run<StoredContainer | undefined>('readonly', (s) => s.get(id)),
    put: async (c) => void (await run('readwrite', (s) => s.put(c))),
    remove: async (id) => void (await run('readwrite', (s) => s.delete(id))),
  };
}
