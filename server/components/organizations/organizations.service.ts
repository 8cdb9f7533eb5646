import { ORG_TYPES } from '../../../common/roles.js';
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { findZone, isValidRegionCode } from '../taxonomy/index.js';
import * as repo from './organizations.repository.js';

export interface NewOrganizationInput {
  name: string;
  type: (typeof ORG_TYPES)[number];
  creditCode: string;
  regionCode: string;
  zoneId?: string;
  parentOrgId?: string;
}

/** Creates an organization after checking what the schema cannot: region table, zone, unique credit code. */
export async function createOrganization(db: Tx, input: NewOrganizationInput, pathPrefix = 'organization'): Promise<repo.OrganizationRow> {
  if (!isValidRegionCode(input.regionCode)) {
    throw AppError.validation([{ path: `${pathPrefix}.regionCode`, message: '不是有效的行政区划代码（GB/T 2260），请填写单位所在县/区的 6 位代码' }]);
  }
  if (input.zoneId && !(/^[0-9a-f-]{36}$/i.test(input.zoneId) && (await findZone(db, input.zoneId)))) {
    throw AppError.validation([{ path: `${pathPrefix}.zoneId`, message: '所选示范区不存在' }]);
  }
  if (await repo.findOrganizationByCreditCode(db, input.creditCode)) {
    throw AppError.conflict('该统一社会信用代码已注册，请选择加入已有单位', { fields: [{ path: `${pathPrefix}.creditCode`, message: '该统一社会信用代码已注册' }] });
  }
  return repo.insertOrganization(db, { ...input, zoneId: input.zoneId ?? null, parentOrgId: input.parentOrgId ?? null });
}

/** The public card of an organization. */
export function presentOrganization(o: repo.OrganizationRow) {
  return { id: o.id, name: o.name, type: o.type, regionCode: o.regionCode, zoneId: o.zoneId, verified: o.verified };
}

/** Organizations by name (registration, contract parties): active ones only. */
export async function searchOrganizations({ db }: { db: Db }, _actor: Actor | null, input: { text?: string; type?: (typeof ORG_TYPES)[number]; page: number; pageSize: number }) {
  const { items, total } = await repo.searchOrganizations(db, input);
  return { items: items.map(presentOrganization), total, page: input.page, pageSize: input.pageSize };
}

/** The public card of one organization; a merged record is gone (404). */
export async function getOrganization({ db }: { db: Db }, _actor: Actor | null, { id }: { id: string }) {
  const found = await repo.findOrganization(db, id);
  if (!found || found.status === 'merged') throw AppError.notFound('单位');
  return presentOrganization(found);
}
