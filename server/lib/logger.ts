import pino from 'pino';
import { prettyStream } from './logPretty.js';

/**
 * Human-readable lines when stdout is a terminal (the person who runs it reads them), JSON lines
 * otherwise (log collectors). LOG_FORMAT=json or pretty forces one.
 */
const pretty = process.env.LOG_FORMAT === 'pretty' || (process.env.LOG_FORMAT !== 'json' && process.stdout.isTTY === true);

/** Error fields that can carry row values: SQL parameters, constraint details, request bodies. */
const VALUE_FIELDS = new Set(['params', 'parameters', 'values', 'detail', 'where', 'internalQuery', 'body', 'data', 'sess']);
/** Personal and confidential fields, wherever they appear in a log object. */
const PERSONAL = ['email', 'password', 'passwordHash', 'contactName', 'contactPhone', 'contactEmail', 'idNumber', 'token', 'detail'];

/** Drops value-bearing fields from a serialized error and its causes (database errors carry the query's parameters). */
function scrub(e: Record<string, unknown>, depth = 0): Record<string, unknown> {
  for (const key of Object.keys(e)) {
    const v = e[key];
    if (VALUE_FIELDS.has(key)) e[key] = '[redacted]';
    else if ((key === 'message' || key === 'stack') && typeof v === 'string') e[key] = redactMessage(v);
    else if (v && typeof v === 'object' && depth < 5) e[key] = scrub({ ...(v as Record<string, unknown>) }, depth + 1);
  }
  return e;
}

/**
 * Drizzle's "Failed query: … params: …" message carries the parameters up to the end of its line, and
 * PostgreSQL quotes offending values ('invalid input syntax for type uuid: "…"', 'Key (email)=(…)').
 */
const redactMessage = (m: string) =>
  m
    .replace(/\nparams: .*/g, '\nparams: [redacted]')
    .replace(/: "[^"\n]*"/g, ': "[redacted]"')
    .replace(/\)=\([^\n]*?\)/g, ')=([redacted])');

/** The error serializer of every logger: stack and code kept, values gone. */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: '[non-error value]' };
  return scrub(pino.stdSerializers.err(err) as unknown as Record<string, unknown>);
}

/** Logger options shared by the process logger and any logger built in tests. */
export const loggerOptions: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  serializers: { err: serializeError, error: serializeError },
  redact: {
    paths: [
      'req.headers.cookie',
      'req.headers.authorization',
      'res.headers["set-cookie"]',
      ...PERSONAL,
      ...PERSONAL.map((f) => `*.${f}`),
    ],
    censor: '[redacted]',
  },
};

/** The process-wide logger; request loggers are children of it (see app.ts). */
export const logger = pino(loggerOptions, pretty ? prettyStream(process.stdout, { color: !process.env.NO_COLOR }) : undefined);
export type Logger = typeof logger;
