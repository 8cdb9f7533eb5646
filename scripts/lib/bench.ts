/**
 * Shared parts of the catalogue benchmarks (`bench:search`, `bench:matching`): timing and percentile
 * helpers, progress bars, a deterministic PRNG, realistic listings generated from seed/demo/*.json,
 * a fresh database `bench_<timestamp>` and index prefix `bench<timestamp>_` on the services under
 * DATA_DIR/bench, the in-process app, HTTP helpers, and the cleanup that removes all of it at the end
 * (also on Ctrl-C or an unhandled rejection).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { withCreditCodeCheck } from '../../common/creditCode.js';
import type { Role } from '../../common/roles.js';
import { seedBase } from '../../seed/base.js';
import { readDemo, type DemoOrg } from '../../seed/demo.js';
import { createApp, type BuiltApp } from '../../server/app.js';
import { upsertUser } from '../../server/components/auth/index.js';
import { createSearchSync, type Kind, type SearchSync, type NewListing } from '../../server/components/listings/index.js';
import { insertOrganization } from '../../server/components/organizations/index.js';
import { getTaxonomy, type Taxonomy } from '../../server/components/taxonomy/index.js';
import { loadConfig, type Config } from '../../server/config.js';
import { connectDb, migrateDb, type Db } from '../../server/lib/db.js';
import { logger } from '../../server/lib/logger.js';
import { connectSearch, waitTask, type Search } from '../../server/lib/search.js';
import { startServices, type Services } from '../../server/lib/services.js';

export const PASSWORD = 'Bench-Passw0rd-2026';
export const DAY = 86400_000;

// ---------------------------------------------------------------- timing, percentiles, load

export const now = () => process.hrtime.bigint();
export const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** 1-minute load averages noted at phase boundaries: other work on this machine shows here (the run itself adds ≈ 2 on 2 cores). */
export function loadTracker() {
  const loads: string[] = [];
  return {
    note: (phase: string) => loads.push(`${phase} ${os.loadavg()[0]!.toFixed(1)}`),
    list: () => loads,
  };
}

export function pct(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
export const summary = (v: number[]) => ({ n: v.length, p50: pct(v, 50), p95: pct(v, 95), max: v.length ? Math.max(...v) : Number.NaN });
export const distribution = (v: number[]) => [10, 25, 50, 75, 90, 95, 99].map((p) => `p${p} ${fmtMs(pct(v, p))}`).join(', ');

/** Deterministic PRNG (mulberry32): the same data every run. */
export function rng(seed: number) {
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
export type Rng = ReturnType<typeof rng>;

export function bar(label: string, total: number, unit = '条') {
  const b = new cliProgress.SingleBar(
    { format: ` ${label} |{bar}| {value}/{total} ${unit} ({percentage}%) {duration_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  b.start(Math.max(total, 1), 0);
  return b;
}

// ---------------------------------------------------------------- realistic generated listings

export interface DemoAchievement {
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
export interface DemoDemand {
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

/** The demo listings (seed/demo/achievements.json, demands.json): the templates of the generated ones. */
export const demoTemplates = () => ({ achievements: readDemo<DemoAchievement[]>('achievements'), demands: readDemo<DemoDemand[]>('demands') });

const TITLE_PREFIX = ['', '', '', '', '新型', '高效', '智能化', '低成本', '绿色', '轻量化', '模块化', '一体化', '高可靠', '数字化'];
const TITLE_SUFFIX = ['', '', '', '（第二代）', '（改进型）', '及其产业化应用', '中试示范', '成套装备', '集成工艺', '（小型化版本）', '在丘陵山区的推广应用', '优化方案', '及配套装置', '工程化验证', '技术包', '示范线建设', '（2.0版）'];
const MODEL = ['A', 'B', 'S', 'Pro', 'Plus', 'M'];
const EXTRA_KEYWORDS = ['产业化', '中试', '节能降耗', '提质增效', '自动化', '数字孪生', '绿色制造', '标准化', '低碳', '国产替代'];
const EN_SUFFIX = ['', ' (2nd generation)', ' (improved)', ' and its industrial application', ' pilot demonstration', ' process package'];

const byIndustry = <T extends { industry: string }>(items: T[]) => {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(it.industry, [...(m.get(it.industry) ?? []), it]);
  return m;
};

export interface World {
  tax: Taxonomy;
  leafIndustries: string[];
  orgs: { key: string; id: string; type: string; userId: string; zoneId: string | null; cityCode: string }[];
  orgByKey: Map<string, World['orgs'][number]>;
}

/**
 * Generates published listings from templates with the PRNG `R`: titles with prefixes, suffixes and
 * model numbers, mixed keywords, details stitched from two templates of the same industry, all 14
 * cities, every leaf industry (15 % off-template), TRL 1–9, 25 % of prices 面议, budgets, deadlines, zones.
 */
export function listingGenerator(R: Rng, templates: { achievements: DemoAchievement[]; demands: DemoDemand[] }) {
  const ACH = templates.achievements;
  const DEM = templates.demands;
  const ACH_BY_IND = byIndustry(ACH);
  const DEM_BY_IND = byIndustry(DEM);

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
  /** A price in yuan around `base` (or log-uniform 5万–5000万), rounded to 100. */
  const varyMoney = (base: number | null | undefined) => {
    const v = base ? base * Math.exp((R.next() - 0.5) * 2) : Math.exp(Math.log(5e4) + R.next() * Math.log(1000));
    return Math.max(1000, Math.round(v / 100) * 100);
  };

  /** API-shaped fields (money in yuan) of the next generated listing, and its owner. */
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

  /** A published listing row for a multi-row insert; `fields` may be given (already generated and adjusted). */
  function generateRow(w: World, kind: Kind, given?: { fields: Record<string, unknown>; org: World['orgs'][number] }): NewListing {
    const { fields, org } = given ?? generateFields(w, kind);
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
    return row as unknown as NewListing;
  }

  return { generateFields, generateRow };
}

/** Organizations beyond the demo ones, so the catalogue has more owners. */
export const EXTRA_ORGS: DemoOrg[] = [
  { key: 'x_sugar_mach', name: '广西桂糖农机装备有限公司', type: 'enterprise', creditCode: '', regionCode: '451402' },
  { key: 'x_lz_light', name: '柳州市轻量化汽车部件有限公司', type: 'enterprise', creditCode: '', regionCode: '450202' },
  { key: 'x_gl_bio', name: '桂林漓江生物科技有限公司', type: 'enterprise', creditCode: '', regionCode: '450305' },
  { key: 'x_bbw_ocean', name: '广西北部湾海洋科技研究院', type: 'institute', creditCode: '', regionCode: '450502' },
  { key: 'x_wz_tea', name: '梧州六堡茶产业技术研究院', type: 'institute', creditCode: '', regionCode: '450403' },
  { key: 'x_bs_mango', name: '百色芒果产业技术研究院', type: 'institute', creditCode: '', regionCode: '451002' },
  { key: 'x_yl_engine', name: '玉林动力机械技术转移中心', type: 'agency', creditCode: '', regionCode: '450902' },
];

/**
 * Organizations (demo ones of the four listing-owning types, then `extra`, at most `max`), verified,
 * each with one user (password PASSWORD) of the matching role.
 */
export async function createWorld(db: Db, opts: { extra?: DemoOrg[]; max?: number } = {}): Promise<World> {
  const tax = await getTaxonomy(db);
  const parents = new Set(tax.industries.map((i) => i.parent).filter(Boolean));
  const leafIndustries = tax.industries.filter((i) => i.parent !== null && !parents.has(i.code)).map((i) => i.code);
  const demoOrgs = readDemo<DemoOrg[]>('organizations').filter((o) => ['university', 'institute', 'agency', 'enterprise'].includes(o.type));
  const all = [...demoOrgs, ...(opts.extra ?? EXTRA_ORGS)].slice(0, opts.max ?? 50);
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

// ---------------------------------------------------------------- setup and teardown

export interface Ctx {
  services: Services;
  serverUrl: string;
  dbName: string;
  dbUrl: string;
  db: Db;
  search: Search;
  sync?: SearchSync;
  closeApp?: () => Promise<void>;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let cleaning: Promise<void> | null = null;
/** Closes the app and the sync, deletes the bench indexes, drops the bench database, stops the services (once). */
export function cleanup(ctx: Partial<Ctx>): Promise<void> {
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
        for (const idx of results) if (idx.uid.startsWith(search.prefix)) await waitTask(search.client, search.client.deleteIndex(idx.uid), { timeout: 120_000 });
      });
    }
    if (ctx.db) await step('closing the database pool', () => ctx.db!.$client.end());
    if (ctx.serverUrl && ctx.dbName) await step(`dropping database ${ctx.dbName}`, () => adminQuery(ctx.serverUrl!, `drop database if exists "${ctx.dbName}" with (force)`));
    if (ctx.services) await step('stopping services', () => ctx.services!.stop());
  })();
  return cleaning;
}

export interface Bench {
  config: Config;
  stamp: number;
  ctx: Partial<Ctx>;
  /** Index prefix of this run. */
  prefix: string;
  /**
   * Starts PostgreSQL and Meilisearch under DATA_DIR/bench (embedded unless DATABASE_URL / MEILI_URL are
   * set), creates and migrates the database `bench_<stamp>` (with `seedBase`), connects the search client
   * with the prefix `bench<stamp>_`.
   */
  open(poolSize?: number): Promise<{ db: Db; search: Search; platformOrgId: string; meiliVersion: string }>;
}

/**
 * Runs a benchmark body with a fresh bench context, and removes everything it created at the end,
 * also on SIGINT / SIGTERM and on an unhandled rejection (a rejected request nobody awaited yet
 * would otherwise kill the process before `finally`).
 */
export async function runBench(body: (bench: Bench) => Promise<void>): Promise<void> {
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
  const onUnhandled = (err: unknown) => {
    console.error('\nunhandled rejection, cleaning up:', err);
    void cleanup(ctx).finally(() => process.exit(1));
  };
  process.on('unhandledRejection', onUnhandled);
  const bench: Bench = {
    config,
    stamp,
    ctx,
    prefix: `bench${stamp}_`,
    open: async (poolSize = 20) => {
      const t = now();
      ctx.services = await startServices(config, logger, { subdir: 'bench', database: 'postgres' });
      ctx.serverUrl = ctx.services.databaseUrl;
      await adminQuery(ctx.serverUrl, `create database "${ctx.dbName}"`);
      ctx.dbUrl = withDatabase(ctx.serverUrl, ctx.dbName!);
      ctx.db = connectDb(ctx.dbUrl, poolSize);
      const db = ctx.db;
      await migrateDb(db);
      const platformOrgId = await seedBase(db);
      ctx.search = connectSearch(ctx.services.meiliUrl, ctx.services.meiliKey, bench.prefix);
      const meiliVersion = (await ctx.search.client.getVersion()).pkgVersion;
      console.log(`services ready in ${fmtMs(msSince(t))} (Meilisearch ${meiliVersion})`);
      return { db, search: ctx.search, platformOrgId, meiliVersion };
    },
  };
  try {
    await body(bench);
  } finally {
    await cleanup(ctx);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onUnhandled);
  }
}

/** The real app in-process (`createApp` with its own `createSearchSync`, HTTP on port 0), closed by the cleanup. */
export async function startApp(bench: Bench, db: Db, search: Search): Promise<{ url: string; built: BuiltApp; sync: SearchSync }> {
  const ctx = bench.ctx;
  const sync = createSearchSync(db, search, logger);
  ctx.sync = sync;
  const built = createApp({ config: { ...bench.config, databaseUrl: ctx.dbUrl, meiliUrl: ctx.services!.meiliUrl }, db, search, sessionSecret: crypto.randomBytes(32).toString('hex'), logger, sync });
  const server = http.createServer(built.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.closeApp = async () => {
    await built.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, built, sync };
}

// ---------------------------------------------------------------- HTTP helpers for the in-process app

export interface Session {
  cookie: string;
}
export async function login(url: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  await res.arrayBuffer();
  return { cookie };
}
export async function call<T>(url: string, s: Session, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { cookie: s.cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Open-loop schedule: starts `op(i)` every `intervalMs` for `seconds`, then waits for all of them. */
export async function atRate<T>(seconds: number, intervalMs: number, label: string, op: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
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
