import { addYears, type IsoDate } from './dates.rules.ts';
import { formatMoney, formatPercent, percentOfCents, sharesValue } from './money.rules.ts';
import type { Grant } from './vesting.rules.ts';

export interface StatementInput {
  asOf: IsoDate;
  years: number;
  currency: string;
  level: string;
  targetTcCents: number;
  base: { cents: number; since: IsoDate; reason: string };
  /** Cash bonus as basis points of base; 0 when the policy pays none. */
  bonusBp: number;
  grants: readonly Grant[];
  signOn: readonly { on: IsoDate; amountCents: number; note: string }[];
  sharePriceCents: number;
}

export interface StatementYear {
  year: number;
  from: IsoDate;
  to: IsoDate;
  baseCents: number;
  bonusCents: number;
  equityCents: number;
  equityShares: number;
  signOnCents: number;
  totalCents: number;
  targetCents: number;
  /** Total minus target: negative when the year falls short. */
  differenceCents: number;
  /** One sentence per number, for readers who want to check the arithmetic. */
  explanations: string[];
}

/**
 * The next `years` of pay from `asOf`, year by year. Year k runs from asOf + (k − 1) years to
 * asOf + k years; it counts the shares vesting during it (on its last day included: vesting
 * comes at the end of a period) at today's share price, and sign-on cash paid during it (on its
 * first day included: sign-on comes at the start). Future merit increases and refreshes are not
 * assumed; the statement says so.
 */
export function compensationStatement(input: StatementInput): StatementYear[] {
  const money = (cents: number) => formatMoney(cents, input.currency);
  const price = money(input.sharePriceCents);
  return Array.from({ length: input.years }, (_, i) => {
    const year = i + 1;
    const from = addYears(input.asOf, i);
    const to = addYears(input.asOf, year);
    const explanations: string[] = [
      `Base salary ${money(input.base.cents)} a year, as set on ${input.base.since} (${input.base.reason}); future merit increases are not assumed.`,
    ];
    const bonusCents = percentOfCents(input.base.cents, input.bonusBp);
    if (input.bonusBp > 0) explanations.push(`Cash bonus ${money(bonusCents)}: ${formatPercent(input.bonusBp)} of base.`);
    let equityShares = 0;
    for (const grant of input.grants) {
      for (const t of grant.tranches.filter((t) => t.on > from && t.on <= to)) {
        equityShares += t.shares;
        explanations.push(`${t.shares.toLocaleString('en-US')} shares of the ${grant.kind} grant of ${grant.grantDate} vest on ${t.on}: ${money(sharesValue(t.shares, input.sharePriceCents))} at ${price} a share.`);
      }
    }
    const equityCents = sharesValue(equityShares, input.sharePriceCents);
    let signOnCents = 0;
    for (const payment of input.signOn.filter((p) => p.on >= from && p.on < to)) {
      signOnCents += payment.amountCents;
      explanations.push(`Sign-on bonus ${money(payment.amountCents)} paid on ${payment.on}: ${payment.note}`);
    }
    const totalCents = input.base.cents + bonusCents + equityCents + signOnCents;
    const differenceCents = totalCents - input.targetTcCents;
    explanations.push(
      `Total ${money(totalCents)} = base ${money(input.base.cents)}${input.bonusBp > 0 ? ` + bonus ${money(bonusCents)}` : ''} + equity ${money(equityCents)} + sign-on ${money(signOnCents)}.`,
      `Target total compensation for ${input.level}: ${money(input.targetTcCents)}; this year is ${differenceCents >= 0 ? `${money(differenceCents)} above` : `${money(-differenceCents)} below`} it.`,
    );
    return { year, from, to, baseCents: input.base.cents, bonusCents, equityCents, equityShares, signOnCents, totalCents, targetCents: input.targetTcCents, differenceCents, explanations };
  });
}
