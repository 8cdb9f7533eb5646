import pino from 'pino';

/** The process-wide logger; request loggers are children of it (see app.ts). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
});
export type Logger = typeof logger;
