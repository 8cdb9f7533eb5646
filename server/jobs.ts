/** Background work on pg-boss: search sync retries and safety net, daily listing expiry, saved-search matching retries and daily digests, match responsiveness counts, term associations, roadshow reminders. */
import type { Jobs } from './lib/jobs.js';
import type { Logger } from './lib/logger.js';
import type { BuiltApp } from './app.js';
import { notifySavedSearches, runExpiry, sendDailyDigests, SAVED_SEARCH_DIGEST_JOB, SAVED_SEARCH_MATCH_JOB, SEARCH_SYNC_JOB, type IndexedChange } from './components/listings/index.js';
import { ROADSHOW_REMINDER_JOB, sendDueReminders } from './components/roadshows/index.js';
import { ASSOCIATIONS_JOB, MATCH_REFRESH_JOB, RESPONSIVENESS_JOB, hasAssociations, rebuildTermAssociations, recomputeResponsiveness, refreshStoredMatches } from './components/matching/index.js';

const LISTING_EXPIRY_JOB = 'listing-expiry';

/**
 * Every process works the queues (pg-boss hands each job to one of them, SKIP LOCKED) and declares the
 * schedules (an upsert; pg-boss' cron fires once per minute across processes). `startupJobs`: one process
 * (the only one, or worker 1) also queues the start-up recount, so N workers do not queue it N times.
 */
export async function registerJobs(jobs: Jobs, app: Pick<BuiltApp, 'listings' | 'matching' | 'savedSearches'>, log: Logger, opts: { startupJobs: boolean } = { startupJobs: true }): Promise<void> {
  const { listings, matching, savedSearches } = app;
  for (const q of [SEARCH_SYNC_JOB, LISTING_EXPIRY_JOB, MATCH_REFRESH_JOB, RESPONSIVENESS_JOB, ROADSHOW_REMINDER_JOB, SAVED_SEARCH_MATCH_JOB, SAVED_SEARCH_DIGEST_JOB, ASSOCIATIONS_JOB]) await jobs.createQueue(q);
  await jobs.work<IndexedChange>(MATCH_REFRESH_JOB, async ([job]) => {
    if (job) await refreshStoredMatches(matching, job.data.kind, job.data.id, job.data.published);
  });
  await jobs.work(SEARCH_SYNC_JOB, async () => {
    const n = await listings.sync.drain();
    if (n) log.info({ changes: n }, 'search outbox drained');
  });
  await jobs.work(LISTING_EXPIRY_JOB, async () => {
    const r = await runExpiry(listings);
    log.info(r, 'listing expiry run');
  });
  await jobs.work(RESPONSIVENESS_JOB, async () => {
    const orgs = await recomputeResponsiveness(matching.db);
    log.debug({ orgs }, 'match responsiveness recounted');
  });
  await jobs.work(ASSOCIATIONS_JOB, async () => {
    const r = await rebuildTermAssociations(matching.db);
    log.info(r, 'term associations rebuilt');
  });
  await jobs.work<{ changes: IndexedChange[] }>(SAVED_SEARCH_MATCH_JOB, async ([job]) => {
    if (job) await notifySavedSearches(savedSearches, job.data.changes);
  });
  await jobs.work(SAVED_SEARCH_DIGEST_JOB, async () => {
    const r = await sendDailyDigests(savedSearches);
    log.info(r, 'saved-search digests sent');
  });
  await jobs.work(ROADSHOW_REMINDER_JOB, async () => {
    const n = await sendDueReminders(listings.db);
    if (n) log.info({ roadshows: n }, 'roadshow reminders sent');
  });
  // A drain every minute catches changes whose in-process kick was lost (crash between commit and kick).
  await jobs.schedule(SEARCH_SYNC_JOB, '* * * * *', {}, { singletonKey: SEARCH_SYNC_JOB });
  // Registrants hear 30 minutes before the start: a check every minute, each roadshow reminded once (row flag).
  await jobs.schedule(ROADSHOW_REMINDER_JOB, '* * * * *', {}, { singletonKey: ROADSHOW_REMINDER_JOB });
  await jobs.schedule(LISTING_EXPIRY_JOB, '0 2 * * *', {}, { tz: 'Asia/Shanghai' });
  // Saved searches with a daily digest: one notification per user at 08:00 China time (a row per user and day guards it).
  await jobs.schedule(SAVED_SEARCH_DIGEST_JOB, '0 8 * * *', {}, { tz: 'Asia/Shanghai' });
  // The factor weighs 0.05 and moves slowly: a recount every 10 minutes (and one now) keeps reads to one indexed lookup.
  await jobs.schedule(RESPONSIVENESS_JOB, '*/10 * * * *', {});
  if (opts.startupJobs) await jobs.send(RESPONSIVENESS_JOB, {});
  // Publication changes queue a rebuild (debounced, see startMatchRefresher); at start only when there is none yet.
  if (opts.startupJobs && !(await hasAssociations(matching.db))) await jobs.send(ASSOCIATIONS_JOB, {});
}
