/**
 * Exact money arithmetic on the decimal strings PostgreSQL NUMERIC returns: amounts become
 * BigInt cents, so sums and rate products never go through binary floating point.
 */

/** "1234.5" / "-0.07" / "12" → cents. */
export function toCents(value: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal amount: ${value}`);
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -cents : cents;
}

/** cents → "1234.50". */
export function centsToString(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A JSON number in yuan (the API's money type): exact for any amount below 2^53 cents. */
export const centsToYuan = (cents: bigint): number => Number(centsToString(cents));

/** A yuan number from the API (≤ 2 decimals, already validated) → the exact decimal string stored. */
export const yuanToDecimal = (yuan: number): string => yuan.toFixed(2);

const RATE_SCALE = 1_000_000n;
/** cents × rate (a decimal string with ≤ 6 places), rounded half up to the cent. */
export function applyRate(cents: bigint, rate: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(rate.trim());
  if (!m) throw new Error(`not a rate: ${rate}`);
  const micro = BigInt(m[1]!) * RATE_SCALE + BigInt((m[2] ?? '').padEnd(6, '0') || '0');
  const product = cents * micro;
  const sign = product < 0n ? -1n : 1n;
  return (sign * (sign * product + RATE_SCALE / 2n)) / RATE_SCALE;
}

/** 亿元 with 4 decimals (indicator 1), as a number. */
export function centsToYi(cents: bigint): number {
  // 1 亿元 = 10^10 cents; round half up to 10^-4 亿元 = 10^6 cents.
  const unit = 1_000_000n;
  const rounded = (cents + unit / 2n) / unit;
  return Number(rounded) / 10_000;
}
