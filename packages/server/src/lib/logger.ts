import pino from 'pino';

/**
 * Personal data never reaches the logs (152-ФЗ): these paths are censored wherever they appear.
 */
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

export function createLogger(
  level: string,
  pretty = false,
  destination?: pino.DestinationStream,
): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: '[скрыто]' },
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
