/**
 * Safe submission rules, kept out of the use cases so each reads as one line there: the parties
 * differ, linked listings belong to the right side (and one the caller may not see answers like a
 * missing one), and a likely duplicate needs an explicit confirmation.
 */
import type { Tx } from '../../lib/db.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { canSee as canSeeListing, findListing } from '../listings/index.js';
import * as policy from './contracts.policy.js';
import * as repo from './contracts.repository.js';
import { sameParty } from './contracts.parties.js';

/** Seller and buyer must be different parties (field error on `buyer`). */
export function checkDistinctParties(v: Partial<repo.ContractRow>, errors: FieldError[]): void {
  if (sameParty(v)) errors.push({ path: 'buyer', message: '卖方与买方不能是同一当事方' });
}

/**
 * A linked achievement must be owned by the seller's organization, a linked demand by the buyer's.
 * A listing the actor may not see gets exactly the answer of a missing one.
 */
export async function checkLinkedListings(tx: Tx, actor: Actor, v: Partial<repo.ContractRow>, changed: { achievementId?: string | null; demandId?: string | null }, errors: FieldError[]): Promise<void> {
  const links = [
    { field: 'achievementId', kind: 'achievement', owner: v.sellerOrgId, missing: '关联的科技成果不存在', wrongSide: '关联的科技成果须属于卖方单位' },
    { field: 'demandId', kind: 'demand', owner: v.buyerOrgId, missing: '关联的技术需求不存在', wrongSide: '关联的技术需求须由买方单位发布' },
  ] as const;
  for (const l of links) {
    const id = changed[l.field];
    if (!id) continue;
    const listing = await findListing(tx, l.kind, id);
    if (!listing || !canSeeListing(actor, listing)) errors.push({ path: l.field, message: l.missing });
    else if (!l.owner || listing.ownerOrgId !== l.owner) errors.push({ path: l.field, message: l.wrongSide });
  }
}

/**
 * A likely duplicate among the contracts the actor may see: the same parties, amount and signing
 * date, or the same name, not withdrawn, refused or cancelled. → 409 `duplicate_suspected` with the
 * existing contract, unless the submitter confirmed.
 */
export async function checkDuplicate(tx: Tx, actor: Actor, v: repo.NewContract, present: (row: repo.ContractRow) => unknown): Promise<void> {
  const candidates = await repo.likelyDuplicates(tx, v);
  const visible = candidates.find((c) => policy.canSee(actor, c));
  if (!visible) return;
  const sameName = visible.name.trim() === v.name.trim();
  throw new AppError(
    'duplicate_suspected',
    sameName ? `已有同名合同「${visible.name}」，请确认不是重复提交` : '已有当事方、成交额和签订日期都相同的合同，请确认不是重复提交',
    { reason: sameName ? 'same_name' : 'same_parties_amount_date', existing: present(visible), confirmWith: 'confirmDuplicate' },
  );
}
