import { errorStatus, type ApiError, type ErrorCode, type FieldError } from '@openesia/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';

/** Zod messages that are our codes look like `snils.checksum`; anything else is a plain `invalid`. */
function fieldCode(message: string): string {
  return /^[a-z_]+(\.[a-z_]+)*$/.test(message) ? message : 'invalid';
}

function body(code: ErrorCode | string, extra: Partial<ApiError['error']> = {}): ApiError {
  return { error: { code, ...extra } };
}

/**
 * One place turns every failure into a structured JSON error with a stable code. Nothing leaks a
 * stack trace, and nothing reaches the person as a bare 500 unless it really is our fault.
 */
export function installErrorHandling(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const { fields, retryAfterSeconds } = error.details;
      if (retryAfterSeconds) reply.header('retry-after', String(retryAfterSeconds));
      return reply.status(errorStatus[error.code]).send(body(error.code, { fields, retryAfterSeconds }));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: FieldError[] = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        code: fieldCode(v.message ?? ''),
      }));
      return reply.status(400).send(body('validation.failed', { fields }));
    }
    if (isResponseSerializationError(error as any) && (error as any).cause) {
      request.log.error({ err: error }, 'response does not match its schema');
      return reply.status(500).send(body('internal'));
    }
    if (error.code?.startsWith('FST_CSRF')) return reply.status(403).send(body('csrf.invalid'));
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send(
          body('rate.limited', { retryAfterSeconds: Number(reply.getHeader('retry-after')) || undefined }),
        );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, wrong content type, body too large: the client's mistake, said plainly.
      return reply
        .status(error.statusCode === 404 ? 404 : 400)
        .send(body(error.statusCode === 404 ? 'not_found' : 'request.malformed'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal'));
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any unknown page address gets index.html.
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (options.spaFallback && isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send(body('not_found'));
  });
}
