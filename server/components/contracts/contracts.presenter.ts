/** The contract as the API answers it. */
import type { Actor } from '../auth/index.js';
import type { ContractStatus } from '../../../common/schemas/contracts.js';
import { crossBorderOf, presentParty } from './contracts.parties.js';
import type * as repo from './contracts.repository.js';

/** The contract as the API returns it (money as yuan numbers, times ISO 8601); ID numbers masked but to registrars and admins. */
export function presentContract(c: repo.ContractRow, now = new Date(), viewer?: Actor | null) {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    subtype: c.subtype,
    seller: presentParty(c, 'seller', viewer),
    buyer: presentParty(c, 'buyer', viewer),
    amount: Number(c.amount),
    techAmount: Number(c.techAmount),
    signedAt: c.signedAt,
    validFrom: c.validFrom,
    validTo: c.validTo,
    zoneId: c.zoneId,
    cityCode: c.cityCode,
    crossBorder: crossBorderOf(c),
    stationId: c.stationId,
    technicalField: c.technicalField,
    paymentTerms: c.paymentTerms,
    dealId: c.dealId,
    achievementId: c.achievementId,
    demandId: c.demandId,
    brokerId: c.brokerId,
    status: c.status as ContractStatus,
    registrationNumber: c.registrationNumber,
    submittedAt: c.submittedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    overdue: c.status === 'submitted' && c.dueAt.getTime() < now.getTime(),
    expertReview: { required: c.expertReviewRequired, reviewedAt: c.expertReviewedAt?.toISOString() ?? null, note: c.expertReviewNote },
    decisionNote: c.decisionNote,
    registeredAt: c.registeredAt?.toISOString() ?? null,
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    amendedAt: c.amendedAt?.toISOString() ?? null,
    cancelledAt: c.cancelledAt?.toISOString() ?? null,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type PresentedContract = ReturnType<typeof presentContract>;
