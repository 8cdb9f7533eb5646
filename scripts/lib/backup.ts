/**
 * `npm run backup` / `npm run restore`: one .tar.gz holding
 *   manifest.json  what is inside (tables with their columns and row counts, migration level, files, PostgreSQL version)
 *   db/<table>.copy  every table of the `public` schema, in PostgreSQL's COPY text format, all read inside ONE
 *                    REPEATABLE READ READ ONLY transaction: a consistent snapshot, as pg_dump takes it, while the server writes
 *   files/         the uploaded files (copied after the snapshot, so every file a snapshotted row names is there)
 *
 * Why COPY and not pg_dump: the embedded PostgreSQL (18) ships only initdb/pg_ctl/postgres, and Debian's
 * pg_dump 15 refuses a newer server. The schema is not dumped because the committed migrations are the schema:
 * restore migrates an empty database, then loads the rows. Job-queue state (pg-boss) and Socket.IO attachments are
 * transient and left out; the search indexes are derived and rebuilt by restore (`reindex`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import * as tar from 'tar';

export const BACKUP_FORMAT = 'guijitong-backup';
/** Transient tables: not backed up, emptied on restore. */
const SKIP = new Set(['socket_io_attachments']);

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  postgres: string;
  /** Applied migrations (drizzle.__drizzle_migrations): restore refuses an archive from a newer schema. */
  migrations: number;
  tables: { name: string; columns: string[]; rows: number; file: string }[];
  files: { count: number; bytes: number };
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function tablesOf(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `select c.relname::text as name, array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      group by c.relname order by c.relname`,
  );
  return rows.filter((r) => !SKIP.has(r.name));
}

async function migrationCount(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`).catch(() => ({ rows: [{ n: 0 }] }));
  return rows[0]?.n ?? 0;
}

/** Writes the archive to `out` (mode 0600: it holds password hashes and sessions); returns its manifest. */
export async function backup(opts: { databaseUrl: string; filesDir: string; out: string; log?: (line: string) => void }): Promise<Manifest> {
  const log = opts.log ?? (() => {});
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'gjt-backup-'));
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  client.on('error', () => {});
  try {
    fs.mkdirSync(path.join(stage, 'db'));
    await client.connect();
    await client.query('begin isolation level repeatable read read only');
    const tables = await tablesOf(client);
    const migrations = await migrationCount(client);
    const version = (await client.query<{ v: string }>('show server_version')).rows[0]!.v;
    const manifest: Manifest = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), postgres: version, migrations, tables: [], files: { count: 0, bytes: 0 } };
    for (const t of tables) {
      const file = `db/${t.name}.copy`;
      const stream = client.query(copyTo(`copy ${q(t.name)} (${t.columns.map(q).join(', ')}) to stdout`));
      await pipeline(stream, fs.createWriteStream(path.join(stage, file), { mode: 0o600 }));
      manifest.tables.push({ ...t, rows: stream.rowCount, file });
      log(`  ${t.name}: ${stream.rowCount} rows`);
    }
    await client.query('commit');

    const files = walk(opts.filesDir).filter((f) => !path.relative(opts.filesDir, f).startsWith(`tmp${path.sep}`));
    for (const f of files) {
      const target = path.join(stage, 'files', path.relative(opts.filesDir, f));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(f, target);
      manifest.files.count++;
      manifest.files.bytes += fs.statSync(f).size;
    }
    fs.writeFileSync(path.join(stage, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    const partial = `${opts.out}.partial-${crypto.randomBytes(3).toString('hex')}`;
    await tar.c({ gzip: true, file: partial, cwd: stage, portable: true }, ['manifest.json', 'db', ...(manifest.files.count ? ['files'] : [])]);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, opts.out);
    return manifest;
  } finally {
    await client.end().catch(() => undefined);
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** Reads and checks an archive's manifest, extracting it into a temporary directory (removed by `cleanup`). */
export async function openArchive(file: string): Promise<{ dir: string; manifest: Manifest; cleanup(): void }> {
  if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gjt-restore-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await tar.x({ file, cwd: dir, strict: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1) throw new Error('not a 桂技通 backup (manifest.json has another format)');
    for (const t of manifest.tables) if (!fs.existsSync(path.join(dir, t.file)) || !/^[a-z0-9_]+$/.test(t.name)) throw new Error(`archive damaged: ${t.file}`);
    return { dir, manifest, cleanup };
  } catch (err) {
    cleanup();
    throw err instanceof Error && /TAR_|zlib|incorrect header|unexpected end/i.test(`${(err as { code?: string }).code ?? ''} ${err.message}`) ? new Error(`not a readable .tar.gz archive: ${file}`, { cause: err }) : err;
  }
}

/** Why this database cannot receive a restore (null when it is empty: no table in `public`, no migration applied). */
export async function databaseNotEmpty(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
    const migrations = await migrationCount(client);
    if (rows[0]!.n || migrations) return `the database already has ${rows[0]!.n} tables and ${migrations} migrations applied`;
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Loads the archive's rows into a freshly migrated database, in one transaction with foreign-key triggers
 * off (session_replication_role = replica: rows arrive in any order), then moves every sequence past its rows.
 */
export async function loadTables(databaseUrl: string, dir: string, manifest: Manifest, log: (line: string) => void = () => {}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const present = new Map((await tablesOf(client)).map((t) => [t.name, t]));
    const missing = manifest.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
    if (missing.length) throw new Error(`the archive has tables this version does not know: ${missing.join(', ')}`);
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    // Migrations may have inserted rows (defaults, reference data): the archive's rows replace them.
    await client.query(`truncate ${[...present.keys()].map(q).join(', ')}`);
    for (const t of manifest.tables) {
      const stream = client.query(copyFrom(`copy ${q(t.name)} (${t.columns.map(q).join(', ')}) from stdin`));
      await pipeline(fs.createReadStream(path.join(dir, t.file)), stream);
      if (stream.rowCount !== t.rows) throw new Error(`${t.name}: loaded ${stream.rowCount} rows, the manifest says ${t.rows}`);
      log(`  ${t.name}: ${t.rows} rows`);
    }
    const { rows: seqs } = await client.query<{ tbl: string; col: string; seq: string }>(
      `select c.relname as tbl, a.attname as col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
         from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind = 'r' and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`,
    );
    for (const s of seqs) await client.query(`select setval($1, coalesce((select max(${q(s.col)}) from ${q(s.tbl)}), 0) + 1, false)`, [s.seq]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Copies the archive's files into `filesDir` (which must be empty or absent). */
export function restoreFiles(dir: string, filesDir: string): number {
  const src = path.join(dir, 'files');
  const files = walk(src);
  for (const f of files) {
    const target = path.join(filesDir, path.relative(src, f));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(f, target);
  }
  return files.length;
}

export { walk as listFiles };
