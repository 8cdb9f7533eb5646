/** Data every installation needs: the taxonomy and the platform operator's organization. */
import type { Db } from '../server/lib/db.js';
import { seedTaxonomy } from '../server/components/taxonomy/index.js';
import { findOrganizationByCreditCode, insertOrganization } from '../server/components/organizations/index.js';
import { withCreditCodeCheck } from '../common/creditCode.js';

export const PLATFORM_ORG = {
  name: '桂技通平台运营中心',
  type: 'government',
  creditCode: withCreditCodeCheck('12450000MB0000001'),
  regionCode: '450103',
} as const;

/** Idempotent: run at every start. Returns the platform organization id. */
export async function seedBase(db: Db): Promise<string> {
  await seedTaxonomy(db);
  const existing = await findOrganizationByCreditCode(db, PLATFORM_ORG.creditCode);
  if (existing) return existing.id;
  const org = await insertOrganization(db, { ...PLATFORM_ORG, verified: true });
  return org.id;
}
