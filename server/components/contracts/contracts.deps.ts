import type { Db } from '../../lib/db.js';

/** What the contracts component's use cases need. */
export interface ContractsDeps {
  db: Db;
}

/** `now` of a command: seeds and tests date what they create; the API always uses the present. */
export interface At {
  now?: Date;
}
