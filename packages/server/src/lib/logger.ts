import pino from 'pino';

/**
 * Personal data never reaches the logs (152-ФЗ): these paths are censored wherever they appear.
 */
const CENSOR = '[скрыто]';

export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordRepeat',
  '*.code',
  '*.token',
  '*.snils',
  '*.passport',
  '*.birthDate',
  '*.address',
  '*.phone',
  '*.email',
  '*.contact',
];

/**
 * What database drivers attach to an error that carries the statement's values: Drizzle's
 * DrizzleQueryError (`query`, `params`, and both again in its message), PGlite's error (`query`,
 * `params`, `queryOptions`), PostgreSQL's error fields (`detail`: "Key (value)=(a@b.ru) already
 * exists", `where`: "unnamed portal parameter $1 = '...'", `internalQuery`, `hint`). None of it
 * is logged: the SQLSTATE, table, column, constraint and routine say what went wrong without it.
 */
const VALUE_CARRIERS = new Set([
  'query',
  'params',
  'parameters',
  'queryOptions',
  'detail',
  'where',
  'hint',
  'internalQuery',
  'position',
  'internalPosition',
]);

/** A PostgreSQL data exception (SQLSTATE class 22) quotes the offending value after a colon. */
function withoutQuotedValue(message: string, sqlState: unknown): string {
  if (typeof sqlState !== 'string' || !/^22[0-9A-Z]{3}$/.test(sqlState)) return message;
  const colon = message.indexOf(':');
  return colon === -1 ? message : `${message.slice(0, colon)}: ${CENSOR}`;
}

/** Drizzle's "Failed query: <sql>\nparams: <values>": the SQL text stays, the values go. */
function withoutParams(message: string): string {
  const at = message.search(/\n\s*params:/);
  return at === -1 ? message : `${message.slice(0, at)}\nparams: ${CENSOR}`;
}

/**
 * pino's error serializer with the values removed (README: personal data is redacted in logs). The
 * standard one copies every enumerable property and repeats the message of each cause in the
 * message and the stack, so a failed INSERT logged the e-mail and the birth place it carried.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const fields = err as Error & Record<string, unknown>;
  const type = err.constructor?.name || 'Error';
  const message = withoutQuotedValue(withoutParams(err.message), fields.code);
  // The stack starts with the unredacted message; keep only its frames.
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: Record<string, unknown> = {
    type,
    message,
    stack: [`${type}: ${message}`, ...frames].join('\n'),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'cause' || key === 'message' || key === 'stack' || VALUE_CARRIERS.has(key)) continue;
    out[key] = value instanceof Error ? serializeError(value, depth + 1) : value;
  }
  if (err instanceof AggregateError && depth < 5)
    out.errors = err.errors.map((e: unknown) => serializeError(e, depth + 1));
  if (fields.cause !== undefined && depth < 5) out.cause = serializeError(fields.cause, depth + 1);
  return out;
}

export function createLogger(
  level: string,
  pretty = false,
  destination?: pino.DestinationStream,
): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: CENSOR },
    serializers: { err: serializeError },
    ...(pretty && !destination
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
