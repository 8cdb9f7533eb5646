/** Factories: each test builds its own data through the public API or the use cases. */
import crypto from 'node:crypto';
import type supertest from 'supertest';
import { withCreditCodeCheck } from '../../common/creditCode.js';
import type { Role } from '../../common/roles.js';
import { findOrganizationByCreditCode, insertOrganization } from '../../server/components/organizations/index.js';
import { upsertUser, type Actor } from '../../server/components/auth/index.js';
import { testEnv } from '../setup/global.js';
import type { Db } from '../../server/lib/db.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
let seq = 0;
export const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

/** A random, valid 统一社会信用代码. */
export function creditCode(prefix = '91'): string {
  let body = `${prefix}450103`;
  while (body.length < 17) body += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return withCreditCodeCheck(body);
}

export const PASSWORD = 'Passw0rd-Test';

export function registrationBody(role: 'supplier' | 'enterprise' | 'broker' = 'enterprise', over: Record<string, unknown> = {}) {
  const type = role === 'supplier' ? 'university' : role === 'broker' ? 'agency' : 'enterprise';
  return {
    email: `u${uniq()}@example.cn`,
    password: PASSWORD,
    name: '测试用户',
    role,
    organization: { name: `测试单位${uniq()}`, type, creditCode: creditCode(type === 'university' ? '12' : '91'), regionCode: '450103' },
    ...over,
  };
}

/** A user who belongs to an organization (every factory user does). */
export type OrgActor = Actor & { organizationId: string; organization: NonNullable<Actor['organization']> };

/** Registers through the API (the agent ends up logged in). */
export async function registerUser(agent: supertest.Agent, role: 'supplier' | 'enterprise' | 'broker' = 'enterprise', over: Record<string, unknown> = {}) {
  const body = registrationBody(role, over);
  const res = await agent.post('/api/auth/register').send(body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { user: res.body.user as OrgActor, email: body.email, password: body.password };
}

/**
 * Registers a colleague into `admin`'s organization the way a member joins: the admin issues an
 * invitation link and the colleague signs up with it (`colleague` ends up logged in).
 */
export async function registerColleague(admin: supertest.Agent, colleague: supertest.Agent, orgId: string, role: 'supplier' | 'enterprise' | 'broker', name = '同事') {
  const inv = await admin.post(`/api/organizations/${orgId}/invitations`).send({});
  if (inv.status !== 201) throw new Error(`invitation failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const res = await colleague.post('/api/auth/register').send({ email: `c${uniq()}@example.cn`, password: PASSWORD, name, role, invitationToken: inv.body.token });
  if (res.status !== 201) throw new Error(`colleague register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.user as OrgActor;
}

/** A user with any role (staff roles included), created directly through the use case. */
export async function createUser(role: Role, opts: { zoneId?: string; orgType?: string } = {}, db: Db = testEnv().db) {
  const code = creditCode('91');
  const org = (await findOrganizationByCreditCode(db, code)) ?? (await insertOrganization(db, { name: `单位${uniq()}`, type: opts.orgType ?? 'government', creditCode: code, regionCode: '450103' }));
  const email = `${role}${uniq()}@example.cn`;
  const user = (await upsertUser(db, { email, password: PASSWORD, name: `${role}用户`, organizationId: org.id, roles: [{ role, zoneId: opts.zoneId ?? null }] })) as OrgActor;
  return { user, email, password: PASSWORD };
}

/** Logs `agent` in and returns it. */
export async function login(agent: supertest.Agent, email: string, password = PASSWORD) {
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}
