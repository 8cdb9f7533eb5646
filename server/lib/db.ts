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

/** Opens a pool on `url` and wraps it in Drizzle with the full schema. */
export function connectDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* a dropped idle client: the pool replaces it; health reports db down meanwhile */
  });
  return drizzle(pool, { schema }) as Db;
}

/** Applies the committed migrations (idempotent). */
export async function migrateDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}

export { schema };
