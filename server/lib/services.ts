/** Resolves PostgreSQL and Meilisearch: external when URLs are given, else embedded real servers under DATA_DIR. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { startEmbeddedMeilisearch, startEmbeddedPostgres } from './embedded.js';
import type { Logger } from './logger.js';

export interface Services {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string | undefined;
  /** Stops whatever was started here (external servers are left alone). */
  stop(): Promise<void>;
}

export async function startServices(
  config: Config,
  log: Logger,
  opts: { databaseUrl?: string; meiliUrl?: string; meiliKey?: string; database?: string; subdir?: string } = {},
): Promise<Services> {
  const base = path.join(config.dataDir, opts.subdir ?? '');
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log.error({ err }, 'stopping embedded service failed'));
    stops.length = 0;
  };
  try {
    let databaseUrl = opts.databaseUrl ?? config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dir: path.join(base, 'pg'), log: (l) => log.debug({ svc: 'postgres' }, l) }, opts.database ?? 'guijitong');
      stops.push(pg.stop);
      databaseUrl = pg.url;
      log.info({ svc: 'postgres' }, `embedded PostgreSQL running (data in ${path.join(base, 'pg')})`);
    }
    let meiliUrl = opts.meiliUrl ?? config.meiliUrl;
    let meiliKey = opts.meiliUrl ? opts.meiliKey : config.meiliMasterKey;
    if (!meiliUrl) {
      const meili = await startEmbeddedMeilisearch({ dir: path.join(base, 'meili'), log: (l) => log.debug({ svc: 'meilisearch' }, l) });
      stops.push(meili.stop);
      meiliUrl = meili.url;
      meiliKey = meili.masterKey;
      log.info({ svc: 'meilisearch' }, `embedded Meilisearch running at ${meili.url} (data in ${path.join(base, 'meili')})`);
    }
    return { databaseUrl, meiliUrl, meiliKey, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** SESSION_SECRET, or one generated once and kept under DATA_DIR. */
export function sessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
