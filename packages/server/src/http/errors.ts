import {
  apiErrorSchema,
  errorStatus,
  type ApiError,
  type ErrorCode,
  type FieldError,
} from '@openesia/contracts';
import { STATUS_CODES } from 'node:http';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';
import { EsiaError } from '../esia/errors.js';
import { EsiaRestError } from '../esia/rest.js';

/** Zod messages that are our codes look like `snils.checksum`; anything else is a plain `invalid`. */
function fieldCode(message: string): string {
  return /^[a-z_]+(\.[a-z_]+)*$/.test(message) ? message : 'invalid';
}

function body(code: ErrorCode | string, extra: Partial<ApiError['error']> = {}): ApiError {
  return { error: { code, ...extra } };
}

/**
 * The error responses of an operation for the OpenAPI document: the status of each code it can
 * answer, in the ApiError shape (contracts/errors.ts). Routes list their own codes with this; the
 * refusals every route shares are added by `installErrorHandling` (see `sharedErrorCodes`).
 */
export function errorResponses(...codes: ErrorCode[]): Record<number, typeof apiErrorSchema> {
  return Object.fromEntries(codes.map((code) => [errorStatus[code], apiErrorSchema]));
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What any route can answer before its handler runs, by what it takes: input is validated
 * (400); a request that may carry a body can be malformed, too large, of another type, or lack its
 * CSRF token (app.ts); a path parameter can be too long for the router (414); a limited route
 * can be over its limit.
 */
export function sharedErrorCodes(route: {
  method: string | string[];
  schema?: { body?: unknown; params?: unknown; querystring?: unknown };
  config?: unknown;
}): ErrorCode[] {
  const methods = [route.method].flat();
  const codes: ErrorCode[] = [];
  const { body: hasBody, params, querystring } = route.schema ?? {};
  if (hasBody || params || querystring) codes.push('validation.failed');
  if (methods.some((m) => BODY_METHODS.has(m)))
    codes.push('request.malformed', 'request.too_large', 'request.unsupported_media_type', 'csrf.invalid');
  if (params) codes.push('request.uri_too_long');
  if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) codes.push('rate.limited');
  return codes;
}

/** The statuses of Fastify's and Node's own refusals, as our codes; any other 4xx is malformed. */
const requestErrorCodes: Partial<Record<number, ErrorCode>> = {
  404: 'not_found',
  408: 'request.timeout',
  413: 'request.too_large',
  414: 'request.uri_too_long',
  415: 'request.unsupported_media_type',
  431: 'request.headers_too_large',
};
const requestErrorCode = (statusCode: number): ErrorCode =>
  requestErrorCodes[statusCode] ?? 'request.malformed';

function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 500) {
    request.log.error({ err: error }, 'unhandled error');
    void reply.status(500).send(body('internal'));
    return;
  }
  // ESIA's addresses answer in ESIA's shapes even before a route is found (a `%FF` in the path).
  const url = request.url ?? '';
  if (url.startsWith('/rs/')) {
    const refusal = new EsiaRestError('ESIA-005002', error.code);
    void reply.status(refusal.status).send(refusal.body());
    return;
  }
  if (url.startsWith('/aas/') || url.startsWith('/idp/')) {
    void reply.status(400).send(new EsiaError('ESIA-007003', error.code).body(undefined));
    return;
  }
  const code = requestErrorCode(statusCode);
  void reply.status(errorStatus[code]).send(body(code));
}

/**
 * Refusals that happen before a route is found — a URL that cannot be decoded (FST_ERR_BAD_URL),
 * an over-long path parameter (FST_ERR_MAX_PARAM_LENGTH) — and those of Node's HTTP parser, which
 * never reach Fastify's error handler: the request line or the headers beyond `maxHeaderSize`
 * (HPE_HEADER_OVERFLOW), a request that is not HTTP, a client too slow to send it. Fastify's
 * defaults answer them in its own shape; these answer in ours. Spread into Fastify's options.
 */
export const requestErrorOptions = {
  // Fastify types this hook generically over every route's types; it sees no route at all.
  frameworkErrors: answerFrameworkError as FastifyServerOptions['frameworkErrors'],
  clientErrorHandler(error: ConnectionError, socket) {
    // A connection reset or already destroyed: nobody is left to answer (Fastify's default does the same).
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (!socket.writable) return void socket.destroy(error);
    let code: ErrorCode = 'request.malformed';
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') code = 'request.timeout';
    else if (error.code === 'HPE_HEADER_OVERFLOW') {
      // Node counts the request line with the headers; when the line is most of it, the URL is what is too long.
      const packet: unknown = error.rawPacket; // a Buffer at run time, whatever the type says
      const received = Buffer.isBuffer(packet) ? packet.toString('latin1') : '';
      const lineEnd = received.indexOf('\r\n');
      const requestLine = lineEnd === -1 ? received.length : lineEnd;
      code =
        requestLine > received.length - requestLine ? 'request.uri_too_long' : 'request.headers_too_large';
    }
    const status = errorStatus[code];
    const payload = JSON.stringify(body(code));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
    );
  },
} satisfies Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;

/**
 * One place turns every failure into a structured JSON error with a stable code. Nothing leaks a
 * stack trace, and nothing reaches the person as a bare 500 unless it really is our fault.
 */
export function installErrorHandling(app: FastifyInstance, options: { spaFallback: boolean }): void {
  // Every API operation's document lists the refusals it shares with the others (§9: documented
  // as it is). Added before @fastify/swagger is registered, so the document sees them.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || !route.schema || route.schema.hide) return;
    const shared = errorResponses(...sharedErrorCodes(route));
    if (!Object.keys(shared).length) return;
    route.schema.response = { ...shared, ...(route.schema.response as object | undefined) };
  });
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
      const code = requestErrorCode(error.statusCode);
      return reply.status(errorStatus[code]).send(body(code));
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
