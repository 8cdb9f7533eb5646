import { countryName } from './contracts.schema.js';

/** "越南（VN）" for the documents. */
export const formatCountry = (code: string) => `${countryName(code) ?? code}（${code}）`;
