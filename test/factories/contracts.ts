/** Factories of the contract and indicator tests: registrars with their own region, zones, valid bodies. */
import { asc } from 'drizzle-orm';
import type supertest from 'supertest';
import type { Role } from '../../common/roles.js';
import { upsertUser } from '../../server/components/auth/index.js';
import { insertOrganization } from '../../server/components/organizations/index.js';
import { creditCode, login, PASSWORD, registerUser, uniq } from './users.js';
import { testEnv } from '../setup/global.js';
import { zones } from '../../server/db/schema.js';

/** A user with `role` in a new organization of the given type and region (registration numbers carry the region). */
export async function staffUser(role: Role, opts: { regionCode?: string; orgType?: string; zoneId?: string } = {}) {
  const { db } = testEnv();
  const org = await insertOrganization(db, {
    name: `机构${uniq()}`,
    type: opts.orgType ?? (role === 'registrar' ? 'registrar' : 'government'),
    creditCode: creditCode('12'),
    regionCode: opts.regionCode ?? '450103',
  });
  const email = `${role}${uniq()}@example.cn`;
  const user = await upsertUser(db, { email, password: PASSWORD, name: `${role}用户`, organizationId: org.id, roles: [{ role, zoneId: opts.zoneId ?? null }] });
  return { user, email, org };
}

/** Logged-in agent of a new staff user. */
export async function staffAgent(server: { agent(): supertest.Agent }, role: Role, opts: Parameters<typeof staffUser>[1] = {}) {
  const u = await staffUser(role, opts);
  return { ...u, agent: await login(server.agent(), u.email) };
}

/** The seeded zones, in a stable order. */
export async function seededZones() {
  return testEnv().db.select().from(zones).orderBy(asc(zones.slug));
}

/** A valid contract body: the caller's organization buys from an outside university. */
export function contractBody(buyerOrgId: string, zoneId: string, over: Record<string, unknown> = {}) {
  return {
    name: `一种高效电池材料的技术转让合同${uniq()}`,
    type: 'transfer',
    subtype: 'transfer_patent',
    seller: { name: '广西测试大学', creditCode: creditCode('12'), regionCode: '450103', entityType: 'university' },
    buyer: { organizationId: buyerOrgId },
    amount: 1_234_567.89,
    techAmount: 1_000_000.01,
    signedAt: '2026-03-15',
    validFrom: '2026-03-15',
    validTo: '2028-03-14',
    zoneId,
    technicalField: '新材料',
    paymentTerms: '分三期支付',
    ...over,
  };
}

/** An enterprise member (buyer side) with a logged-in agent. */
export async function enterpriseAgent(server: { agent(): supertest.Agent }) {
  const agent = server.agent();
  const { user } = await registerUser(agent, 'enterprise');
  return { agent, user };
}

export const fieldPaths = (res: supertest.Response) => ((res.body.error?.details?.fields ?? []) as { path: string }[]).map((f) => f.path);
