/** City targets (科技成果转化年度目标): seeded 2016–2020, admins add years; achieved counts come from the roll-ups. */
import { z } from 'zod';
import { AppError, type FieldError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { cityTransferCounts, TARGET_MIN_TECH_AMOUNT, TRANSFER_TYPES } from '../contracts/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import { assertAdmin } from './indicators.policy.js';
import * as repo from './indicators.repository.js';
import type { IndicatorsDeps } from './indicators.service.js';
import { ensureReferenceData } from './reference.js';

export const putTargetsSchema = z.strictObject({
  targets: z
    .array(
      z.strictObject({
        cityCode: z.string({ error: '请选择城市' }),
        target: z.number({ error: '目标应为整数' }).int('目标应为整数').min(0, '目标不能为负数').max(1_000_000, '目标过大'),
      }),
      { error: 'targets 应为列表' },
    )
    .min(1, '至少填写一个城市的目标'),
});

const ratio = (achieved: number, target: number | null) => (target ? Math.round((achieved / target) * 10_000) / 10_000 : null);

/** Per city: target, achieved (transfers ≥ 10万元 registered for the year) and progress (achieved / target). */
export async function getTargets({ db }: IndicatorsDeps, _actor: Actor | null, { year }: { year: number }) {
  await ensureReferenceData(db);
  const [tax, targets, achieved, years] = await Promise.all([getTaxonomy(db), repo.targetsOf(db, year), cityTransferCounts(db, year), repo.targetYears(db)]);
  const byCity = new Map(targets.map((t) => [t.cityCode, t.target]));
  const items = tax.cities.map((c) => {
    const target = byCity.get(c.code) ?? null;
    const done = achieved.get(c.code) ?? 0;
    return { cityCode: c.code, name: c.name, target, achieved: done, progress: ratio(done, target) };
  });
  const totalTarget = items.reduce((s, i) => s + (i.target ?? 0), 0);
  const totalAchieved = items.reduce((s, i) => s + i.achieved, 0);
  return {
    year,
    rule: { contractTypes: [...TRANSFER_TYPES], minTechAmount: Number(TARGET_MIN_TECH_AMOUNT), city: '受让方（买方）所在城市；自治区本级单位计入「自治区本级」' },
    items,
    total: { target: totalTarget || null, achieved: totalAchieved, progress: ratio(totalAchieved, totalTarget || null) },
    years: years.map((y) => y.year),
  };
}

/** Sets the targets of a year (admins add the 2025–2027 plans this way, no code change). */
export async function putTargets({ db }: IndicatorsDeps, actor: Actor, { year, ...input }: { year: number } & z.output<typeof putTargetsSchema>) {
  assertAdmin(actor, '设定城市目标');
  await ensureReferenceData(db);
  const cities = new Set((await getTaxonomy(db)).cities.map((c) => c.code));
  const errors: FieldError[] = [];
  input.targets.forEach((t, i) => {
    if (!cities.has(t.cityCode)) errors.push({ path: `targets.${i}.cityCode`, message: '城市无效' });
  });
  if (new Set(input.targets.map((t) => t.cityCode)).size !== input.targets.length) errors.push({ path: 'targets', message: '同一城市只能出现一次' });
  if (errors.length) throw AppError.validation(errors);
  await db.transaction(async (tx) => {
    await repo.upsertTargets(tx, year, input.targets);
    await audit(tx, { actorId: actor.id, action: 'targets.put', entityType: 'city_targets', entityId: String(year), data: { targets: input.targets } });
  });
  return getTargets({ db }, actor, { year });
}

