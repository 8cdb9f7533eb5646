/**
 * Starts the real PostgreSQL and Meilisearch once per run (embedded under DATA_DIR/test, or
 * TEST_DATABASE_URL / TEST_MEILI_URL), in a fresh database and index prefix, and removes both at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/config.js';
import { connectDb, migrateDb, type Db } from '../../server/lib/db.js';
import { logger } from '../../server/lib/logger.js';
import { connectSearch, type Search } from '../../server/lib/search.js';
import { startServices, type Services } from '../../server/lib/services.js';
import { seedBase } from '../../seed/base.js';

export interface TestEnv {
  config: Config;
  db: Db;
  search: Search;
  databaseUrl: string;
  services: Services;
}

// Mocha loads this file through `require` and the tests import it again: keep the state on globalThis so both see it.
const state = globalThis as typeof globalThis & { __gjtTestEnv?: TestEnv | null };
const runId = `t${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;

/** The services of this test run (available in every test file). */
export function testEnv(): TestEnv {
  if (!state.__gjtTestEnv) throw new Error('test services are not started (mochaGlobalSetup did not run)');
  return state.__gjtTestEnv;
}

/** A fresh, migrated database on the test server, for tests that need the whole database to themselves. */
export async function isolatedDatabase(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const env = testEnv();
  const url = await createDatabase(env.services.databaseUrl, `${runId}_${crypto.randomBytes(3).toString('hex')}`);
  const db = connectDb(url, 10);
  await migrateDb(db);
  await seedBase(db);
  return {
    db,
    url,
    drop: async () => {
      await db.$client.end();
      await dropDatabase(url);
    },
  };
}

/** A private directory of this run (removed at the end). */
export function runDir(name: string): string {
  return path.join(testEnv().config.dataDir, 'test-runs', runId, name);
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.end();
}

export async function mochaGlobalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  logger.level = process.env.LOG_LEVEL ?? 'silent';
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: undefined, MEILI_URL: undefined, MEILI_INDEX_PREFIX: `${runId}_` });
  const services = await startServices(config, logger, {
    databaseUrl: process.env.TEST_DATABASE_URL,
    meiliUrl: process.env.TEST_MEILI_URL,
    meiliKey: process.env.TEST_MEILI_MASTER_KEY,
    database: 'postgres',
    // One directory per run, so concurrent runs never share (or stop) each other's servers.
    subdir: path.join('test-runs', runId),
  });
  const databaseUrl = await createDatabase(services.databaseUrl, runId);
  const db = connectDb(databaseUrl, 20);
  await migrateDb(db);
  await seedBase(db);
  const search = connectSearch(services.meiliUrl, services.meiliKey, config.meiliIndexPrefix);
  state.__gjtTestEnv = { config: { ...config, databaseUrl, meiliUrl: services.meiliUrl, filesDir: path.join(config.dataDir, 'test-runs', runId, 'files') }, db, search, databaseUrl, services };
}

export async function mochaGlobalTeardown(): Promise<void> {
  if (!state.__gjtTestEnv) return;
  const { db, search, databaseUrl, services } = state.__gjtTestEnv;
  await db.$client.end();
  await dropDatabase(databaseUrl).catch((err: unknown) => console.error('could not drop test database', err));
  const { results } = await search.client.getIndexes({ limit: 1000 }).catch(() => ({ results: [] as { uid: string }[] }));
  for (const index of results) if (index.uid.startsWith(search.prefix)) await search.client.deleteIndex(index.uid).catch(() => undefined);
  await services.stop();
  fs.rmSync(path.join(state.__gjtTestEnv.config.dataDir, 'test-runs', runId), { recursive: true, force: true });
  state.__gjtTestEnv = null;
}
