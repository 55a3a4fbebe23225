import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The one JSON line per request. Nothing in it should ever hold a credential (the line is
 * built from named fields, never from headers), and redaction is configured anyway, so that a
 * field added later under one of these names cannot leak one.
 */
export const REDACTED_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["x-security-token"]',
  'authorization',
  'cookie',
  'token',
  'password',
  'secret',
  'signature',
  '*.authorization',
  '*.cookie',
  '*.token',
  '*.password',
  '*.secret',
  '*.signature',
];

export function createAccessLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      base: null,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
