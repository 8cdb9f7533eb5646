/**
 * npm run bench:indicators [-- --contracts 1000000 --requests 300 --registrations 2000 --concurrency 8]
 *
 * In a fresh database of its own (on the embedded PostgreSQL, or on DATABASE_URL's server), generates
 * the contracts in SQL, rebuilds the roll-ups and verifies them, then measures in one run:
 *  1. the indicator endpoint (GET /api/zones/:id/indicators, over HTTP) against the same figures
 *     computed by an aggregate query over `contracts` for that zone and year;
 *  2. the dashboard endpoint (GET /api/stats/contracts) against its aggregate over the whole table;
 *  3. registration throughput (the register use case) with the roll-ups and without them.
 * Drops its database and stops what it started at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../server/config.js';
import { createApp } from '../server/app.js';
import { connectDb, migrateDb, type Db } from '../server/lib/db.js';
import { logger } from '../server/lib/logger.js';
import { connectSearch } from '../server/lib/search.js';
import { startServices } from '../server/lib/services.js';
import { seedBase } from '../seed/base.js';
import { loadActor, upsertUser, type Actor } from '../server/components/auth/index.js';
import { getIndicators } from '../server/components/indicators/index.js';
import { insertOrganization } from '../server/components/organizations/index.js';
import { getTaxonomy } from '../server/components/taxonomy/index.js';
import { rebuildRollups, reviewContract, rollupDifferences } from '../server/components/contracts/index.js';
import { withCreditCodeCheck } from '../common/creditCode.js';
import { args } from './cli.js';

const a = args();
const N = Number(a.contracts ?? 1_000_000);
const REQUESTS = Number(a.requests ?? 300);
const REGISTRATIONS = Number(a.registrations ?? 2000);
const CONCURRENCY = Number(a.concurrency ?? 8);
const PASSWORD = 'Bench-Passw0rd';
const runId = `bench${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (v: number) => `${v.toFixed(2)} ms`;

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
logger.level = 'silent';
// Meilisearch is not part of this benchmark: a placeholder URL keeps it from being started.
const services = await startServices(config, logger, { database: 'postgres', subdir: path.join('bench-runs', runId), meiliUrl: 'http://127.0.0.1:9', meiliKey: 'unused-unused-unused' });
const admin = new pg.Client({ connectionString: services.databaseUrl });
await admin.connect();
await admin.query(`create database "${runId}"`);
const dbUrl = new URL(services.databaseUrl);
dbUrl.pathname = `/${runId}`;
const db: Db = connectDb(dbUrl.toString(), 20);

async function cleanup(): Promise<void> {
  await db.$client.end().catch(() => undefined);
  await admin.query(`drop database if exists "${runId}" with (force)`).catch((err: unknown) => console.error('could not drop the bench database', err));
  await admin.end().catch(() => undefined);
  await services.stop();
  fs.rmSync(path.join(config.dataDir, 'bench-runs', runId), { recursive: true, force: true });
}

try {
  await migrateDb(db);
  await seedBase(db);
  const tax = await getTaxonomy(db);
  const zoneIds = tax.zones.map((z) => z.id);
  const pairs = tax.contractTypes.flatMap((t) => t.subtypes.map((s) => `${t.code}:${s.code}`));
  const cityCodes = tax.cities.map((c) => c.code);

  // Who the generated contracts belong to: a registering body per city, brokers in agencies, one submitter.
  let seq = 0;
  const code = (prefix: string) => withCreditCodeCheck(`${prefix}4501BN${String(++seq).padStart(9, "0")}`);
  const registrars: { id: string; region: string }[] = [];
  for (const city of cityCodes.filter((c) => c !== '450000')) {
    const region = `${city.slice(0, 4)}03`;
    const org = await insertOrganization(db, { name: `${city} 技术合同登记站`, type: 'registrar', creditCode: code('12'), regionCode: region });
    registrars.push({ id: org.id, region });
  }
  const brokers: { id: string; org: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const org = await insertOrganization(db, { name: `技术转移机构${i}`, type: 'agency', creditCode: code('91'), regionCode: '450103', zoneId: zoneIds[i % zoneIds.length]! });
    for (let j = 0; j < 5; j++) {
      const u = await upsertUser(db, { email: `broker${i}-${j}@bench.local`, password: PASSWORD, name: `经纪人${i}-${j}`, organizationId: org.id, roles: [{ role: 'broker' }], brokerLevel: '中级' });
      brokers.push({ id: u.id, org: org.id });
    }
  }
  const submitterOrg = await insertOrganization(db, { name: '提交单位', type: 'enterprise', creditCode: code('91'), regionCode: '450103' });
  const submitter = await upsertUser(db, { email: 'submitter@bench.local', password: PASSWORD, name: '提交人', organizationId: submitterOrg.id, roles: [{ role: 'enterprise' }] });
  const platformAdmin = await upsertUser(db, { email: 'admin@bench.local', password: PASSWORD, name: '管理员', organizationId: submitterOrg.id, roles: [{ role: 'admin' }] });
  const registrarUser: Actor = await upsertUser(db, { email: 'registrar@bench.local', password: PASSWORD, name: '登记员', organizationId: registrars[0]!.id, roles: [{ role: 'registrar' }] });

  // 1. Generate the contracts in SQL, in batches (deterministic: every value is a hash of the row number).
  const arr = (xs: string[], type: string) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(',')}]::${type}[]`);
  const zonesArr = arr(zoneIds, 'uuid');
  const pairsArr = arr(pairs, 'text');
  const citiesArr = arr(cityCodes, 'text');
  const regIds = arr(registrars.map((r) => r.id), 'uuid');
  const brokerIds = arr(brokers.map((b) => b.id), 'uuid');
  const brokerOrgs = arr(brokers.map((b) => b.org), 'uuid');
  const h = (salt: number) => sql.raw(`abs(hashint8(g + ${salt * 1_000_003}))`);
  const batch = 100_000;
  const t0 = performance.now();
  for (let from = 1; from <= N; from += batch) {
    const to = Math.min(N, from + batch - 1);
    await db.execute(sql`
      insert into contracts (name, type, subtype, seller_name, seller_credit_code, seller_region_code, seller_entity_type,
        buyer_name, buyer_credit_code, buyer_region_code, buyer_entity_type, amount, tech_amount, signed_at, valid_from, valid_to,
        zone_id, city_code, broker_id, broker_org_id, status, registrar_id, registrar_org_id, submitted_at, due_at, registered_at,
        expert_review_required, created_by, created_by_org_id)
      select '技术合同 ' || g, split_part(pair, ':', 1), split_part(pair, ':', 2),
        '卖方' || (g % 5000), '12450103BENCHS' || lpad((g % 5000)::text, 4, '0'), '450103', 'university',
        '买方' || (g % 20000), '91450103BENCHB' || lpad((g % 20000)::text, 4, '0'), city, case when ${h(7)} % 10 < 7 then 'enterprise' else 'institute' end,
        amount, round(amount * (50 + ${h(3)} % 50) / 100.0, 2), signed, signed, signed + 730,
        (${zonesArr})[1 + ${h(1)} % ${zoneIds.length}], city,
        case when ${h(5)} % 10 < 4 then (${brokerIds})[1 + ${h(6)} % ${brokers.length}] end,
        case when ${h(5)} % 10 < 4 then (${brokerOrgs})[1 + ${h(6)} % ${brokers.length}] end,
        status, ${registrarUser.id}::uuid, (${regIds})[1 + g % ${registrars.length}],
        signed + interval '2 days 10 hours', signed + interval '23 days', case when status in ('registered','amended','cancelled') then signed + (${h(8)} % 30) * interval '1 day' + interval '15 hours' end,
        amount >= 5000000, ${submitter.id}::uuid, ${submitterOrg.id}::uuid
      from (
        select g,
          (${pairsArr})[1 + ${h(2)} % ${pairs.length}] as pair,
          (${citiesArr})[1 + ${h(4)} % ${cityCodes.length}] as city,
          round(1000 + (${h(9)} % 600000000) / 100.0, 2) as amount,
          date '2023-01-01' + (${h(10)} % 1095)::int as signed,
          case when ${h(11)} % 100 < 90 then 'registered' when ${h(11)} % 100 < 93 then 'amended' when ${h(11)} % 100 < 96 then 'cancelled'
               when ${h(11)} % 100 < 98 then 'refused' else 'submitted' end as status
        from generate_series(${from}::bigint, ${to}::bigint) g
      ) s`);
    process.stdout.write(`\r  generated ${to.toLocaleString()} / ${N.toLocaleString()} contracts`);
  }
  process.stdout.write('\n');
  // Registration numbers: year + body's region + a serial unique per body (synthetic: unique, not gap-free).
  await db.execute(sql`
    with numbered as (
      select c.id, to_char(c.registered_at at time zone interval '+08:00', 'YYYY') as y, o.region_code,
             row_number() over (partition by c.registrar_org_id order by c.id) as serial
      from contracts c join organizations o on o.id = c.registrar_org_id where c.registered_at is not null)
    update contracts c set registration_number = n.y || n.region_code || lpad(n.serial::text, 6, '0') from numbered n where n.id = c.id`);
  await db.execute(sql`
    insert into contract_registration_counters (region_code, year, last_serial)
    select substr(registration_number, 5, 6), substr(registration_number, 1, 4)::int, max(substr(registration_number, 11)::int)
    from contracts where registration_number is not null group by 1, 2`);
  const genSeconds = (performance.now() - t0) / 1000;
  log(`generated ${N.toLocaleString()} contracts in ${genSeconds.toFixed(1)} s`);

  const t1 = performance.now();
  await db.transaction((tx) => rebuildRollups(tx));
  await db.execute(sql`vacuum analyze contracts`);
  for (const t of ['contract_zone_totals', 'contract_city_transfers', 'contract_broker_totals', 'contract_registrar_totals', 'contract_buyer_totals']) await db.execute(sql.raw(`analyze ${t}`));
  log(`roll-ups rebuilt and tables analyzed in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  const t2 = performance.now();
  const diffs = (await rollupDifferences(db)).reduce((n, t) => n + t.differences.length, 0);
  log(`indicators:verify over ${N.toLocaleString()} contracts: ${diffs} differences (${((performance.now() - t2) / 1000).toFixed(1)} s)`);

  // 2. The endpoints over HTTP, in-process, logged in as a platform admin (live values of any zone).
  const built = createApp({ config: { ...config, production: false }, db, search: connectSearch('http://127.0.0.1:9', 'unused', ''), sessionSecret: crypto.randomBytes(32).toString('hex') });
  const server = http.createServer(built.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email: 'admin@bench.local', password: PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);

  const years = [2023, 2024, 2025];
  const cases = Array.from({ length: REQUESTS }, (_, i) => ({ zone: zoneIds[i % zoneIds.length]!, year: years[Math.floor(i / zoneIds.length) % years.length]! }));
  const time = async (fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    return performance.now() - s;
  };
  const get = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  // The same figures as indicator 1 and its breakdown, straight from the contracts of the zone and year.
  const zoneAggregate = (zone: string, year: number) =>
    db.execute(sql`select type, extract(month from signed_at)::int as month, count(*)::int as n, sum(amount) as amount, sum(tech_amount) as tech from contracts
      where zone_id = ${zone} and signed_at >= ${`${year}-01-01`}::date and signed_at < ${`${year + 1}-01-01`}::date and status in ('registered', 'amended') group by 1, 2`);
  // The dashboard's figures (five years by zone, month and type) straight from the whole table.
  const fullAggregate = (year: number) =>
    db.execute(sql`select zone_id, extract(year from signed_at)::int as year, extract(month from signed_at)::int as month, type, count(*)::int, sum(amount), sum(tech_amount)
      from contracts where status in ('registered', 'amended') and signed_at >= ${`${year - 4}-01-01`}::date and signed_at < ${`${year + 1}-01-01`}::date group by 1, 2, 3, 4`);

  // Check once that the endpoint and the aggregate agree, then warm up.
  const sample = (await get(`/api/zones/${cases[0]!.zone}/indicators?year=${cases[0]!.year}`)) as { indicators: { code: string; detail?: { amountYuan: number } }[] };
  const agg = (await zoneAggregate(cases[0]!.zone, cases[0]!.year)).rows as { amount: string }[];
  const aggCents = agg.reduce((s, r) => s + BigInt(r.amount.replace('.', '')), 0n);
  const endpointYuan = sample.indicators.find((i) => i.code === 'I01')!.detail!.amountYuan;
  if (BigInt(Math.round(endpointYuan * 100)) !== aggCents) throw new Error(`indicator 1 disagrees with the aggregate: ${endpointYuan} vs ${aggCents} cents`);
  for (let i = 0; i < 20; i++) {
    await get(`/api/zones/${cases[i]!.zone}/indicators?year=${cases[i]!.year}`);
    await zoneAggregate(cases[i]!.zone, cases[i]!.year);
  }
  const endpointTimes: number[] = [];
  const zoneAggTimes: number[] = [];
  const useCaseTimes: number[] = [];
  const meTimes: number[] = [];
  const adminActor = (await loadActor(db, platformAdmin.id))!;
  for (const c of cases) {
    endpointTimes.push(await time(() => get(`/api/zones/${c.zone}/indicators?year=${c.year}`)));
    zoneAggTimes.push(await time(() => zoneAggregate(c.zone, c.year)));
    useCaseTimes.push(await time(() => getIndicators({ db }, adminActor, { zoneId: c.zone, year: c.year })));
    meTimes.push(await time(() => get('/api/auth/me')));
  }
  log(`indicator endpoint and per-zone aggregate: ${REQUESTS} requests each`);
  const dashRuns = Math.max(20, Math.floor(REQUESTS / 10));
  const dashTimes: number[] = [];
  const fullTimes: number[] = [];
  await get('/api/stats/contracts?year=2025');
  await fullAggregate(2025);
  for (let i = 0; i < dashRuns; i++) {
    dashTimes.push(await time(() => get(`/api/stats/contracts?year=${years[i % years.length]}`)));
    fullTimes.push(await time(() => fullAggregate(years[i % years.length]!)));
  }
  log(`dashboard endpoint and full-table aggregate: ${dashRuns} runs each`);
  built.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));

  // 3. Registration throughput: submitted contracts registered by the use case, with and without roll-ups.
  await db.execute(sql`
    insert into contracts (name, type, subtype, seller_name, seller_credit_code, seller_region_code, seller_entity_type,
      buyer_name, buyer_credit_code, buyer_region_code, buyer_entity_type, amount, tech_amount, signed_at, valid_from, valid_to,
      zone_id, city_code, broker_id, broker_org_id, status, submitted_at, due_at, expert_review_required, created_by, created_by_org_id)
    select '待登记合同 ' || g, split_part(pair, ':', 1), split_part(pair, ':', 2), '卖方', '12450103BENCHSELLR', '450103', 'university',
      '买方', '91450103BENCHBUYER', '450100', 'enterprise', amount, round(amount * 0.8, 2), date '2025-06-01', date '2025-06-01', date '2027-06-01',
      (${zonesArr})[1 + ${h(1)} % ${zoneIds.length}], '450100',
      case when g % 2 = 0 then (${brokerIds})[1 + g % ${brokers.length}] end, case when g % 2 = 0 then (${brokerOrgs})[1 + g % ${brokers.length}] end,
      'submitted', now(), now() + interval '21 days', false, ${submitter.id}::uuid, ${submitterOrg.id}::uuid
    from (select g, (${pairsArr})[1 + ${h(2)} % ${pairs.length}] as pair, round(10000 + (${h(9)} % 400000000) / 100.0, 2) as amount
          from generate_series(${N + 1}::bigint, ${N + 2 * REGISTRATIONS}::bigint) g) s`);
  const pending = ((await db.execute(sql`select id from contracts where status = 'submitted' and name like '待登记合同 %' order by name`)).rows as { id: string }[]).map((r) => r.id);
  const register = async (ids: string[], rollUp: boolean) => {
    let next = 0;
    const s = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          await reviewContract({ db }, registrarUser, { id, decision: 'register', rollUp });
        }
      }),
    );
    return ids.length / ((performance.now() - s) / 1000);
  };
  // Alternate halves so cache warmth and table growth favour neither side.
  const part = Math.floor(REGISTRATIONS / 2);
  const withRollups = [await register(pending.slice(0, part), true)];
  const withoutRollups = [await register(pending.slice(part, 2 * part), false)];
  withRollups.push(await register(pending.slice(2 * part, 3 * part), true));
  withoutRollups.push(await register(pending.slice(3 * part, 4 * part), false));
  const avg = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  log(`registration throughput measured: ${2 * REGISTRATIONS} registrations, concurrency ${CONCURRENCY}`);

  const rows: [string, string, string, string][] = [
    ['GET /api/zones/:id/indicators (roll-ups, HTTP)', ms(pct(endpointTimes, 50)), ms(pct(endpointTimes, 95)), ''],
    ['  of which the use case alone (in-process, no HTTP)', ms(pct(useCaseTimes, 50)), ms(pct(useCaseTimes, 95)), ''],
    ['  of which HTTP + session (GET /api/auth/me)', ms(pct(meTimes, 50)), ms(pct(meTimes, 95)), ''],
    ['same figures: aggregate over contracts (zone, year)', ms(pct(zoneAggTimes, 50)), ms(pct(zoneAggTimes, 95)), `${(pct(zoneAggTimes, 50) / pct(endpointTimes, 50)).toFixed(1)}× / ${(pct(zoneAggTimes, 95) / pct(endpointTimes, 95)).toFixed(1)}×`],
    ['GET /api/stats/contracts (roll-ups, HTTP)', ms(pct(dashTimes, 50)), ms(pct(dashTimes, 95)), ''],
    ['same figures: full aggregate over contracts', ms(pct(fullTimes, 50)), ms(pct(fullTimes, 95)), `${(pct(fullTimes, 50) / pct(dashTimes, 50)).toFixed(1)}× / ${(pct(fullTimes, 95) / pct(dashTimes, 95)).toFixed(1)}×`],
  ];
  console.log(`\nIndicators benchmark: ${N.toLocaleString()} contracts, ${zoneIds.length} zones, 2 cores (PostgreSQL ${((await db.execute(sql`show server_version`)).rows[0] as { server_version: string }).server_version})`);
  console.log('| what | p50 | p95 | aggregate ÷ endpoint (p50 / p95) |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n| registration (register use case, concurrency ${CONCURRENCY}) | registrations/s |`);
  console.log('|---|---|');
  console.log(`| with roll-ups (same transaction) | ${avg(withRollups).toFixed(0)} |`);
  console.log(`| without roll-ups | ${avg(withoutRollups).toFixed(0)} |`);
  console.log(`| ratio with ÷ without | ${(avg(withRollups) / avg(withoutRollups)).toFixed(2)} |`);
  console.log(`\nGeneration ${genSeconds.toFixed(0)} s; roll-ups verified against the table: ${diffs} differences.`);
} finally {
  await cleanup();
}
