/**
 * Money is whole cents and percentages are whole basis points, so every sum and product here is
 * an exact integer: no 0.1 + 0.2 drift, and the worked examples in docs/compensation.md come out
 * to the cent on any machine. Amounts stay far below 2^53; assertSafe guards the edge anyway.
 */

/** A percentage with at most two decimals as basis points: 2.5 → 250. */
export function basisPoints(percent: number): number {
  const bp = Math.round(percent * 100);
  if (Math.abs(percent * 100 - bp) > 1e-9) throw new RangeError(`${percent}% has more than two decimals`);
  return bp;
}

export function assertSafe(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} (${value}) is not a whole number within the safe range`);
  return value;
}

/** `bp` basis points of `cents`, rounded half up to the cent (the usual payroll rounding). */
export function percentOfCents(cents: number, bp: number): number {
  assertSafe(cents * bp, 'the product of an amount and a rate');
  return Math.floor((cents * bp + 5000) / 10000);
}

/** The value of `shares` at a price in cents. */
export function sharesValue(shares: number, priceCents: number): number {
  return assertSafe(shares * priceCents, 'a share value');
}

/** Cents as a currency amount for people: 15000000 → "$150,000.00". */
export function formatMoney(cents: number, currency = 'USD'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  const fraction = String(abs % 100).padStart(2, '0');
  const symbol = currency === 'USD' ? '$' : `${currency} `;
  return `${sign}${symbol}${whole}.${fraction}`;
}

/** Basis points as a percentage for people: 250 → "2.50%". */
export function formatPercent(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}
