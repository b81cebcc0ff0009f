/** Byte helpers between Node Buffers, ArrayBuffers (asn1js, pkijs) and text encodings. */

/** A standalone ArrayBuffer holding exactly these bytes (asn1js reads whole buffers). */
export function toArrayBuffer(bytes: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * DER from what people upload: raw DER, base64 of DER, or PEM (any label). Returns null when the
 * input is none of these.
 */
export function decodeDerOrPem(input: Uint8Array | string): Buffer | null {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  if (bytes.length && bytes[0] === 0x30) return bytes;
  const text = bytes.toString('latin1');
  const pem = /-----BEGIN [A-Z0-9 #]+-----([\s\S]*?)-----END [A-Z0-9 #]+-----/.exec(text);
  const body = (pem ? pem[1] : text).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  const der = Buffer.from(body, 'base64');
  return der.length && der[0] === 0x30 ? der : null;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
