/**
 * The commission ledger (佣金台账): a brokerage agreement reached in the room becomes a `due` row when
 * the deal's contract is registered, then `invoiced` and `paid` (recorded by the broker), and the
 * payer confirms the payment. Amounts are exact decimals (BigInt cents).
 */
import type { DealsDeps } from './deals.service.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { applyRate, centsToString, toCents } from '../contracts/index.js';
import { deliver, notify } from '../notifications/index.js';
import * as repo from './deals.repository.js';
import { isAdmin } from './deals.policy.js';

/** rate × technology transaction amount (rounded half up to the cent), or the fixed sum. */
export function commissionAmount(techAmount: string, offer: { commissionRate: string | null; amount: string | null }): string {
  if (offer.commissionRate !== null) return centsToString(applyRate(toCents(techAmount), offer.commissionRate));
  return centsToString(toCents(offer.amount!));
}

export function presentCommission(c: repo.CommissionRow, names?: { deals: Map<string, string>; orgs: Map<string, { name: string }>; users: Map<string, { name: string }> }) {
  return {
    id: c.id,
    dealId: c.dealId,
    dealTitle: names?.deals.get(c.dealId) ?? null,
    contractId: c.contractId,
    brokerId: c.brokerId,
    brokerName: names?.users.get(c.brokerId)?.name ?? null,
    brokerOrgId: c.brokerOrgId,
    payerOrgId: c.payerOrgId,
    payerName: names?.orgs.get(c.payerOrgId)?.name ?? null,
    basis: c.basis,
    rate: c.rate,
    baseAmount: Number(c.baseAmount),
    amount: Number(c.amount),
    amountText: c.amount,
    status: c.status,
    invoiceNo: c.invoiceNo,
    invoicedAt: c.invoicedAt?.toISOString() ?? null,
    paidAt: c.paidAt?.toISOString() ?? null,
    payerConfirmedAt: c.payerConfirmedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The ledger: a broker sees theirs, a paying organization its own, admins everything. Totals per status are exact decimal strings. */
export async function listCommissions({ db }: DealsDeps, actor: Actor, q: { brokerId?: string; status?: string; page: number; pageSize: number }) {
  const { items, total, totals } = await repo.listCommissions(db, { all: isAdmin(actor), brokerId: q.brokerId, userId: actor.id, orgId: actor.organizationId as string | null }, q);
  const [orgs, users] = await Promise.all([repo.orgCards(db, items.map((i) => i.payerOrgId)), repo.userCards(db, items.map((i) => i.brokerId))]);
  const deals = new Map<string, string>();
  for (const i of items) deals.set(i.dealId, (await repo.findDeal(db, i.dealId))?.title ?? '');
  return {
    items: items.map((c) => presentCommission(c, { deals, orgs, users })),
    totals: Object.fromEntries(totals.map((t) => [t.status, t.amount ?? '0.00'])),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

type Action = 'invoice' | 'paid' | 'confirm';
/** Moves one ledger row: the broker records `invoiced` then `paid`; a member of the paying organization confirms. */
export async function moveCommission({ db }: DealsDeps, actor: Actor, { id, action, invoiceNo }: { id: string; action: Action; invoiceNo?: string }) {
  const { row, notes } = await db.transaction(async (tx) => {
    const c = await repo.findCommission(tx, id, true);
    const isBroker = !!c && c.brokerId === actor.id;
    const isPayer = !!c && c.payerOrgId === (actor.organizationId as string | null);
    if (!c || !(isBroker || isPayer || isAdmin(actor))) throw AppError.notFound('佣金记录');
    const now = new Date();
    let set: Partial<repo.CommissionRow>;
    if (action === 'invoice') {
      if (!isBroker) throw AppError.forbidden('开票由技术经纪人登记');
      if (c.status !== 'due') throw AppError.conflict('只有应收状态的佣金可以登记开票', { status: c.status });
      set = { status: 'invoiced', invoicedAt: now, invoiceNo: invoiceNo ?? null };
    } else if (action === 'paid') {
      if (!isBroker) throw AppError.forbidden('收款由技术经纪人登记');
      if (c.status !== 'invoiced') throw AppError.conflict('请先登记开票，再登记收款', { status: c.status });
      set = { status: 'paid', paidAt: now };
    } else {
      if (!isPayer) throw AppError.forbidden('付款确认由支付方进行');
      if (c.status !== 'paid' || c.payerConfirmedAt) throw AppError.conflict('经纪人登记收款后，支付方才能确认', { status: c.status });
      set = { payerConfirmedAt: now };
    }
    const row = await repo.updateCommission(tx, id, set);
    await audit(tx, { actorId: actor.id, action: `commission.${action}`, entityType: 'commission', entityId: id, data: { from: c.status, to: row.status, invoiceNo: invoiceNo ?? null } });
    const notes = action === 'confirm' ? await notify(tx, [{ userId: c.brokerId, kind: 'commission', title: `支付方已确认佣金 ${c.amount} 元到账`, link: '/deals?tab=commissions' }]) : [];
    return { row, notes };
  });
  deliver(notes);
  return presentCommission(row);
}
