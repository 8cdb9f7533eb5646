export { seedTaxonomy, getTaxonomy, invalidateTaxonomy, findZone, findZoneBySlug, type Taxonomy } from './taxonomy.service.js';
export { isValidRegionCode, taxonomyFile, TAXONOMY_DIR } from './taxonomy.data.js';
export { taxonomyRoutes } from './taxonomy.routes.js';
export { STOP_WORDS, textEngine, synonymsOf, queryWords, wordPieces, documentWords, characterWords, wordToken } from './taxonomy.text.js';
