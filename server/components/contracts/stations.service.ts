/**
 * 技术合同登记机构 (registration stations): platform admins define them with the cities or counties
 * they serve and assign registrars. A submission goes to the station serving the seller's county,
 * else its city, else 自治区本级 (450000); a seller without a Chinese region (foreign, or a natural
 * person without one) is placed by the buyer's region. A contract no station serves stays unrouted
 * and every registrar may take it (so registration works before any station exists).
 */
import type { Tx } from '../../lib/db.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import { loadActor, type Actor } from '../auth/index.js';
import * as policy from './contracts.policy.js';
import { notify, type NewNotification } from '../notifications/index.js';
import { findOrganization } from '../organizations/index.js';
import { isValidRegionCode } from '../taxonomy/index.js';
import type { ContractRow } from './contracts.repository.js';
import type { ContractsDeps } from './contracts.deps.js';
import * as repo from './stations.repository.js';

export interface StationInput {
  name: string;
  regionCodes: string[];
  organizationId?: string | null;
}

/** Region codes from the most specific up: county, city, 自治区本级. */
export function jurisdictionChain(regionCode: string | null | undefined): string[] {
  if (!regionCode || !regionCode.startsWith('45')) return [];
  const city = `${regionCode.slice(0, 4)}00`;
  return [...new Set([regionCode, city, '450000'])];
}

/** The station a contract goes to (see the file comment), or null. */
export async function stationFor(tx: Tx, c: Pick<ContractRow, 'sellerRegionCode' | 'buyerRegionCode'>): Promise<repo.StationRow | null> {
  const chain = jurisdictionChain(c.sellerRegionCode).length ? jurisdictionChain(c.sellerRegionCode) : jurisdictionChain(c.buyerRegionCode);
  const serving = await repo.stationsServing(tx, chain);
  for (const code of chain) {
    const s = serving.find((st) => st.regionCodes.includes(code));
    if (s) return s;
  }
  return null;
}

/**
 * The region code a station registers under (the middle six digits of its registration numbers): its one
 * code when it serves a single city or county, the city when all its codes lie in one city, else 450000.
 */
export function stationRegionCode(regionCodes: string[]): string {
  if (regionCodes.length === 1) return regionCodes[0]!;
  const cities = new Set(regionCodes.map((c) => (c === '450000' ? c : `${c.slice(0, 4)}00`)));
  return cities.size === 1 ? [...cities][0]! : '450000';
}

/**
 * The registering body of a contract: the station it was routed to (its region code, its organization
 * when it has one, else the registrar's), or — for an unrouted contract — the registrar's organization.
 */
export async function registeringBody(tx: Tx, stationId: string | null, actor: Actor): Promise<{ regionCode: string; organizationId: string | null }> {
  const station = stationId ? await repo.findStation(tx, stationId) : undefined;
  if (station && station.regionCodes.length) return { regionCode: stationRegionCode(station.regionCodes), organizationId: station.organizationId ?? actor.organizationId };
  const body = actor.organizationId ? await findOrganization(tx, actor.organizationId) : undefined;
  if (!body) throw AppError.conflict('登记员尚未加入登记机构单位，且该合同未分配到登记机构，无法生成登记号');
  if (!/^\d{6}$/.test(body.regionCode)) throw AppError.conflict('登记机构缺少有效的行政区划代码');
  return { regionCode: body.regionCode, organizationId: body.id };
}

/** Notifications for the registrars of a station about a new (or re-sent) submission. */
export async function notifyStation(tx: Tx, stationId: string | null, c: ContractRow) {
  if (!stationId) return [];
  const registrars = await repo.registrarsOf(tx, [stationId]);
  const items: NewNotification[] = registrars.map((r) => ({ userId: r.userId, kind: 'contract_submitted', title: `新的技术合同待登记：「${c.name}」`, link: `/registrar/contracts/${c.id}` }));
  return notify(tx, items);
}

/** The stations a registrar works for (empty for everyone else). */
export async function stationIdsOf(db: Tx, actor: Actor | null): Promise<string[]> {
  if (!policy.isRegistrar(actor)) return [];
  return repo.stationIdsOfUser(db, actor!.id);
}

async function present(db: Tx, rows: repo.StationRow[]) {
  const links = await repo.registrarsOf(db, rows.map((r) => r.id));
  const people = new Map<string, { id: string; name: string; email: string }>();
  for (const l of links) {
    if (people.has(l.userId)) continue;
    const a = await loadActor(db, l.userId);
    if (a) people.set(a.id, { id: a.id, name: a.name, email: a.email });
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organizationId: r.organizationId,
    regionCodes: r.regionCodes,
    registrars: links.filter((l) => l.stationId === r.id).flatMap((l) => (people.has(l.userId) ? [people.get(l.userId)!] : [])),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const adminOnly = (actor: Actor) => {
  if (!policy.canManageStations(actor)) throw AppError.forbidden('只有平台管理员可以管理登记机构');
};

export async function listStations({ db }: ContractsDeps, actor: Actor) {
  if (!policy.canSeeStations(actor)) throw AppError.forbidden();
  return { items: await present(db, await repo.allStations(db)) };
}

/** Region codes: real GB/T 2260 codes in Guangxi, each served by one station only. */
async function checkInput(tx: Tx, input: Partial<StationInput>, selfId: string | null) {
  const errors: FieldError[] = [];
  if (input.regionCodes) {
    const others = (await repo.allStations(tx)).filter((s) => s.id !== selfId);
    input.regionCodes.forEach((code, i) => {
      if (!code.startsWith('45') || !isValidRegionCode(code)) errors.push({ path: `regionCodes.${i}`, message: '应为广西的市或县（区）行政区划代码（GB/T 2260）' });
      const taken = others.find((s) => s.regionCodes.includes(code));
      if (taken) errors.push({ path: `regionCodes.${i}`, message: `该地区已由「${taken.name}」管辖` });
    });
    if (new Set(input.regionCodes).size !== input.regionCodes.length) errors.push({ path: 'regionCodes', message: '管辖地区不能重复' });
  }
  if (input.name) {
    const same = await repo.findStationByName(tx, input.name);
    if (same && same.id !== selfId) errors.push({ path: 'name', message: '已有同名登记机构' });
  }
  if (input.organizationId && !(await findOrganization(tx, input.organizationId))) errors.push({ path: 'organizationId', message: '所选单位不存在' });
  if (errors.length) throw AppError.validation(errors);
}

export async function createStation({ db }: ContractsDeps, actor: Actor, input: StationInput) {
  adminOnly(actor);
  const row = await db.transaction(async (tx) => {
    await checkInput(tx, input, null);
    const created = await repo.insertStation(tx, { name: input.name, regionCodes: input.regionCodes, organizationId: input.organizationId ?? null });
    await audit(tx, { actorId: actor.id, action: 'station.create', entityType: 'station', entityId: created.id, data: { ...input } });
    return created;
  });
  return (await present(db, [row]))[0]!;
}

export async function updateStation({ db }: ContractsDeps, actor: Actor, { id, ...input }: { id: string } & Partial<StationInput>) {
  adminOnly(actor);
  const row = await db.transaction(async (tx) => {
    if (!(await repo.findStation(tx, id))) throw AppError.notFound('登记机构');
    await checkInput(tx, input, id);
    const updated = await repo.updateStation(tx, id, input);
    await audit(tx, { actorId: actor.id, action: 'station.update', entityType: 'station', entityId: id, data: { ...input } });
    return updated;
  });
  return (await present(db, [row]))[0]!;
}

/** Deletes a station with no open submissions (409 otherwise); its decided contracts keep no station. */
export async function deleteStation({ db }: ContractsDeps, actor: Actor, { id }: { id: string }): Promise<void> {
  adminOnly(actor);
  await db.transaction(async (tx) => {
    const row = await repo.findStation(tx, id);
    if (!row) throw AppError.notFound('登记机构');
    const open = await repo.openContractsOfStation(tx, id);
    if (open) throw AppError.conflict(`该登记机构还有 ${open} 份待处理的合同，不能删除`, { open });
    await repo.unlinkContracts(tx, id);
    await repo.deleteStation(tx, id);
    await audit(tx, { actorId: actor.id, action: 'station.delete', entityType: 'station', entityId: id, data: { name: row.name } });
  });
}

/** Replaces the registrars of a station; each must hold the registrar role. */
export async function setStationRegistrars({ db }: ContractsDeps, actor: Actor, { id, userIds }: { id: string; userIds: string[] }) {
  adminOnly(actor);
  const row = await db.transaction(async (tx) => {
    const station = await repo.findStation(tx, id);
    if (!station) throw AppError.notFound('登记机构');
    const errors: FieldError[] = [];
    for (const [i, userId] of userIds.entries()) {
      const u = await loadActor(tx, userId);
      if (!policy.isRegistrar(u)) errors.push({ path: `userIds.${i}`, message: '该用户不是技术合同登记员' });
    }
    if (errors.length) throw AppError.validation(errors);
    await repo.setRegistrars(tx, id, [...new Set(userIds)]);
    await audit(tx, { actorId: actor.id, action: 'station.registrars', entityType: 'station', entityId: id, data: { userIds } });
    return station;
  });
  return (await present(db, [row]))[0]!;
}
