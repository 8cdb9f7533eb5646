import { countryName } from '../../../common/schemas/contracts.js';

/** "越南（VN）" for the documents. */
export const formatCountry = (code: string) => `${countryName(code) ?? code}（${code}）`;
