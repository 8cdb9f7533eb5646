/**
 * One transaction and the effects that must wait for its commit (notification delivery, the search-sync kick,
 * socket events): a use case registers them with `afterCommit`; they run in order once the transaction has
 * committed, and never when it rolls back.
 */
import type { Db, Tx } from './db.js';

export interface UnitOfWork {
  /** Runs `effect` after the commit (in registration order); dropped if the transaction rolls back. */
  afterCommit(effect: () => void): void;
}

export async function unitOfWork<T>(db: Db, work: (tx: Tx, uow: UnitOfWork) => Promise<T>): Promise<T> {
  const effects: (() => void)[] = [];
  const result = await db.transaction((tx) => work(tx, { afterCommit: (effect) => void effects.push(effect) }));
  for (const effect of effects) effect();
  return result;
}
