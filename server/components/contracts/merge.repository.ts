import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { contracts, registrationStations } from './contracts.tables.js';

/**
 * Organization merge: contracts that name the merged record (as a party, broker agency, registering
 * body or submitter) now name the survivor, and the roll-ups keyed by organization are folded into
 * the survivor's rows, so `indicators:verify` still finds no difference. Party snapshots (name,
 * credit code) are left as signed.
 */
export async function reassignContractsOrganization(db: Tx, from: string, to: string): Promise<number> {
  const ids = new Set<string>();
  for (const col of ['sellerOrgId', 'buyerOrgId', 'brokerOrgId', 'registrarOrgId', 'createdByOrgId'] as const) {
    const rows = await db
      .update(contracts)
      .set({ [col]: to })
      .where(eq(contracts[col], from))
      .returning({ id: contracts.id });
    for (const r of rows) ids.add(r.id);
  }
  await db.update(registrationStations).set({ organizationId: to }).where(eq(registrationStations.organizationId, from));
  await db.execute(sql`
    insert into contract_broker_totals (broker_id, broker_org_id, zone_id, year, month, count, amount, tech_amount)
    select broker_id, ${to}::uuid, zone_id, year, month, count, amount, tech_amount from contract_broker_totals where broker_org_id = ${from}::uuid
    on conflict (broker_id, broker_org_id, zone_id, year, month) do update
      set count = contract_broker_totals.count + excluded.count, amount = contract_broker_totals.amount + excluded.amount,
          tech_amount = contract_broker_totals.tech_amount + excluded.tech_amount`);
  await db.execute(sql`delete from contract_broker_totals where broker_org_id = ${from}::uuid`);
  await db.execute(sql`
    insert into contract_registrar_totals (registrar_org_id, zone_id, year, month, count, amount, tech_amount)
    select ${to}::uuid, zone_id, year, month, count, amount, tech_amount from contract_registrar_totals where registrar_org_id = ${from}::uuid
    on conflict (registrar_org_id, zone_id, year, month) do update
      set count = contract_registrar_totals.count + excluded.count, amount = contract_registrar_totals.amount + excluded.amount,
          tech_amount = contract_registrar_totals.tech_amount + excluded.tech_amount`);
  await db.execute(sql`delete from contract_registrar_totals where registrar_org_id = ${from}::uuid`);
  return ids.size;
}
