import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AMAZON_COMPENSATION as POLICY } from '../policy/compensation-presets.ts';
import { hireOffer } from './hire-offer.rules.ts';
import { compensationStatement } from './statement.rules.ts';
import { equityRefresh } from './refresh.rules.ts';
import { meritIncrease } from './merit.rules.ts';
import { promotionIncrease } from './promotion-increase.rules.ts';
import { vestingTranches, grantOnSchedule } from './vesting.rules.ts';
import { retentionApprovalProblem, retentionShares } from './retention.rules.ts';
import { boomerangPackage } from './boomerang.rules.ts';
import { formatMoney } from './money.rules.ts';

// Every worked example of docs/compensation.md, computed by the rules and compared to the cent.
const docs = readFileSync(new URL('../../docs/compensation.md', import.meta.url), 'utf8');
const $ = (dollars: number) => Math.round(dollars * 100);
const schedule = POLICY.vesting.schedulePercent;
const L5_TARGET = POLICY.targetTotalCompByLevel.L5!;
const hire = () => hireOffer({ startOn: '2026-03-02', targetTcCents: L5_TARGET, baseCents: $(150_000), bonusCents: 0, sharePriceCents: $(100), schedulePercent: schedule, gapFillYears: POLICY.signOn.gapFillYears });

describe('docs/compensation.md worked examples', () => {
  it('uses the amazon preset’s numbers', () => {
    expect(L5_TARGET).toBe($(250_000));
    expect(schedule).toEqual([5, 15, 40, 40]);
    expect(POLICY.signOn.gapFillYears).toBe(2);
    expect(POLICY.refresh.horizonYears).toBe(2);
  });

  it('1. sizes a new hire’s grant and fills years 1 and 2 with sign-on cash', () => {
    const offer = hire();
    expect(offer.grant.shares).toBe(4000);
    expect(offer.grant.tranches).toEqual([
      { on: '2027-03-02', shares: 200 },
      { on: '2028-03-02', shares: 600 },
      { on: '2029-03-02', shares: 1600 },
      { on: '2030-03-02', shares: 1600 },
    ]);
    expect(offer.signOn).toEqual([
      { on: '2026-03-02', amountCents: $(80_000), year: 1 },
      { on: '2027-03-02', amountCents: $(40_000), year: 2 },
    ]);
    expect(offer.yearlyTotalCents).toEqual([$(250_000), $(250_000), $(310_000), $(310_000)]);

    const statement = compensationStatement({
      asOf: '2026-03-02',
      years: 4,
      currency: 'USD',
      level: 'L5',
      targetTcCents: L5_TARGET,
      base: { cents: $(150_000), since: '2026-03-02', reason: 'hire' },
      bonusBp: 0,
      grants: [offer.grant],
      signOn: offer.signOn.map((p) => ({ ...p, note: `fills year ${p.year}` })),
      sharePriceCents: $(100),
    });
    const rows = statement.map((y) => {
      const diff = y.differenceCents === 0 ? '$0.00' : `${y.differenceCents > 0 ? '+' : '-'}${formatMoney(Math.abs(y.differenceCents))}`;
      return `| ${y.year} | ${y.from} | ${formatMoney(y.baseCents)} | ${formatMoney(y.equityCents)} | ${formatMoney(y.signOnCents)} | ${formatMoney(y.totalCents)} | ${diff} |`;
    });
    expect(rows).toEqual([
      '| 1 | 2026-03-02 | $150,000.00 | $20,000.00 | $80,000.00 | $250,000.00 | $0.00 |',
      '| 2 | 2027-03-02 | $150,000.00 | $60,000.00 | $40,000.00 | $250,000.00 | $0.00 |',
      '| 3 | 2028-03-02 | $150,000.00 | $160,000.00 | $0.00 | $310,000.00 | +$60,000.00 |',
      '| 4 | 2029-03-02 | $150,000.00 | $160,000.00 | $0.00 | $310,000.00 | +$60,000.00 |',
    ]);
    for (const row of rows) expect(docs).toContain(row);
  });

  it('2. rounds vesting in whole shares that add up to the grant', () => {
    expect(vestingTranches(333, schedule)).toEqual([16, 50, 133, 134]);
    expect(docs).toContain('**16, 50, 133 and 134**');
  });

  it('3. applies merit within the band and refuses it outside', () => {
    const exceeds = meritIncrease(POLICY.meritBands, { baseCents: 12_345_678, percent: 2.5, forteSummary: 'Exceeds High Bar' });
    expect(exceeds).toMatchObject({ ok: true, increaseCents: 308_642, newBaseCents: 12_654_320 });
    expect(docs).toContain(`**${formatMoney(308_642)}**`);
    expect(docs).toContain(`**${formatMoney(12_654_320)}**`);
    const ni = meritIncrease(POLICY.meritBands, { baseCents: $(150_000), percent: 1.5, forteSummary: 'Needs Improvement' });
    expect(ni).toEqual({ ok: false, rule: 'OUTSIDE_BAND', message: '1.50% is outside the Needs Improvement band (0.00% to 1.00%)' });
    expect(docs.replace(/\s+/gu, ' ')).toContain('`1.50% is outside the Needs Improvement band (0.00% to 1.00%)`');
  });

  it('4. raises base by 30% on promotion and refuses less', () => {
    expect(promotionIncrease(POLICY.promotionIncrease, { baseCents: $(120_000) })).toMatchObject({ ok: true, increaseCents: $(36_000), newBaseCents: $(156_000) });
    const low = promotionIncrease(POLICY.promotionIncrease, { baseCents: $(120_000), percent: 25 });
    expect(low).toEqual({ ok: false, rule: 'BELOW_PROMOTION_MINIMUM', message: '25.00% is below the promotion minimum of 30.00%' });
    expect(docs.replace(/\s+/gu, ' ')).toContain('`25.00% is below the promotion minimum of 30.00%`');
  });

  it('5. refreshes to fill the gap, and refreshes nothing after the stock rose', () => {
    const refresh = (price: number) =>
      equityRefresh({ targetTcCents: L5_TARGET, baseCents: $(150_000), bonusCents: 0, grants: [hire().grant], asOf: '2029-03-02', sharePriceCents: $(price), horizonYears: POLICY.refresh.horizonYears, schedulePercent: schedule });
    expect(refresh(100)).toMatchObject({ targetEquityCents: $(200_000), projectedShares: 1600, projectedCents: $(160_000), gapCents: $(40_000), shares: 400, valueCents: $(40_000) });
    const rose = refresh(130);
    expect(rose).toMatchObject({ projectedCents: $(208_000), gapCents: 0, shares: 0, valueCents: 0, grant: null });
    expect(refresh(60)).toMatchObject({ projectedCents: $(96_000), gapCents: $(104_000), shares: 1733, valueCents: $(103_980) });
    expect(docs).toContain('| $100.00 | 1,600 × $100.00 = $160,000.00 | $40,000.00 | 400 shares ($40,000.00) |');
    expect(docs).toContain('| $130.00 | 1,600 × $130.00 = $208,000.00 | $0.00 | **0 shares: the stock rose** |');
    expect(docs).toContain('| $60.00 | 1,600 × $60.00 = $96,000.00 | $104,000.00 | 1,733 shares ($103,980.00; $20.00 not granted) |');
  });

  it('6. needs a named VP in the chain for a retention offer', () => {
    expect(retentionShares($(75_000), $(125))).toEqual({ shares: 600, valueCents: $(75_000) });
    expect(grantOnSchedule('retention', '2027-06-01', 600, schedule).tranches.map((t) => t.shares)).toEqual([30, 90, 240, 240]);
    expect(retentionApprovalProblem(POLICY.retention, { name: 'Vera', title: 'VP Engineering, Payments', aboveInChain: true })).toBeNull();
    expect(retentionApprovalProblem(POLICY.retention, null)).toMatch(/named VP/u);
    expect(retentionApprovalProblem(POLICY.retention, { name: 'Sam', title: 'Software Development Manager', aboveInChain: true })).toMatch(/is not a VP/u);
    expect(retentionApprovalProblem(POLICY.retention, { name: 'Vic', title: 'VP Engineering, Search', aboveInChain: false })).toMatch(/management chain/u);
  });

  it('7. restores a boomerang’s package with the shares they walked away from', () => {
    const back = boomerangPackage({ level: 'L5', baseCents: $(150_000), grants: [hire().grant], departedOn: '2027-09-01', rehiredOn: '2028-06-01' });
    expect(back.daysAway).toBe(274);
    expect(back.restored?.shares).toBe(3800);
    expect(back.restored?.tranches).toEqual([
      { on: '2028-12-01', shares: 600 },
      { on: '2029-12-01', shares: 1600 },
      { on: '2030-12-01', shares: 1600 },
    ]);
    expect(docs.replace(/\s+/gu, ' ')).toContain('**600 shares on 2028-12-01, 1,600 on 2029-12-01 and 1,600 on 2030-12-01**');
  });
});
