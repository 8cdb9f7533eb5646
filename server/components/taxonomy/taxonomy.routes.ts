import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { apiRouter } from '../../lib/http.js';
import { readTaxonomy } from './taxonomy.service.js';

const entry = z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() });
const taxonomySchema = z
  .object({
    industries: z.array(entry.extend({ parent: z.string().nullable(), related: z.array(z.string()) })),
    maturityLevels: z.array(z.object({ trl: z.number(), stage: z.string(), name: z.string() })),
    transferModes: z.array(entry),
    ipTypes: z.array(entry),
    ipStatuses: z.array(entry),
    contractTypes: z.array(entry.extend({ subtypes: z.array(entry) })),
    cities: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional(), shortName: z.string() })),
    zones: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), cityCode: z.string(), level: z.string(), hostType: z.string(), status: z.string() })),
  })
  .meta({ id: 'Taxonomy' });

export function taxonomyRoutes(db: Db) {
  const api = apiRouter('taxonomy');
  api.get('/api/taxonomy', { summary: '分类字典：产业、成熟度、转化方式、知识产权、合同类型、城市、示范区', access: 'public', response: taxonomySchema }, async ({ res, actor }) => {
    res.set('Cache-Control', 'public, max-age=300');
    return readTaxonomy({ db }, actor);
  });
  return api.router;
}
