/**
 * What other components (deals) do when a contract changes, inside the same transaction: a deal's
 * stage and commission move with its contract's registration atomically. Contracts import nothing
 * from them; they register here at load time.
 */
import type { Tx } from '../../lib/db.js';
import type { Actor } from '../auth/index.js';
import type { notify } from '../notifications/index.js';
import type { ContractRow } from './contracts.repository.js';

export type ContractEventType = 'submitted' | 'corrected' | 'registered' | 'refused' | 'cancelled' | 'withdrawn';
export type Notes = Awaited<ReturnType<typeof notify>>;
/** May throw an AppError (e.g. a validation error on `dealId`) to refuse the change; returns notifications to deliver after commit. */
export type ContractHook = (tx: Tx, event: { type: ContractEventType; contract: ContractRow; actor: Actor }) => Promise<Notes | void>;

const hooks: ContractHook[] = [];

/** Registers a hook run inside every contract submission, correction, decision, withdrawal and cancellation. */
export function onContractEvent(hook: ContractHook): void {
  hooks.push(hook);
}

export async function runContractHooks(tx: Tx, type: ContractEventType, contract: ContractRow, actor: Actor): Promise<Notes> {
  const out: Notes = [];
  for (const h of hooks) {
    const notes = await h(tx, { type, contract, actor });
    if (notes) out.push(...notes);
  }
  return out;
}
