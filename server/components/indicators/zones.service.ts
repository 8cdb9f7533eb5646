/** 示范区 administration: admin CRUD, lifecycle statuses with their dates, zone admins scoped to their zone. */
import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { beijingDate } from '../contracts/index.js';
import { getTaxonomy, invalidateTaxonomy } from '../taxonomy/index.js';
import { assertAdmin, assertManagesZone, isAdmin } from './indicators.policy.js';
import * as repo from './indicators.repository.js';
import type { IndicatorsDeps } from './indicators.service.js';
import { ZONE_HOST_TYPES, ZONE_LEVELS, ZONE_STATUSES, ZONE_TRANSITIONS as TRANSITIONS, type ZoneStatus } from '../../../common/schemas/zones.js';

export { ZONE_STATUSES };

export const ZONE_STATUS_NAMES: Record<(typeof ZONE_STATUSES)[number], string> = {
  applying: '申报中',
  approved: '已批复（建设中）',
  accepted: '已认定',
  rectify: '整改',
  revoked: '已撤销',
};
const name = z.string({ error: '请填写示范区名称' }).trim().min(2, '示范区名称至少 2 个字').max(100, '示范区名称最多 100 个字');
export const createZoneSchema = z.strictObject({
  slug: z.string({ error: '请填写英文标识' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '英文标识只能包含小写字母、数字和连字符'),
  name,
  cityCode: z.string({ error: '请选择所在城市' }),
  level: z.enum(ZONE_LEVELS, { error: '级别应为 national 或 autonomous_region' }),
  hostType: z.enum(ZONE_HOST_TYPES, { error: '载体类型无效' }),
  appliedOn: z.iso.date({ error: '申报日期应为 YYYY-MM-DD' }).optional(),
});
export const updateZoneSchema = z.strictObject({ name, cityCode: z.string(), level: z.enum(ZONE_LEVELS), hostType: z.enum(ZONE_HOST_TYPES) }).partial();
export const zoneStatusSchema = z.strictObject({
  status: z.enum(ZONE_STATUSES, { error: '状态应为 applying、approved、accepted、rectify 或 revoked' }),
  effectiveOn: z.iso.date({ error: '生效日期应为 YYYY-MM-DD' }),
  note: z.string().trim().max(1000).optional(),
});

export function presentZone(z: repo.ZoneRow) {
  return { id: z.id, slug: z.slug, name: z.name, cityCode: z.cityCode, level: z.level, hostType: z.hostType, status: z.status, approvedAt: z.approvedAt, createdAt: z.createdAt.toISOString(), updatedAt: z.updatedAt.toISOString() };
}

export async function listZones({ db }: IndicatorsDeps, _actor: Actor | null) {
  return { items: (await repo.listZones(db)).map(presentZone) };
}

/** A zone with its status history (public). */
export async function getZone({ db }: IndicatorsDeps, _actor: Actor | null, { id }: { id: string }) {
  const zone = await repo.findZone(db, id);
  if (!zone) throw AppError.notFound('示范区');
  const history = await repo.zoneStatusHistoryOf(db, id);
  return {
    ...presentZone(zone),
    statusHistory: history.map((h) => ({ status: h.status, effectiveOn: h.effectiveOn, note: h.note, actorId: h.actorId, recordedAt: h.createdAt.toISOString() })),
  };
}

async function checkCity(db: Db, cityCode: string): Promise<void> {
  if (!(await getTaxonomy(db)).cities.some((c) => c.code === cityCode)) throw AppError.validation([{ path: 'cityCode', message: '所在城市无效' }]);
}

export async function createZone({ db }: IndicatorsDeps, actor: Actor, input: z.output<typeof createZoneSchema>) {
  assertAdmin(actor, '新增示范区');
  await checkCity(db, input.cityCode);
  const zone = await db.transaction(async (tx) => {
    if (await repo.findZoneBySlug(tx, input.slug)) throw AppError.conflict('该英文标识已被使用', { fields: [{ path: 'slug', message: '该英文标识已被使用' }] });
    const row = await repo.insertZone(tx, { slug: input.slug, name: input.name, cityCode: input.cityCode, level: input.level, hostType: input.hostType, status: 'applying' });
    await repo.insertZoneStatus(tx, { zoneId: row.id, status: 'applying', effectiveOn: input.appliedOn ?? beijingDate(new Date()), note: '申报', actorId: actor.id });
    await audit(tx, { actorId: actor.id, action: 'zone.create', entityType: 'zone', entityId: row.id, data: { ...input } });
    return row;
  });
  invalidateTaxonomy();
  return getZone({ db }, actor, { id: zone.id });
}

/** Admins edit everything but the status; a zone admin may rename its own zone and set its host type. */
export async function updateZone({ db }: IndicatorsDeps, actor: Actor, { id, ...input }: { id: string } & z.output<typeof updateZoneSchema>) {
  if (!(await repo.findZone(db, id))) throw AppError.notFound('示范区');
  assertManagesZone(actor, id);
  if (!isAdmin(actor)) {
    const adminOnly = (['cityCode', 'level'] as const).filter((k) => input[k] !== undefined);
    if (adminOnly.length) throw AppError.forbidden('所在城市和级别只能由平台管理员修改');
  }
  if (input.cityCode) await checkCity(db, input.cityCode);
  await db.transaction(async (tx) => {
    await repo.updateZone(tx, id, input);
    await audit(tx, { actorId: actor.id, action: 'zone.update', entityType: 'zone', entityId: id, data: { ...input } });
  });
  invalidateTaxonomy();
  return getZone({ db }, actor, { id });
}

/** Moves a zone along its lifecycle; the date it took effect is kept in the history. */
export async function changeZoneStatus({ db }: IndicatorsDeps, actor: Actor, { id, ...input }: { id: string } & z.output<typeof zoneStatusSchema>) {
  assertAdmin(actor, '变更示范区状态');
  await db.transaction(async (tx) => {
    const zone = await repo.findZone(tx, id, true);
    if (!zone) throw AppError.notFound('示范区');
    if (!TRANSITIONS[zone.status as ZoneStatus]?.includes(input.status)) {
      throw AppError.conflict(`示范区当前为「${ZONE_STATUS_NAMES[zone.status as keyof typeof ZONE_STATUS_NAMES] ?? zone.status}」，不能变更为「${ZONE_STATUS_NAMES[input.status]}」`, { status: zone.status });
    }
    await repo.updateZone(tx, id, { status: input.status, ...(input.status === 'approved' ? { approvedAt: input.effectiveOn } : {}) });
    await repo.insertZoneStatus(tx, { zoneId: id, status: input.status, effectiveOn: input.effectiveOn, note: input.note ?? null, actorId: actor.id });
    await audit(tx, { actorId: actor.id, action: 'zone.status', entityType: 'zone', entityId: id, reason: input.note ?? null, data: { from: zone.status, to: input.status, effectiveOn: input.effectiveOn } });
  });
  invalidateTaxonomy();
  return getZone({ db }, actor, { id });
}

/** Deletes a zone nothing refers to (a zone with contracts, organizations or admins is revoked instead). */
export async function deleteZone({ db }: IndicatorsDeps, actor: Actor, { id }: { id: string }): Promise<void> {
  assertAdmin(actor, '删除示范区');
  await db.transaction(async (tx) => {
    if (!(await repo.findZone(tx, id, true))) throw AppError.notFound('示范区');
    if (!(await repo.deleteZone(tx, id))) throw AppError.conflict('该示范区已有合同、单位或管理员关联，不能删除；请将其状态变更为「已撤销」');
    await audit(tx, { actorId: actor.id, action: 'zone.delete', entityType: 'zone', entityId: id });
  });
  invalidateTaxonomy();
}
