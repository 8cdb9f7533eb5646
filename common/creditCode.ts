/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet without I, O, S, V, Z;
 * the last one is a check character computed from the first 17 with fixed weights.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when they are not well formed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

/** Why a credit code is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): 'format' | 'check' | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'format';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

/** Completes 17 characters into a valid 18-character code (used by seeds and factories). */
export function withCreditCodeCheck(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`not a credit code prefix: ${first17}`);
  return first17 + check;
}
