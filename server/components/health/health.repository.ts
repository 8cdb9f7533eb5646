import { sql } from 'drizzle-orm';
import type { Db } from '../../lib/db.js';

/** The cheapest round trip to PostgreSQL. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
