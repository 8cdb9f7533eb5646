/**
 * The roll-ups of registered contracts. Each register / amend / cancel applies the contract's
 * contribution (+1 or −1 times its row) to every roll-up table inside its own transaction, through
 * upserts that add to the current totals under the row lock, so concurrent registrations stay exact.
 * The same figures can be recomputed from `contracts` by one SQL per table (verify / rebuild).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../lib/db.js';
import { beijingYearMonth } from './calendar.js';
import { COUNTED_STATUSES } from '../../../common/schemas/contracts.js';
import type { ContractRow } from './contracts.repository.js';
import { toCents } from './money.js';
import { outsideCity } from './contracts.parties.js';

/** Contract types whose contracts transfer an achievement (作价投资 registers as 技术转让). */
export const TRANSFER_TYPES = ['transfer', 'license'] as const;
/** A transfer counts toward the city targets from this 技术交易额 on (每项交易额不低于10万元). */
export const TARGET_MIN_TECH_AMOUNT = '100000.00';
/**
 * The zone key of a contract outside any zone in the roll-ups keyed by zone (broker, registrar,
 * buyer), whose keys cannot be null. No zone has this id, so per-zone reads never see it.
 */
export const NO_ZONE = '00000000-0000-0000-0000-000000000000';
const zoneKey = sql.raw(`coalesce(zone_id, '${NO_ZONE}'::uuid)`);
/** outsideCity() of contracts.parties.ts in SQL: the seller's city in Guangxi, else the buyer's, else ''. */
const outsideCitySql = sql.raw(`case when seller_region_code like '45%' then substr(seller_region_code, 1, 4) || '00' else coalesce(city_code, '') end`);

interface TableSpec {
  table: string;
  keys: { name: string; type: 'uuid' | 'int' | 'text' }[];
  /** Columns set from the latest contribution rather than summed (labels). */
  labels?: { name: string; type: 'text' }[];
  /** The recomputation from `contracts`: key columns, then count, amount, tech_amount (and labels). */
  recompute: SQL;
}

const counted = sql.raw(`status in (${COUNTED_STATUSES.map((s) => `'${s}'`).join(', ')})`);
const transfer = sql.raw(`type in (${TRANSFER_TYPES.map((s) => `'${s}'`).join(', ')})`);
const signedYear = sql`extract(year from signed_at)::int`;
const signedMonth = sql`extract(month from signed_at)::int`;
const regYear = sql`extract(year from registered_at at time zone interval '+08:00')::int`;
const regMonth = sql`extract(month from registered_at at time zone interval '+08:00')::int`;

export const ROLLUP_TABLES: Record<'zone' | 'outside' | 'city' | 'broker' | 'registrar' | 'buyer', TableSpec> = {
  zone: {
    table: 'contract_zone_totals',
    keys: [
      { name: 'zone_id', type: 'uuid' },
      { name: 'year', type: 'int' },
      { name: 'month', type: 'int' },
      { name: 'type', type: 'text' },
    ],
    recompute: sql`select zone_id, ${signedYear} as year, ${signedMonth} as month, type, count(*)::int as count, sum(amount) as amount, sum(tech_amount) as tech_amount
      from contracts where ${counted} and zone_id is not null group by 1, 2, 3, 4`,
  },
  outside: {
    table: 'contract_outside_totals',
    keys: [
      { name: 'city_code', type: 'text' },
      { name: 'year', type: 'int' },
      { name: 'month', type: 'int' },
      { name: 'type', type: 'text' },
    ],
    recompute: sql`select ${outsideCitySql} as city_code, ${signedYear} as year, ${signedMonth} as month, type, count(*)::int as count, sum(amount) as amount, sum(tech_amount) as tech_amount
      from contracts where ${counted} and zone_id is null group by 1, 2, 3, 4`,
  },
  city: {
    table: 'contract_city_transfers',
    keys: [
      { name: 'city_code', type: 'text' },
      { name: 'year', type: 'int' },
      { name: 'month', type: 'int' },
    ],
    recompute: sql`select city_code, ${signedYear} as year, ${signedMonth} as month, count(*)::int as count, sum(amount) as amount, sum(tech_amount) as tech_amount
      from contracts where ${counted} and ${transfer} and city_code is not null and tech_amount >= ${sql.raw(TARGET_MIN_TECH_AMOUNT)} group by 1, 2, 3`,
  },
  broker: {
    table: 'contract_broker_totals',
    keys: [
      { name: 'broker_id', type: 'uuid' },
      { name: 'broker_org_id', type: 'uuid' },
      { name: 'zone_id', type: 'uuid' },
      { name: 'year', type: 'int' },
      { name: 'month', type: 'int' },
    ],
    recompute: sql`select broker_id, broker_org_id, ${zoneKey} as zone_id, ${signedYear} as year, ${signedMonth} as month, count(*)::int as count, sum(amount) as amount, sum(tech_amount) as tech_amount
      from contracts where ${counted} and broker_id is not null group by 1, 2, 3, 4, 5`,
  },
  registrar: {
    table: 'contract_registrar_totals',
    keys: [
      { name: 'registrar_org_id', type: 'uuid' },
      { name: 'zone_id', type: 'uuid' },
      { name: 'year', type: 'int' },
      { name: 'month', type: 'int' },
    ],
    recompute: sql`select registrar_org_id, ${zoneKey} as zone_id, ${regYear} as year, ${regMonth} as month, count(*)::int as count, sum(amount) as amount, sum(tech_amount) as tech_amount
      from contracts where ${counted} group by 1, 2, 3, 4`,
  },
  buyer: {
    table: 'contract_buyer_totals',
    keys: [
      { name: 'buyer_credit_code', type: 'text' },
      { name: 'buyer_region_code', type: 'text' },
      { name: 'zone_id', type: 'uuid' },
      { name: 'year', type: 'int' },
      { name: 'month', type: 'int' },
    ],
    labels: [{ name: 'buyer_name', type: 'text' }],
    recompute: sql`select buyer_credit_code, buyer_region_code, ${zoneKey} as zone_id, ${signedYear} as year, ${signedMonth} as month, count(*)::int as count, sum(amount) as amount, sum(tech_amount) as tech_amount, max(buyer_name) as buyer_name
      from contracts where ${counted} and ${transfer} and buyer_entity_type = 'enterprise' group by 1, 2, 3, 4, 5`,
  },
};
type TableName = keyof typeof ROLLUP_TABLES;
const ORDER: TableName[] = ['zone', 'outside', 'city', 'broker', 'registrar', 'buyer'];

/** One signed change of one roll-up row. */
export interface Delta {
  table: TableName;
  key: (string | number)[];
  labels?: string[];
  sign: 1 | -1;
  amount: string;
  techAmount: string;
}

/** What a contract adds to the roll-ups while it counts (registered or amended); nothing otherwise. */
export function contributions(c: ContractRow, sign: 1 | -1): Delta[] {
  if (!COUNTED_STATUSES.includes(c.status as (typeof COUNTED_STATUSES)[number])) return [];
  const year = Number(c.signedAt.slice(0, 4));
  const month = Number(c.signedAt.slice(5, 7));
  const base = { sign, amount: c.amount, techAmount: c.techAmount };
  const isTransfer = (TRANSFER_TYPES as readonly string[]).includes(c.type);
  const zone = c.zoneId ?? NO_ZONE;
  const out: Delta[] = [c.zoneId ? { ...base, table: 'zone', key: [c.zoneId, year, month, c.type] } : { ...base, table: 'outside', key: [outsideCity(c), year, month, c.type] }];
  if (isTransfer && c.cityCode && toCents(c.techAmount) >= toCents(TARGET_MIN_TECH_AMOUNT)) out.push({ ...base, table: 'city', key: [c.cityCode, year, month] });
  if (c.brokerId && c.brokerOrgId) out.push({ ...base, table: 'broker', key: [c.brokerId, c.brokerOrgId, zone, year, month] });
  if (c.registrarOrgId && c.registeredAt) {
    const reg = beijingYearMonth(c.registeredAt);
    out.push({ ...base, table: 'registrar', key: [c.registrarOrgId, zone, reg.year, reg.month] });
  }
  if (isTransfer && c.buyerEntityType === 'enterprise' && c.buyerCreditCode && c.buyerRegionCode) {
    out.push({ ...base, table: 'buyer', key: [c.buyerCreditCode, c.buyerRegionCode, zone, year, month], labels: [c.buyerName] });
  }
  return out;
}

const cast = (type: string) => sql.raw(type === 'int' ? 'int' : type);

/**
 * Adds the deltas to the roll-up tables: one upsert per table, deltas of the same row merged in
 * SQL (exact NUMERIC sums) and rows locked in key order, so concurrent transactions never deadlock.
 */
export async function applyDeltas(tx: Tx, deltas: Delta[]): Promise<void> {
  for (const name of ORDER) {
    const mine = deltas.filter((d) => d.table === name);
    if (!mine.length) continue;
    const spec = ROLLUP_TABLES[name];
    const labels = spec.labels ?? [];
    const cols = [...spec.keys.map((k) => k.name), 'count', 'amount', 'tech_amount', ...labels.map((l) => l.name)];
    const rows = mine.map((d) => {
      const values = [
        ...spec.keys.map((k, i) => sql`${d.key[i]}::${cast(k.type)}`),
        sql`${d.sign}::int`,
        sql`(${d.sign}::int * ${d.amount}::numeric)`,
        sql`(${d.sign}::int * ${d.techAmount}::numeric)`,
        ...labels.map((_, i) => sql`${d.labels?.[i] ?? ''}::text`),
      ];
      return sql`(${sql.join(values, sql`, `)})`;
    });
    const keyList = sql.raw(spec.keys.map((k) => k.name).join(', '));
    const colList = sql.raw(cols.join(', '));
    const labelSelect = labels.length ? sql.raw(`, ${labels.map((l) => `max(${l.name})`).join(', ')}`) : sql``;
    const labelSet = labels.length ? sql.raw(`, ${labels.map((l) => `${l.name} = excluded.${l.name}`).join(', ')}`) : sql``;
    await tx.execute(sql`
      insert into ${sql.raw(spec.table)} as t (${colList})
      select ${keyList}, sum(count)::int, sum(amount), sum(tech_amount)${labelSelect}
      from (values ${sql.join(rows, sql`, `)}) as v (${colList})
      group by ${keyList} order by ${keyList}
      on conflict (${keyList}) do update set
        count = t.count + excluded.count,
        amount = t.amount + excluded.amount,
        tech_amount = t.tech_amount + excluded.tech_amount${labelSet}`);
  }
}

export interface RollupDifference {
  table: string;
  key: Record<string, unknown>;
  stored: { count: number; amount: string; techAmount: string } | null;
  recomputed: { count: number; amount: string; techAmount: string } | null;
}

/** Every roll-up row that differs from the recomputation over `contracts` (rows of zeros count as absent). */
export async function rollupDifferences(db: Db | Tx): Promise<{ table: string; rows: number; differences: RollupDifference[] }[]> {
  const out = [];
  for (const name of ORDER) {
    const spec = ROLLUP_TABLES[name];
    const keys = spec.keys.map((k) => k.name);
    const on = sql.raw(keys.map((k) => `s.${k} = r.${k}`).join(' and '));
    const keySelect = sql.raw(keys.map((k) => `coalesce(s.${k}, r.${k}) as ${k}`).join(', '));
    const { rows } = await db.execute(sql`
      with s as (select * from ${sql.raw(spec.table)} where count <> 0 or amount <> 0 or tech_amount <> 0),
           r as (${spec.recompute})
      select ${keySelect},
        s.count as s_count, s.amount::text as s_amount, s.tech_amount::text as s_tech,
        r.count as r_count, r.amount::text as r_amount, r.tech_amount::text as r_tech
      from s full outer join r on ${on}
      where s.count is distinct from r.count or s.amount is distinct from r.amount or s.tech_amount is distinct from r.tech_amount
      limit 100`);
    const [{ n } = { n: 0 }] = (await db.execute(sql`select count(*)::int as n from ${sql.raw(spec.table)} where count <> 0 or amount <> 0 or tech_amount <> 0`)).rows as { n: number }[];
    out.push({
      table: spec.table,
      rows: n,
      differences: (rows as Record<string, unknown>[]).map((r) => ({
        table: spec.table,
        key: Object.fromEntries(keys.map((k) => [k, r[k]])),
        stored: r.s_count === null ? null : { count: Number(r.s_count), amount: String(r.s_amount), techAmount: String(r.s_tech) },
        recomputed: r.r_count === null ? null : { count: Number(r.r_count), amount: String(r.r_amount), techAmount: String(r.r_tech) },
      })),
    });
  }
  return out;
}

/** Replaces every roll-up with its recomputation over `contracts` (after a bulk load, or to repair). */
export async function rebuildRollups(tx: Tx): Promise<void> {
  for (const name of ORDER) {
    const spec = ROLLUP_TABLES[name];
    const cols = sql.raw([...spec.keys.map((k) => k.name), 'count', 'amount', 'tech_amount', ...(spec.labels ?? []).map((l) => l.name)].join(', '));
    await tx.execute(sql`delete from ${sql.raw(spec.table)}`);
    await tx.execute(sql`insert into ${sql.raw(spec.table)} (${cols}) select ${cols} from (${spec.recompute}) r`);
  }
}
