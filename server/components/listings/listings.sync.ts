/**
 * Outbox → Meilisearch. Each change writes an outbox row in its own transaction; the drain reads
 * the current rows from PostgreSQL (so the index converges on the database whatever the order),
 * upserts published listings, deletes the rest, waits for the tasks, then removes the outbox rows.
 * A failed drain retries with backoff in-process and through a pg-boss job, so nothing is lost
 * while Meilisearch is down.
 */
import type { Db } from '../../lib/db.js';
import type { Jobs } from '../../lib/jobs.js';
import type { Logger } from '../../lib/logger.js';
import { waitTask, type Search } from '../../lib/search.js';
import { getTaxonomy } from '../taxonomy/index.js';
import * as repo from './listings.repository.js';
import { INDEX_NAMES, ensureIndex, forgetOrganizationNames, toDocument } from './listings.search.js';
import type { Kind } from './listings.kinds.js';

export const SEARCH_SYNC_JOB = 'search-sync';

/** A listing whose catalogue state was just applied to the index. */
export interface IndexedChange {
  kind: Kind;
  id: string;
  published: boolean;
}
type IndexedListener = (changes: IndexedChange[]) => void;
const BATCH = 1000;

export interface SearchSync {
  /** Asks for a drain soon (after a commit). */
  kick(): void;
  /** Drains everything now; resolves when the outbox is empty or throws when Meilisearch fails. */
  drain(): Promise<number>;
  /** Resolves once no drain is running or scheduled (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  /** Other components (matching) react to catalogue changes once they are searchable. */
  onIndexed(listener: IndexedListener): void;
}

/** Maps an industry code to itself and all its ancestors (group, parent), for the documents' industryPath. */
export async function industryParents(db: Db): Promise<(code: string) => string[]> {
  const tax = await getTaxonomy(db);
  const parents = new Map(tax.industries.map((i) => [i.code, i.parent]));
  return (code) => {
    const path = [code];
    for (let p = parents.get(code); p && path.length < 5; p = parents.get(p)) path.unshift(p);
    return path;
  };
}

/** Sends a batch of listing rows to the index: published ones upserted, others deleted. */
export async function applyToIndex(db: Db, search: Search, rows: repo.ListingRow[], removedIds: { kind: Kind; id: string }[]): Promise<void> {
  const parentOf = await industryParents(db);
  const names = await repo.orgNames(db, rows.map((r) => r.ownerOrgId));
  const tasks = [];
  for (const kind of ['achievement', 'demand'] as const) {
    const index = search.client.index(search.index(INDEX_NAMES[kind]));
    const docs = rows.filter((r) => r.kind === kind && r.status === 'published').map((r) => toDocument(r, parentOf, names.get(r.ownerOrgId)?.name ?? ''));
    const gone = [...rows.filter((r) => r.kind === kind && r.status !== 'published').map((r) => r.id), ...removedIds.filter((r) => r.kind === kind).map((r) => r.id)];
    if (docs.length) tasks.push(index.addDocuments(docs, { primaryKey: 'id' }));
    if (gone.length) tasks.push(index.deleteDocuments(gone));
  }
  for (const t of tasks) {
    const task = await waitTask(search.client, t, { timeout: 60_000, interval: 20 });
    if (task.status === 'failed') throw new Error(`Meilisearch task ${task.uid} failed: ${task.error?.message}`);
  }
  forgetOrganizationNames();
}

export function createSearchSync(db: Db, search: Search, log: Logger, jobs?: Jobs): SearchSync {
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;
  let ready: Promise<void> | null = null;
  const indexedListeners: IndexedListener[] = [];

  const ensureIndexes = () => {
    ready ??= Promise.all((['achievement', 'demand'] as const).map((k) => ensureIndex(search.client, search.index(INDEX_NAMES[k]), k))).then(
      () => undefined,
      (err: unknown) => {
        ready = null;
        throw err;
      },
    );
    return ready;
  };

  async function drainOnce(): Promise<number> {
    await ensureIndexes();
    const changes: IndexedChange[] = [];
    const n = await db.transaction(async (tx) => {
      const outbox = await repo.takeOutbox(tx, BATCH);
      if (!outbox.length) return 0;
      const ids = [...new Set(outbox.map((o) => o.listingId))];
      const rows = await repo.findListingsByIds(tx, ids);
      const missing = ids.filter((id) => !rows.some((r) => r.id === id));
      await applyToIndex(db, search, rows, missing.flatMap((id) => [{ kind: 'achievement' as const, id }, { kind: 'demand' as const, id }]));
      await repo.deleteOutbox(tx, outbox.map((o) => o.id));
      changes.push(...rows.map((r) => ({ kind: r.kind, id: r.id, published: r.status === 'published' })));
      return outbox.length;
    });
    for (const l of indexedListeners) {
      try {
        l(changes);
      } catch (err) {
        log.error({ err }, 'indexed listener failed');
      }
    }
    return n;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await drainOnce();
      total += n;
      if (n < BATCH) return total;
    }
  }

  function schedule(delay: number) {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      run();
    }, delay);
  }

  function run() {
    if (running) {
      again = true;
      return;
    }
    running = drain();
    running
      .then(
        () => {
          failures = 0;
        },
        (err: unknown) => {
          failures++;
          const delay = Math.min(60_000, 500 * 2 ** Math.min(failures, 7));
          log.warn({ err, retryInMs: delay }, 'search sync failed; the outbox keeps the changes');
          // The durable retry: survives a restart of this process.
          void jobs?.send(SEARCH_SYNC_JOB, {}, { singletonKey: SEARCH_SYNC_JOB, retryLimit: 20, retryDelay: 5, retryBackoff: true }).catch(() => undefined);
          schedule(delay);
        },
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  }

  return {
    kick: () => {
      if (!stopped) run();
    },
    drain: () => drain(),
    idle: async () => {
      while (running) await running.catch(() => undefined);
    },
    onIndexed: (listener) => {
      indexedListeners.push(listener);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
