import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';
import { contractBody, enterpriseAgent, seededZones, staffAgent } from '../factories/index.js';

const run = promisify(execFile);

describe('contracts: npm run indicators:verify', () => {
  const server = withTestServer();

  const verify = (...extra: string[]) => {
    const { databaseUrl, services } = testEnv();
    return run('npx', ['tsx', 'scripts/indicators-verify.ts', ...extra], {
      env: { ...process.env, DATABASE_URL: databaseUrl, MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliKey ?? '', LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
  };

  it('prints zero differences after registrations, amendments and cancellations, and finds a tampered roll-up', async function () {
    this.timeout(120_000);
    const party = await enterpriseAgent(server);
    const registrar = await staffAgent(server, 'registrar');
    const zones = await seededZones();
    for (let i = 0; i < 3; i++) {
      const c = await party.agent.post('/api/contracts').send(contractBody(party.user.organizationId, zones[i]!.id, { amount: 123_456.78 + i, techAmount: 100_000 }));
      await registrar.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' }).expect(200);
      if (i === 1) await registrar.agent.post(`/api/contracts/${c.body.id}/amend`).send({ amount: 200_000.02, zoneId: zones[5]!.id, note: '补充协议' }).expect(200);
      if (i === 2) await registrar.agent.post(`/api/contracts/${c.body.id}/cancel`).send({ note: '解除' }).expect(200);
    }
    const clean = await verify();
    expect(clean.stdout).to.match(/indicators:verify: 0 differences/);
    expect(clean.code).to.equal(0);

    await testEnv().db.execute(sql`update contract_zone_totals set amount = amount + 0.01 where zone_id = ${zones[0]!.id} and count > 0`);
    const tampered = await verify();
    expect(tampered.code).to.equal(1);
    expect(tampered.stdout).to.match(/contract_zone_totals .*stored/);

    const repaired = await verify('--rebuild');
    expect(repaired.stdout).to.match(/0 differences/);
    expect(repaired.code).to.equal(0);
  });
});
