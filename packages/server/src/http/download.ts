import type { FastifyReply } from 'fastify';

/**
 * Sends `bytes` as a file to save: its type, `attachment` with the name in ASCII for old clients
 * and in UTF-8 (RFC 6266, RFC 5987 `filename*`) for the rest, and no caching (the files are an
 * organization's documents).
 */
export function sendFile(reply: FastifyReply, file: { bytes: Uint8Array; type: string; name: string }) {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(file.name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return reply
    .header('content-type', file.type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}
