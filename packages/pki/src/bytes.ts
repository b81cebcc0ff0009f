/** Byte helpers that behave the same in the browser and in Node: no Buffer, no node:*. */

export function toBase64(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000)
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return Array.from(view, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function reversed(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes).reverse();
}

/** A fresh ArrayBuffer holding exactly these bytes (views may share a larger buffer). */
export function toArrayBuffer(bytes: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Overwrites key material we no longer need; JS cannot promise more than that. */
export function wipe(bytes: Uint8Array | undefined): void {
  bytes?.fill(0);
}

/**
 * DER from what people upload: raw DER, base64 of DER, or PEM (any label). Returns null when the
 * input is none of these.
 */
export function decodeDerOrPem(input: Uint8Array | string): Uint8Array | null {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes.length && bytes[0] === 0x30) return Uint8Array.from(bytes);
  const text = new TextDecoder('latin1').decode(bytes);
  const pem = /-----BEGIN [A-Z0-9 #]+-----([\s\S]*?)-----END [A-Z0-9 #]+-----/.exec(text);
  const body = (pem ? pem[1] : text).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  let der: Uint8Array;
  try {
    der = fromBase64(body);
  } catch {
    return null;
  }
  return der.length && der[0] === 0x30 ? der : null;
}
