import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every key is documented in .env.example; names follow API.md "Configuration names". */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.url().optional(),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(16).optional(),
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]*$/).default(''),
  SESSION_SECRET: z.string().min(32).optional(),
  FILES_DIR: z.string().optional(),
  SEED_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_ORIGINS: z.string().default(''),
  TRUST_PROXY: bool.default(false),
  LOGIN_MAX_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(8),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  UPLOAD_MAX_MB: z.coerce.number().positive().default(20),
  LISTING_EXPIRY_MONTHS: z.coerce.number().int().positive().default(12),
  SMTP_URL: z.url().optional(),
  SMTP_FROM: z.string().default('桂技通 <no-reply@guijitong.local>'),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  SOCKET_POLLING: bool.optional(),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().max(60).default(8),
  BACKUP_DIR: z.string().optional(),
  ROADSHOW_SENSITIVE_WORDS_FILE: z.string().optional(),
  ROADSHOW_CHAT_PER_10S: z.coerce.number().int().positive().default(5),
  ROADSHOW_CHAT_MAX_LENGTH: z.coerce.number().int().min(10).max(2000).default(300),
});

export type Config = ReturnType<typeof toConfig>;

const DEFAULT_SENSITIVE_WORDS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../seed/roadshows/sensitive-words.txt');

function toConfig(env: z.infer<typeof envSchema>) {
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    meiliUrl: env.MEILI_URL,
    meiliMasterKey: env.MEILI_MASTER_KEY,
    meiliIndexPrefix: env.MEILI_INDEX_PREFIX,
    sessionSecret: env.SESSION_SECRET,
    filesDir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')),
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    /** Extra origins allowed to make cookie-authenticated writes (e.g. the Vite dev server). */
    publicOrigins: env.PUBLIC_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY,
    login: { maxPerIp: env.LOGIN_MAX_PER_IP, maxPerAccount: env.LOGIN_MAX_PER_ACCOUNT, windowSeconds: env.LOGIN_WINDOW_SECONDS },
    uploadMaxBytes: Math.round(env.UPLOAD_MAX_MB * 1024 * 1024),
    listingExpiryMonths: env.LISTING_EXPIRY_MONTHS,
    /** Self-service password-reset mail; without it, resets are links issued by an admin. */
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null,
    /** HTTP worker processes (node:cluster); the embedded services and migrations stay in the primary. */
    workers: env.WORKERS,
    /**
     * Socket.IO's HTTP long-polling transport. Off by default with several workers: a polling session is
     * bound to the process that opened it, and node:cluster spreads requests without affinity; WebSocket
     * (one TCP connection) needs none. See docs/operations.md.
     */
    socketPolling: env.SOCKET_POLLING ?? env.WORKERS === 1,
    /** SIGTERM: how long in-flight requests may take to finish before connections are closed. */
    shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
    backupDir: path.resolve(env.BACKUP_DIR ?? path.join(dataDir, 'backups')),
    /** Live-room chat: the sensitive-word list (one word a line) masks words; a per-user rate and a length limit. */
    roadshow: {
      sensitiveWordsFile: path.resolve(env.ROADSHOW_SENSITIVE_WORDS_FILE ?? DEFAULT_SENSITIVE_WORDS),
      chatPerWindow: env.ROADSHOW_CHAT_PER_10S,
      chatWindowMs: 10_000,
      chatMaxLength: env.ROADSHOW_CHAT_MAX_LENGTH,
    },
  };
}

/** Reads and validates the environment once; exits with a readable message on bad values. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    console.error(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
    process.exit(1);
  }
  return toConfig(parsed.data);
}
