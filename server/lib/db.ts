import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from '../db/schema.js';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A database handle or an open transaction: repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

// NUMERIC (money) arrives as a string; keep it so, sums stay exact. BIGINT counts become numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');

/**
 * A checked-out client whose connection ends (PostgreSQL restarted) goes back to the pool as failed, so the pool
 * drops it; and a second release is a no-op. Without this, a client is lost for good whenever its holder does not
 * release it after such an end: Drizzle's transaction() when its `begin` fails, the Socket.IO adapter's LISTEN
 * client. Each outage then shrank the pool, and `pool.end()` at shutdown waited for them forever.
 */
class RecoveringPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    if (!callback) return super.connect().then(guard);
    super.connect((err, client, done) => (client ? callback(err, guard(client), client.release as (release?: unknown) => void) : callback(err, client, done)));
  }
}

function guard(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const onEnd = () => client.release(new Error('connection ended'));
  client.release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('end', onEnd);
    release(err);
  };
  client.once('end', onEnd);
  return client;
}

/** Opens a pool on `url` and wraps it in Drizzle with the full schema. */
export function connectDb(url: string, max = 10): Db {
  const pool = new RecoveringPool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* a dropped idle client: the pool replaces it; health reports db down meanwhile */
  });
  // A checked-out client has no error listener of the pool's: one that loses its connection while idle in our
  // hands (a transaction waiting on Meilisearch, the Socket.IO adapter's LISTEN) would throw an uncaught 'error'
  // event. Its next query fails instead, and the failed client is discarded on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return drizzle(pool, { schema }) as Db;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, connection exceptions (class 08).
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006',
]);
const UNAVAILABLE_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /not queryable/i, /the database system is (starting up|shutting down|in recovery mode)/i];

/** True when `err` (or what caused it, e.g. inside a Drizzle query error) means PostgreSQL cannot be reached. */
export function isDbUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}

/** Applies the committed migrations (idempotent). */
export async function migrateDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}

export { schema };
