/**
 * Reference data the indicators need in every installation (city targets, subsidy rules), loaded
 * from seed/taxonomy/*.json once per process. Existing rows are left alone, so admin edits stay.
 */
import type { Db } from '../../lib/db.js';
import { taxonomyFile } from '../taxonomy/index.js';
import * as repo from './indicators.repository.js';

interface RuleSeed {
  code: string;
  name: string;
  beneficiaryType: string;
  base: string;
  rate: number;
  cap: number | null;
  regionCode: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  source?: string;
}

const loaded = new WeakMap<Db, Promise<void>>();

export function ensureReferenceData(db: Db): Promise<void> {
  let p = loaded.get(db);
  if (!p) {
    p = (async () => {
      await repo.insertMissingTargets(db, taxonomyFile<{ cityCode: string; year: number; target: number }[]>('targets'));
      await repo.insertMissingRules(
        db,
        taxonomyFile<RuleSeed[]>('subsidy-rules').map((r) => ({
          code: r.code,
          name: r.name,
          beneficiaryType: r.beneficiaryType,
          base: r.base,
          rate: String(r.rate),
          cap: r.cap === null ? null : r.cap.toFixed(2),
          regionCode: r.regionCode,
          effectiveFrom: r.effectiveFrom,
          effectiveTo: r.effectiveTo,
          source: r.source ?? null,
        })),
      );
    })();
    p.catch(() => loaded.delete(db));
    loaded.set(db, p);
  }
  return p;
}
