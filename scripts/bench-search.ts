/**
 * npm run bench:search — the search benchmark of issue 3, in one run on its own data:
 *
 *   (a) `reindex` (PostgreSQL → new index → swap) of 100,000 listings vs a raw `addDocuments` of the
 *       same documents in the same batch size into a fresh index with the same settings;
 *   (b) publish → searchable latency at 10 publishes/s through the real API (approve → document
 *       retrievable from Meilisearch) vs a raw single-document `addDocuments` → retrievable at 10/s;
 *   (c) catalogue query latency through `GET /api/achievements|demands` vs the raw Meilisearch search
 *       with exactly the parameters `searchCatalogue` builds.
 *
 * Services run under DATA_DIR/bench (embedded unless DATABASE_URL / MEILI_URL are set); the run creates
 * a fresh database `bench_<timestamp>` and index prefix `bench<timestamp>_`, and removes both at the end
 * (also on Ctrl-C). Options: --listings N (default 100000), --seconds S for (b) (default 30),
 * --rounds R for (c) (default 16 rounds × 22 shapes = 352 requests per path).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import { sql } from 'drizzle-orm';
import type { SearchParams } from 'meilisearch';
import pg from 'pg';
import { withCreditCodeCheck } from '../common/creditCode.js';
import type { Role } from '../common/roles.js';
import { catalogueQuerySchema, type CatalogueQuery } from '../common/schemas/listings.js';
import { seedBase } from '../seed/base.js';
import { readDemo, type DemoOrg } from '../seed/demo.js';
import { createApp } from '../server/app.js';
import { upsertUser } from '../server/components/auth/index.js';
import {
  INDEX_NAMES,
  KINDS,
  catalogueFilter,
  createSearchSync,
  indexSettings,
  industryParents,
  listings,
  listingsRepository as repo,
  reindex,
  toDocument,
  type Kind,
  type SearchSync,
} from '../server/components/listings/index.js';
import { insertOrganization } from '../server/components/organizations/index.js';
import { getTaxonomy, type Taxonomy } from '../server/components/taxonomy/index.js';
import { loadConfig } from '../server/config.js';
import { connectDb, migrateDb, type Db } from '../server/lib/db.js';
import { logger } from '../server/lib/logger.js';
import { connectSearch, type Search } from '../server/lib/search.js';
import { startServices, type Services } from '../server/lib/services.js';
import { args } from './cli.js';

// ---------------------------------------------------------------- options, helpers

const opt = args();
const TOTAL = Number(opt.listings ?? 100_000);
const PUBLISH_SECONDS = Number(opt.seconds ?? 30);
const QUERY_ROUNDS = Number(opt.rounds ?? 16);
const PUBLISH_INTERVAL_MS = 100; // 10 publishes/s
const POLL_MS = 20; // getDocument poll interval while waiting for a document to become visible
const INSERT_BATCH = 1000;
const DOC_BATCH = 5000; // the page size reindex uses (listings.maintenance.ts documents())
const PASSWORD = 'Bench-Passw0rd-2026';
const DAY = 86400_000;

const now = () => process.hrtime.bigint();
const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
/** 1-minute load average: other work on this machine shows here (the run itself adds ≈ 2 on 2 cores). */
const loads: string[] = [];
const noteLoad = (phase: string) => loads.push(`${phase} ${os.loadavg()[0]!.toFixed(1)}`);

function pct(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const summary = (v: number[]) => ({ n: v.length, p50: pct(v, 50), p95: pct(v, 95), max: v.length ? Math.max(...v) : Number.NaN });

/** Deterministic PRNG (mulberry32): the same data every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(next() * arr.length)]!;
  const chance = (p: number) => next() < p;
  const some = <T>(arr: readonly T[], min: number, max: number): T[] => {
    const copy = [...arr];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, int(min, Math.min(max, copy.length)));
  };
  return { next, int, pick, chance, some };
}
const R = rng(20260301);

function bar(label: string, total: number, unit = '条') {
  const b = new cliProgress.SingleBar(
    { format: ` ${label} |{bar}| {value}/{total} ${unit} ({percentage}%) {duration_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  b.start(Math.max(total, 1), 0);
  return b;
}

// ---------------------------------------------------------------- realistic generated listings

interface DemoAchievement {
  orgKey: string;
  title: string;
  titleEn?: string;
  summary: string;
  summaryEn?: string;
  detail: string;
  keywords: string[];
  industry: string;
  technicalField?: string;
  trl: number;
  transferModes: string[];
  ipItems?: { type: string; number: string; status: string; share?: number | null }[];
  price?: number | null;
  cityCode: string;
  source: 'fiscal_program' | 'award' | 'other';
  contactName: string;
  contactPhone?: string;
  contactEmail?: string;
}
interface DemoDemand {
  orgKey: string;
  title: string;
  titleEn?: string;
  problem: string;
  expectedOutcome: string;
  keywords: string[];
  industry: string;
  trlMin?: number | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  deadline?: string | null;
  cooperationModes: string[];
  cityCode: string;
  contactName: string;
  contactPhone?: string;
  contactEmail?: string;
}

const ACH = readDemo<DemoAchievement[]>('achievements');
const DEM = readDemo<DemoDemand[]>('demands');
const TITLE_PREFIX = ['', '', '', '', '新型', '高效', '智能化', '低成本', '绿色', '轻量化', '模块化', '一体化', '高可靠', '数字化'];
const TITLE_SUFFIX = ['', '', '', '（第二代）', '（改进型）', '及其产业化应用', '中试示范', '成套装备', '集成工艺', '（小型化版本）', '在丘陵山区的推广应用', '优化方案', '及配套装置', '工程化验证', '技术包', '示范线建设', '（2.0版）'];
const MODEL = ['A', 'B', 'S', 'Pro', 'Plus', 'M'];
const EXTRA_KEYWORDS = ['产业化', '中试', '节能降耗', '提质增效', '自动化', '数字孪生', '绿色制造', '标准化', '低碳', '国产替代'];
const EN_SUFFIX = ['', ' (2nd generation)', ' (improved)', ' and its industrial application', ' pilot demonstration', ' process package'];

function variedTitle(base: string): string {
  const prefix = R.pick(TITLE_PREFIX);
  let t = (prefix && !base.startsWith(prefix) ? prefix : '') + base + R.pick(TITLE_SUFFIX);
  if (R.chance(0.2)) t += ` GX-${R.int(100, 999)}${R.pick(MODEL)}`;
  return t.slice(0, 100);
}
function variedKeywords(base: string[], sameIndustry: { keywords: string[] }[]): string[] {
  const out = new Set(R.some(base, Math.min(2, base.length), 6));
  if (R.chance(0.5)) for (const k of R.pick(sameIndustry).keywords.slice(0, R.int(1, 2))) out.add(k);
  if (R.chance(0.3)) out.add(R.pick(EXTRA_KEYWORDS));
  return [...out].filter((k) => k.length <= 20).slice(0, 8);
}
const byIndustry = <T extends { industry: string }>(items: T[]) => {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(it.industry, [...(m.get(it.industry) ?? []), it]);
  return m;
};
const ACH_BY_IND = byIndustry(ACH);
const DEM_BY_IND = byIndustry(DEM);
/** A price in yuan around `base` (or log-uniform 5万–5000万), rounded to 100. */
const varyMoney = (base: number | null | undefined) => {
  const v = base ? base * Math.exp((R.next() - 0.5) * 2) : Math.exp(Math.log(5e4) + R.next() * Math.log(1000));
  return Math.max(1000, Math.round(v / 100) * 100);
};

interface World {
  tax: Taxonomy;
  leafIndustries: string[];
  orgs: { key: string; id: string; type: string; userId: string; zoneId: string | null; cityCode: string }[];
  orgByKey: Map<string, World['orgs'][number]>;
}

/** API-shaped fields (money in yuan) of the i-th generated listing. */
function generateFields(w: World, kind: Kind): { fields: Record<string, unknown>; org: World['orgs'][number] } {
  const city = R.pick(w.tax.cities);
  const zones = w.tax.zones.filter((z) => z.cityCode === city.code);
  const zoneId = zones.length && R.chance(0.3) ? R.pick(zones).id : null;
  const ownerTypes = kind === 'achievement' ? ['university', 'institute', 'agency'] : ['enterprise'];
  if (kind === 'achievement') {
    const t = R.pick(ACH);
    const industry = R.chance(0.85) ? t.industry : R.pick(w.leafIndustries);
    const peers = ACH_BY_IND.get(t.industry) ?? [t];
    const other = R.pick(peers);
    const org = R.chance(0.8) && w.orgByKey.get(t.orgKey) ? w.orgByKey.get(t.orgKey)! : R.pick(w.orgs.filter((o) => ownerTypes.includes(o.type)));
    const detail = [t.detail, other !== t ? other.detail : '', `本版本在${city.shortName}完成${R.int(2, 30)}批次验证，关键指标较上一代提升${R.int(5, 40)}%，可提供样机试用与技术培训。`].filter(Boolean).join('\n\n');
    return {
      org,
      fields: {
        title: variedTitle(t.title),
        titleEn: t.titleEn && R.chance(0.7) ? `${t.titleEn}${R.pick(EN_SUFFIX)}` : null,
        summary: t.summary,
        summaryEn: t.summaryEn && R.chance(0.6) ? t.summaryEn : null,
        detail,
        keywords: variedKeywords(t.keywords, peers),
        industry,
        technicalField: t.technicalField ?? null,
        trl: R.chance(0.2) ? R.int(1, 9) : Math.min(9, Math.max(1, t.trl + R.int(-2, 1))),
        transferModes: R.chance(0.6) ? t.transferModes : R.some(w.tax.transferModes.map((m) => m.code), 1, 3),
        ipItems: (t.ipItems ?? []).map((ip) => ({ ...ip, share: ip.share != null && ip.share <= 1 ? ip.share * 100 : (ip.share ?? null) })),
        price: R.chance(0.25) ? null : varyMoney(t.price),
        cityCode: city.code,
        zoneId,
        source: R.chance(0.5) ? 'fiscal_program' : R.chance(0.3) ? 'award' : 'other',
        contactName: t.contactName,
        contactPhone: t.contactPhone ?? null,
        contactEmail: t.contactEmail ?? null,
      },
    };
  }
  const t = R.pick(DEM);
  const peers = DEM_BY_IND.get(t.industry) ?? [t];
  const org = R.chance(0.8) && w.orgByKey.get(t.orgKey) ? w.orgByKey.get(t.orgKey)! : R.pick(w.orgs.filter((o) => ownerTypes.includes(o.type)));
  const negotiable = R.chance(0.2);
  const budgetMin = negotiable ? null : varyMoney(t.budgetMin ?? t.budgetMax);
  return {
    org,
    fields: {
      title: variedTitle(t.title),
      titleEn: t.titleEn && R.chance(0.5) ? t.titleEn : null,
      problem: `${t.problem}${R.chance(0.5) ? `我们在${city.shortName}有${R.int(1, 5)}条产线可用于现场验证。` : ''}`,
      expectedOutcome: t.expectedOutcome,
      keywords: variedKeywords(t.keywords, peers),
      industry: R.chance(0.85) ? t.industry : R.pick(w.leafIndustries),
      trlMin: R.chance(0.2) ? null : Math.min(9, Math.max(1, (t.trlMin ?? 6) + R.int(-2, 1))),
      budgetMin,
      budgetMax: budgetMin === null ? null : Math.round((budgetMin * (1 + R.next() * 2)) / 100) * 100,
      deadline: R.chance(0.3) ? null : new Date(Date.now() + R.int(30, 730) * DAY).toISOString().slice(0, 10),
      cooperationModes: R.chance(0.6) ? t.cooperationModes : R.some(w.tax.transferModes.map((m) => m.code), 1, 3),
      cityCode: city.code,
      zoneId,
      contactName: t.contactName,
      contactPhone: t.contactPhone ?? null,
      contactEmail: t.contactEmail ?? null,
    },
  };
}

const money = (v: unknown) => (v === null || v === undefined ? null : (v as number).toFixed(2));

/** A published listing row for a multi-row insert. */
function generateRow(w: World, kind: Kind): repo.NewListing {
  const { fields, org } = generateFields(w, kind);
  const publishedAt = new Date(Date.now() - R.int(0, 330 * 24) * 3600_000);
  const submittedAt = new Date(publishedAt.getTime() - R.int(1, 5) * DAY);
  const row = {
    ...fields,
    kind,
    status: 'published',
    ownerOrgId: org.id,
    createdBy: org.userId,
    submittedAt,
    publishedAt,
    expiresAt: new Date(publishedAt.getTime() + 365 * DAY),
    createdAt: new Date(submittedAt.getTime() - R.int(0, 20) * DAY),
    updatedAt: publishedAt,
  } as Record<string, unknown>;
  for (const f of ['price', 'budgetMin', 'budgetMax']) if (f in row) row[f] = money(row[f]);
  return row as unknown as repo.NewListing;
}

// ---------------------------------------------------------------- setup and teardown

interface Ctx {
  services: Services;
  serverUrl: string;
  dbName: string;
  dbUrl: string;
  db: Db;
  search: Search;
  sync?: SearchSync;
  closeApp?: () => Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let cleaning: Promise<void> | null = null;
function cleanup(ctx: Partial<Ctx>): Promise<void> {
  cleaning ??= (async () => {
    const step = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        console.error(`cleanup: ${what} failed:`, err);
      }
    };
    if (ctx.closeApp) await step('closing the app', ctx.closeApp);
    if (ctx.sync) await step('stopping the search sync', () => ctx.sync!.stop());
    if (ctx.search) {
      const search = ctx.search;
      await step('deleting the bench indexes', async () => {
        const { results } = await search.client.getIndexes({ limit: 1000 });
        for (const idx of results) if (idx.uid.startsWith(search.prefix)) await search.client.deleteIndex(idx.uid).waitTask({ timeout: 120_000 });
      });
    }
    if (ctx.db) await step('closing the database pool', () => ctx.db!.$client.end());
    if (ctx.serverUrl && ctx.dbName) await step(`dropping database ${ctx.dbName}`, () => adminQuery(ctx.serverUrl!, `drop database if exists "${ctx.dbName}" with (force)`));
    if (ctx.services) await step('stopping services', () => ctx.services!.stop());
  })();
  return cleaning;
}

async function createWorld(db: Db): Promise<World> {
  const tax = await getTaxonomy(db);
  const parents = new Set(tax.industries.map((i) => i.parent).filter(Boolean));
  const leafIndustries = tax.industries.filter((i) => i.parent !== null && !parents.has(i.code)).map((i) => i.code);
  const demoOrgs = readDemo<DemoOrg[]>('organizations').filter((o) => ['university', 'institute', 'agency', 'enterprise'].includes(o.type));
  const extra: DemoOrg[] = [
    { key: 'x_sugar_mach', name: '广西桂糖农机装备有限公司', type: 'enterprise', creditCode: '', regionCode: '451402' },
    { key: 'x_lz_light', name: '柳州市轻量化汽车部件有限公司', type: 'enterprise', creditCode: '', regionCode: '450202' },
    { key: 'x_gl_bio', name: '桂林漓江生物科技有限公司', type: 'enterprise', creditCode: '', regionCode: '450305' },
    { key: 'x_bbw_ocean', name: '广西北部湾海洋科技研究院', type: 'institute', creditCode: '', regionCode: '450502' },
    { key: 'x_wz_tea', name: '梧州六堡茶产业技术研究院', type: 'institute', creditCode: '', regionCode: '450403' },
    { key: 'x_bs_mango', name: '百色芒果产业技术研究院', type: 'institute', creditCode: '', regionCode: '451002' },
    { key: 'x_yl_engine', name: '玉林动力机械技术转移中心', type: 'agency', creditCode: '', regionCode: '450902' },
  ];
  const all = [...demoOrgs, ...extra].slice(0, 50);
  const orgs: World['orgs'] = [];
  const b = bar('组织与用户', all.length, '个');
  for (const [i, o] of all.entries()) {
    const zone = o.zoneSlug ? tax.zones.find((z) => z.slug === o.zoneSlug) : undefined;
    // 统一社会信用代码: 12 (public institution) or 91 (company) + region + a 9-character body, check char computed.
    const creditCode = withCreditCodeCheck(`${o.type === 'enterprise' ? '91' : '12'}${o.regionCode}${String(7_000_000 + i * 7919).padStart(9, '0')}`);
    const row = await insertOrganization(db, { name: o.name, type: o.type, creditCode, regionCode: o.regionCode, zoneId: zone?.id ?? null, verified: true });
    const role: Role = o.type === 'enterprise' ? 'enterprise' : 'supplier';
    const user = await upsertUser(db, { email: `bench-${o.key}@bench.example.cn`, password: PASSWORD, name: `${o.name}联系人`, organizationId: row.id, roles: [{ role }] });
    orgs.push({ key: o.key, id: row.id, type: o.type, userId: user.id, zoneId: row.zoneId, cityCode: `${o.regionCode.slice(0, 4)}00` });
    b.increment();
  }
  b.stop();
  return { tax, leafIndustries, orgs, orgByKey: new Map(orgs.map((o) => [o.key, o])) };
}

// ---------------------------------------------------------------- (a) reindex vs raw addDocuments

/** The documents reindex would send, built the same way (toDocument) in the same pages, outside any timing. */
async function buildDocuments(db: Db, kind: Kind, total: number) {
  const parentOf = await industryParents(db);
  const batches: ReturnType<typeof toDocument>[][] = [];
  const b = bar(`构建文档 ${KINDS[kind].noun}`, total);
  let after: string | null = null;
  for (;;) {
    const rows = await repo.publishedPage(db, kind, after, DOC_BATCH);
    if (!rows.length) break;
    const names = await repo.orgNames(db, rows.map((r) => r.ownerOrgId));
    batches.push(rows.map((r) => toDocument(r, parentOf, names.get(r.ownerOrgId)?.name ?? '')));
    after = rows[rows.length - 1]!.id;
    b.increment(rows.length);
  }
  b.stop();
  return batches;
}

/** Raw baseline: fresh index, same settings, same batches, all tasks awaited. Returns ms. */
async function rawIndex(search: Search, kind: Kind, batches: ReturnType<typeof toDocument>[][]): Promise<number> {
  const uid = search.index(INDEX_NAMES[kind]);
  const total = batches.reduce((n, b) => n + b.length, 0);
  const b = bar(`raw addDocuments ${KINDS[kind].noun}（已完成任务的文档）`, total);
  const t0 = now();
  await search.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
  await search.client.index(uid).updateSettings(indexSettings(kind)).waitTask({ timeout: 60_000 });
  // One upload at a time (as a typical client, and as reindex does as it reads pages); indexing runs meanwhile.
  const enqueued = [];
  for (const docs of batches) enqueued.push({ n: docs.length, task: await search.client.index(uid).addDocuments(docs, { primaryKey: 'id' }) });
  for (const e of enqueued) {
    const task = await search.client.tasks.waitForTask(e.task, { timeout: 900_000, interval: 100 });
    if (task.status === 'failed') throw new Error(`raw indexing of ${kind} failed: ${task.error?.message}`);
    b.increment(e.n);
  }
  const ms = msSince(t0);
  b.stop();
  return ms;
}

// ---------------------------------------------------------------- HTTP helpers for the in-process app

interface Session {
  cookie: string;
}
async function login(url: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  await res.arrayBuffer();
  return { cookie };
}
async function call<T>(url: string, s: Session, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { cookie: s.cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Polls getDocument until the document is there; returns ms since `t0`, or throws after `timeoutMs`. */
async function untilVisible(search: Search, uid: string, id: string, t0: bigint, timeoutMs: number): Promise<number> {
  const index = search.client.index(uid);
  for (;;) {
    try {
      await index.getDocument(id, { fields: ['id'] });
      return msSince(t0);
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code !== 'document_not_found') throw err;
    }
    if (msSince(t0) > timeoutMs) throw new Error(`document ${id} not visible after ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}

/** Open-loop schedule: starts `op(i)` every `intervalMs` for `seconds`, then waits for all of them. */
async function atRate<T>(seconds: number, intervalMs: number, label: string, op: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const n = Math.round((seconds * 1000) / intervalMs);
  const b = bar(label, n, '次');
  const start = now();
  const running: Promise<T>[] = [];
  for (let i = 0; i < n; i++) {
    const wait = i * intervalMs - msSince(start);
    if (wait > 0) await sleep(wait);
    running.push(op(i).finally(() => b.increment()));
  }
  const settled = await Promise.allSettled(running);
  b.stop();
  return settled;
}

// ---------------------------------------------------------------- (c) catalogue query shapes

// The same SearchParams searchCatalogue (listings.search.ts) builds; keep the two in step.
const FACETS: Record<Kind, string[]> = {
  achievement: ['industry', 'cityCode', 'transferModes', 'trl', 'source', 'zoneId'],
  demand: ['industry', 'cityCode', 'cooperationModes', 'trlMin', 'zoneId'],
};
function catalogueParams(kind: Kind, q: CatalogueQuery): SearchParams {
  const sort =
    q.sort === 'newest' ? ['publishedAt:desc'] :
    q.sort === 'price_asc' ? [kind === 'achievement' ? 'price:asc' : 'budgetMax:asc'] :
    q.sort === 'price_desc' ? [kind === 'achievement' ? 'price:desc' : 'budgetMax:desc'] :
    q.q ? undefined : ['publishedAt:desc'];
  return {
    filter: catalogueFilter(kind, q),
    facets: FACETS[kind],
    sort,
    page: q.page,
    hitsPerPage: q.pageSize,
    attributesToRetrieve: ['*'],
    attributesToHighlight: kind === 'achievement' ? ['title', 'titleEn', 'summary', 'summaryEn'] : ['title', 'titleEn', 'problem'],
    attributesToCrop: kind === 'achievement' ? ['summary'] : ['problem'],
    cropLength: 80,
    highlightPreTag: '\u0002',
    highlightPostTag: '\u0003',
  };
}

const SHAPES: { kind: Kind; qs: Record<string, string> }[] = [
  { kind: 'achievement', qs: { q: '甘蔗收获' } },
  { kind: 'achievement', qs: { q: '铝合金' } },
  { kind: 'achievement', qs: { q: '中药材 提取' } },
  { kind: 'achievement', qs: { q: '芒果 保鲜' } },
  { kind: 'achievement', qs: { q: 'sugarcane harvester' } },
  { kind: 'achievement', qs: { q: 'aluminum alloy', sort: 'newest' } },
  { kind: 'achievement', qs: { q: '甘蔗收获', city: '451400' } },
  { kind: 'achievement', qs: { q: '铝合金', industry: 'aluminum', maturityMin: '6' } },
  { kind: 'achievement', qs: { q: '中药材 提取', priceMax: '1000000', sort: 'price_asc' } },
  { kind: 'achievement', qs: { q: '储能', city: '450100', sort: 'newest' } },
  { kind: 'achievement', qs: { city: '450200' } },
  { kind: 'achievement', qs: { industry: 'fruit', maturityMin: '5', sort: 'price_desc' } },
  { kind: 'achievement', qs: { sort: 'newest' } },
  { kind: 'achievement', qs: { q: '螺蛳粉' } },
  { kind: 'achievement', qs: { q: '无人机 植保', mode: 'service' } },
  { kind: 'achievement', qs: { q: 'machine vision', city: '450100' } },
  { kind: 'achievement', qs: { q: '桉树 人造板', page: '3' } },
  { kind: 'achievement', qs: { q: '新能源汽车 轻量化', maturityMin: '7', priceMax: '5000000' } },
  { kind: 'demand', qs: { q: '铝合金 焊接' } },
  { kind: 'demand', qs: { q: '智能制造', city: '450200' } },
  { kind: 'demand', qs: { industry: 'sugar', sort: 'newest' } },
  { kind: 'demand', qs: { q: '污水 处理', priceMax: '2000000' } },
];

// ---------------------------------------------------------------- the run

async function main() {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const config = loadConfig();
  const stamp = Date.now();
  const ctx: Partial<Ctx> = { dbName: `bench_${stamp}` };
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`\n${sig}: cleaning up…`);
    void cleanup(ctx).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // A rejected request nobody awaited yet would kill the process before `finally`: clean up first.
  const onUnhandled = (err: unknown) => {
    console.error('\nunhandled rejection, cleaning up:', err);
    void cleanup(ctx).finally(() => process.exit(1));
  };
  process.on('unhandledRejection', onUnhandled);

  const results: Record<string, number> = {};
  const notes: string[] = [];
  try {
    console.log(`桂技通 search benchmark — ${TOTAL.toLocaleString('en')} listings; database ${ctx.dbName}, index prefix bench${stamp}_`);
    const t = now();
    ctx.services = await startServices(config, logger, { subdir: 'bench', database: 'postgres' });
    ctx.serverUrl = ctx.services.databaseUrl;
    await adminQuery(ctx.serverUrl, `create database "${ctx.dbName}"`);
    ctx.dbUrl = withDatabase(ctx.serverUrl, ctx.dbName!);
    ctx.db = connectDb(ctx.dbUrl, 20);
    const db = ctx.db;
    await migrateDb(db);
    const platformOrgId = await seedBase(db);
    ctx.search = connectSearch(ctx.services.meiliUrl, ctx.services.meiliKey, `bench${stamp}_`);
    const search = ctx.search;
    const meiliVersion = await search.client.getVersion();
    console.log(`services ready in ${fmtMs(msSince(t))} (Meilisearch ${meiliVersion.pkgVersion})`);

    // 1. Data
    const world = await createWorld(db);
    const nAch = Math.round(TOTAL * 0.8);
    const kinds: Kind[] = Array.from({ length: TOTAL }, (_, i) => (i < nAch ? 'achievement' : 'demand'));
    const tGen = now();
    const gb = bar('生成并写入 PostgreSQL', TOTAL);
    for (let i = 0; i < TOTAL; i += INSERT_BATCH) {
      const rows = kinds.slice(i, i + INSERT_BATCH).map((k) => generateRow(world, k));
      await db.insert(listings).values(rows);
      gb.increment(rows.length);
    }
    gb.stop();
    await db.execute(sql`analyze listings`);
    console.log(`generated ${TOTAL.toLocaleString('en')} published listings (${nAch} achievements, ${TOTAL - nAch} demands) in ${fmtMs(msSince(tGen))}`);

    // 2. (a) raw addDocuments baseline, then reindex over the populated index (as in production)
    const docs: Record<Kind, ReturnType<typeof toDocument>[][]> = {
      achievement: await buildDocuments(db, 'achievement', nAch),
      demand: await buildDocuments(db, 'demand', TOTAL - nAch),
    };
    const docBytes = Buffer.byteLength(JSON.stringify(docs.achievement[0]?.slice(0, 500) ?? []));
    console.log(`average achievement document: ${Math.round(docBytes / 500)} bytes of JSON`);
    noteLoad('(a) start');
    let rawMs = 0;
    for (const kind of ['achievement', 'demand'] as const) {
      const ms = await rawIndex(search, kind, docs[kind]);
      console.log(`  raw ${kind}: ${fmtMs(ms)}`);
      rawMs += ms;
    }
    results.rawMs = rawMs;
    // Keep a few documents for the (b) baseline; let the rest go.
    const sampleDocs = docs.achievement.flat().filter((_, i) => i % 97 === 0).slice(0, 600);
    docs.achievement = [];
    docs.demand = [];

    const bars = new cliProgress.MultiBar({ format: ' reindex {kind} |{bar}| {value}/{total} 条已发送 ({percentage}%) {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic);
    const byKind = new Map<string, cliProgress.SingleBar>();
    const tRe = now();
    const counts = await reindex(db, search, (kind, done, total) => {
      let b = byKind.get(kind);
      if (!b) {
        b = bars.create(Math.max(total, 1), 0, { kind: KINDS[kind].noun });
        byKind.set(kind, b);
      }
      b.update(done);
    });
    results.reindexMs = msSince(tRe);
    noteLoad('(a) end');
    bars.stop();
    console.log(`  reindex: ${fmtMs(results.reindexMs)} (${counts.achievement} achievements, ${counts.demand} demands); raw ${fmtMs(rawMs)}; ratio ${ratio(results.reindexMs, rawMs)}`);

    // 3. (b) publish → searchable at 10/s through the real app
    const sync = createSearchSync(db, search, logger);
    ctx.sync = sync;
    const built = createApp({ config: { ...config, databaseUrl: ctx.dbUrl, meiliUrl: ctx.services.meiliUrl }, db, search, sessionSecret: crypto.randomBytes(32).toString('hex'), logger, sync });
    const server = http.createServer(built.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ctx.closeApp = async () => {
      await built.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    };
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const supplierOrg = world.orgByKey.get('gxu') ?? world.orgs.find((o) => o.type === 'university')!;
    await upsertUser(db, { email: 'bench-supplier@bench.example.cn', password: PASSWORD, name: '压测成果方', organizationId: supplierOrg.id, roles: [{ role: 'supplier' }] });
    await upsertUser(db, { email: 'bench-reviewer@bench.example.cn', password: PASSWORD, name: '压测审核员', organizationId: platformOrgId, roles: [{ role: 'reviewer' }] });
    const supplier = await login(url, 'bench-supplier@bench.example.cn');
    const reviewer = await login(url, 'bench-reviewer@bench.example.cn');
    const achUid = search.index(INDEX_NAMES.achievement);

    const approveMs: number[] = [];
    const publishOnce = async (record: boolean) => {
      const { fields } = generateFields(world, 'achievement');
      const created = await call<{ id: string }>(url, supplier, 'POST', '/api/achievements', fields);
      await call(url, supplier, 'POST', `/api/achievements/${created.id}/submit`);
      const t0 = now();
      await call(url, reviewer, 'POST', `/api/reviews/achievement/${created.id}`, { decision: 'approve' });
      if (record) approveMs.push(msSince(t0));
      return untilVisible(search, achUid, created.id, t0, 120_000);
    };
    console.log('warming up the publish path (first drain applies the index settings)…');
    for (let i = 0; i < 5; i++) await publishOnce(false);
    await sync.idle();

    // Baseline: the Meilisearch floor — one document added straight to the same index, then polled the same way.
    const baseIds: string[] = [];
    const base = await atRate(PUBLISH_SECONDS, PUBLISH_INTERVAL_MS, 'baseline addDocuments→可检索', async (i) => {
      const doc = { ...sampleDocs[i % sampleDocs.length]!, id: crypto.randomUUID() };
      baseIds.push(doc.id);
      const t0 = now();
      await search.client.index(achUid).addDocuments([doc], { primaryKey: 'id' });
      return untilVisible(search, achUid, doc.id, t0, 120_000);
    });
    await search.client.index(achUid).deleteDocuments(baseIds).waitTask({ timeout: 120_000 });
    const baseLat = base.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));

    noteLoad('(b) start');
    const pub = await atRate(PUBLISH_SECONDS, PUBLISH_INTERVAL_MS, '发布→可检索 (10/s)', () => publishOnce(true));
    await sync.idle();
    noteLoad('(b) end');
    const pubLat = pub.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const pubFailed = pub.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    if (pubFailed.length) {
      notes.push(`${pubFailed.length} publishes failed, e.g. ${String(pubFailed[0]!.reason)}`);
      console.error(`publish failures: ${pubFailed.length}; first: ${String(pubFailed[0]!.reason)}`);
    }
    const baseFailed = base.length - baseLat.length;
    if (baseFailed) notes.push(`${baseFailed} baseline additions failed`);
    const pubS = summary(pubLat);
    const baseS = summary(baseLat);
    const apprS = summary(approveMs);
    console.log(`  publish→searchable: n=${pubS.n} p50 ${fmtMs(pubS.p50)} p95 ${fmtMs(pubS.p95)} max ${fmtMs(pubS.max)} (approve request alone p50 ${fmtMs(apprS.p50)} p95 ${fmtMs(apprS.p95)})`);
    const dist = (v: number[]) => [10, 25, 50, 75, 90, 95, 99].map((p) => `p${p} ${fmtMs(pct(v, p))}`).join(', ');
    console.log(`  publish distribution: ${dist(pubLat)}`);
    console.log(`  baseline distribution: ${dist(baseLat)}`);
    console.log(`  baseline addDocuments→retrievable: n=${baseS.n} p50 ${fmtMs(baseS.p50)} p95 ${fmtMs(baseS.p95)} max ${fmtMs(baseS.max)}`);

    // 4. (c) catalogue queries: API vs raw search with the same parameters, interleaved
    const shapes = SHAPES.map((s) => {
      const qs = new URLSearchParams(s.qs).toString();
      const query = catalogueQuerySchema.parse(s.qs);
      return { ...s, qsText: qs, query, params: catalogueParams(s.kind, query), uid: search.index(INDEX_NAMES[s.kind]) };
    });
    const apiOnce = async (s: (typeof shapes)[number]) => {
      const res = await fetch(`${url}/api/${KINDS[s.kind].path}?${s.qsText}`);
      if (res.status !== 200) throw new Error(`GET ${s.qsText} → ${res.status} ${await res.text()}`);
      return (await res.json()) as { total: number };
    };
    const rawOnce = (s: (typeof shapes)[number]) => search.client.index(s.uid).search(s.query.q ?? '', s.params);
    const totals: { api: number; raw: number }[] = [];
    for (const s of shapes) {
      const [a, r] = [await apiOnce(s), await rawOnce(s)];
      totals.push({ api: a.total, raw: (r as { totalHits?: number }).totalHits ?? -1 });
      for (let i = 0; i < 4; i++) {
        await apiOnce(s);
        await rawOnce(s);
      }
    }
    // A third, informational path: the same request body over node:http with a keep-alive agent (the transport floor).
    const meili = new URL(ctx.services.meiliUrl);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const nodeHttpOnce = (s: (typeof shapes)[number]) =>
      new Promise<void>((resolve, reject) => {
        const body = JSON.stringify({ q: s.query.q ?? '', ...s.params });
        const req = http.request(
          { host: meili.hostname, port: meili.port, path: `/indexes/${s.uid}/search`, method: 'POST', agent, headers: { authorization: `Bearer ${ctx.services!.meiliKey ?? ''}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              if (res.statusCode !== 200) return reject(new Error(`node:http search → ${res.statusCode}`));
              JSON.parse(Buffer.concat(chunks).toString('utf8'));
              resolve();
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    for (const s of shapes) for (let i = 0; i < 3; i++) await nodeHttpOnce(s);
    const apiMs: number[][] = shapes.map(() => []);
    const rawMsQ: number[][] = shapes.map(() => []);
    const nodeMs: number[][] = shapes.map(() => []);
    noteLoad('(c) start');
    const qb = bar('目录查询 API/raw 交替', QUERY_ROUNDS * shapes.length * 3, '次');
    for (let round = 0; round < QUERY_ROUNDS; round++) {
      const order = R.some(shapes.map((_, i) => i), shapes.length, shapes.length);
      for (const [j, i] of order.entries()) {
        const s = shapes[i]!;
        const timed = (fn: () => Promise<unknown>, into: number[]) => async () => {
          const t0 = now();
          await fn();
          into.push(msSince(t0));
        };
        const paths = [timed(() => apiOnce(s), apiMs[i]!), timed(() => rawOnce(s), rawMsQ[i]!), timed(() => nodeHttpOnce(s), nodeMs[i]!)];
        // Rotate which path goes first so none is always measured on a cold or warm connection.
        for (let k = 0; k < paths.length; k++) await paths[(round + j + k) % paths.length]!();
        qb.increment(3);
      }
    }
    qb.stop();
    noteLoad('(c) end');
    agent.destroy();
    const apiS = summary(apiMs.flat());
    const rawS = summary(rawMsQ.flat());
    const nodeS = summary(nodeMs.flat());

    // 5. Report
    console.log('\nPer query shape (p50 / p95; total hits API = raw):');
    console.log('| kind | query | hits | API p50 | API p95 | raw p50 | raw p95 | node:http p50 |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    shapes.forEach((s, i) => {
      const tt = totals[i]!;
      const qText = decodeURIComponent(s.qsText.replace(/\+/g, ' '));
      console.log(`| ${s.kind} | \`${qText}\` | ${tt.api}${tt.api === tt.raw ? '' : ` (raw ${tt.raw}!)`} | ${fmtMs(pct(apiMs[i]!, 50))} | ${fmtMs(pct(apiMs[i]!, 95))} | ${fmtMs(pct(rawMsQ[i]!, 50))} | ${fmtMs(pct(rawMsQ[i]!, 95))} | ${fmtMs(pct(nodeMs[i]!, 50))} |`);
    });
    const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
    const reRatio = results.reindexMs / rawMs;
    const qRatio = apiS.p95 / rawS.p95;
    console.log(`\nSearch benchmark — ${TOTAL.toLocaleString('en')} listings (${nAch.toLocaleString('en')} achievements + ${(TOTAL - nAch).toLocaleString('en')} demands), Meilisearch ${meiliVersion.pkgVersion}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
    console.log('| Figure | 桂技通 | Baseline | Ratio | Target |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    console.log(`| (a) full rebuild, ${TOTAL.toLocaleString('en')} docs | reindex ${fmtMs(results.reindexMs)} | raw addDocuments ${fmtMs(rawMs)} | ${ratio(results.reindexMs, rawMs)} | ≤ 1.3× — ${mark(reRatio <= 1.3)} |`);
    console.log(`| (b) publish → searchable p50 (n=${pubS.n}) | ${fmtMs(pubS.p50)} | ${fmtMs(baseS.p50)} | ${ratio(pubS.p50, baseS.p50)} | |`);
    console.log(`| (b) publish → searchable p95 | ${fmtMs(pubS.p95)} | ${fmtMs(baseS.p95)} | ${ratio(pubS.p95, baseS.p95)} | ≤ 1 s — ${mark(pubS.p95 <= 1000)} |`);
    console.log(`| (b) publish → searchable max | ${fmtMs(pubS.max)} | ${fmtMs(baseS.max)} | ${ratio(pubS.max, baseS.max)} | |`);
    console.log(`| (c) catalogue query p50 (n=${apiS.n} each) | API ${fmtMs(apiS.p50)} | raw search ${fmtMs(rawS.p50)} | ${ratio(apiS.p50, rawS.p50)} | |`);
    console.log(`| (c) catalogue query p95 | API ${fmtMs(apiS.p95)} | raw search ${fmtMs(rawS.p95)} | ${ratio(apiS.p95, rawS.p95)} | ≤ 2× — ${mark(qRatio <= 2)} |`);
    console.log(`| (c) info: same search over node:http keep-alive | | ${fmtMs(nodeS.p50)} / ${fmtMs(nodeS.p95)} (p50 / p95) | | |`);
    console.log(`\n(b) approve request alone: p50 ${fmtMs(apprS.p50)}, p95 ${fmtMs(apprS.p95)}; baseline = one document added straight to the same index at 10/s, polled the same way (every ${POLL_MS} ms).`);
    console.log(`1-minute load average (${os.cpus().length} cores): ${loads.join(', ')}`);
    for (const n of notes) console.log(`note: ${n}`);
  } finally {
    await cleanup(ctx);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onUnhandled);
  }
}

await main();
