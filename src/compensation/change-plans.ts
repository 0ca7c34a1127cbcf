import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { CompensationPolicy } from '../policy/compensation.schema.ts';
import type { ForteSummary } from '../policy/olr.schema.ts';
import { latestCalibratedRating } from '../promotions/packets.repository.ts';
import { bonusOf, payRuleViolated } from './compensation-policy.ts';
import { activePackage, type PayRecord } from './compensation.repository.ts';
import type { PlannedChange } from './pay-writes.ts';
import { hireOffer } from './hire-offer.rules.ts';
import { meritIncrease } from './merit.rules.ts';
import { equityRefresh } from './refresh.rules.ts';
import { retentionApprovalProblem, retentionShares } from './retention.rules.ts';
import { boomerangPackage } from './boomerang.rules.ts';
import { grantOnSchedule } from './vesting.rules.ts';
import { basisPoints, formatMoney, formatPercent } from './money.rules.ts';

export interface PlanContext {
  policy: CompensationPolicy;
  person: { id: number; name: string; level: string; path: string };
  record: PayRecord;
  effectiveOn: string;
  sharePriceCents: number | null;
  schedulePercent: number[];
}

const money = (ctx: PlanContext, cents: number) => formatMoney(cents, ctx.policy.currency);

function requirePrice(ctx: PlanContext): number {
  if (!ctx.sharePriceCents) throw payRuleViolated('NO_SHARE_PRICE', 'needs a share price: give sharePriceCents or record one first', 'body.sharePriceCents');
  return ctx.sharePriceCents;
}

function requirePackage(ctx: PlanContext) {
  const pkg = activePackage(ctx.record);
  if (!pkg) throw payRuleViolated('NO_PACKAGE', `${ctx.person.name} has no pay in force to change`);
  return pkg;
}

function requireTarget(ctx: PlanContext, level: string): number {
  const target = ctx.policy.targetTotalCompByLevel[level];
  if (target === undefined) throw payRuleViolated('NO_TARGET', `the policy has no target total compensation for ${level}`);
  return target;
}

/** A new hire: the grant sized to target over the schedule, sign-on filling the early years. */
export function planHire(ctx: PlanContext, baseCents: number): PlannedChange {
  const latest = ctx.record.changes.at(-1);
  if (latest && latest.kind !== 'departure') throw payRuleViolated('ALREADY_HIRED', `${ctx.person.name} already has pay on record; record a merit, refresh or retention change instead`);
  if (latest && ctx.policy.boomerang.restorePreviousPackage) throw payRuleViolated('BOOMERANG_RESTORES', `${ctx.person.name} worked here before: under this policy a returning employee gets their previous package (record a boomerang)`);
  const target = requireTarget(ctx, ctx.person.level);
  const price = requirePrice(ctx);
  const offer = hireOffer({ startOn: ctx.effectiveOn, targetTcCents: target, baseCents, bonusCents: bonusOf(ctx.policy, baseCents), sharePriceCents: price, schedulePercent: ctx.schedulePercent, gapFillYears: ctx.policy.signOn.gapFillYears });
  return {
    kind: 'hire',
    effectiveOn: ctx.effectiveOn,
    level: ctx.person.level,
    baseCents,
    summary: `Hired at ${ctx.person.level} on ${money(ctx, baseCents)} with ${offer.grant.shares.toLocaleString('en-US')} shares at ${money(ctx, price)} (${ctx.schedulePercent.join('/')})${offer.signOn.length ? ` and sign-on ${offer.signOn.map((s) => `${money(ctx, s.amountCents)} in year ${s.year}`).join(', ')}` : ''}.`,
    details: { sharePriceCents: price, targetCents: target, schedulePercent: ctx.schedulePercent },
    grant: { grant: offer.grant, priceCents: price },
    signOn: offer.signOn.map((s) => ({ on: s.on, amountCents: s.amountCents, note: `fills year ${s.year} up to the ${ctx.person.level} target of ${money(ctx, target)}.` })),
  };
}

/** Merit within the band for the rating the person was told. */
export async function planMerit(db: Kysely<DB>, ctx: PlanContext, percent: number): Promise<PlannedChange> {
  const pkg = requirePackage(ctx);
  const rating = await latestCalibratedRating(db, ctx.person.id);
  const result = meritIncrease(ctx.policy.meritBands, { baseCents: pkg.latest.baseCents, percent, forteSummary: (rating?.forteSummary as ForteSummary | undefined) ?? null });
  if (!result.ok) throw payRuleViolated(result.rule, `${result.rule === 'NO_RATING' ? ctx.person.name + ' ' : ''}${result.message}`, 'body.percent');
  return {
    kind: 'merit',
    effectiveOn: ctx.effectiveOn,
    level: pkg.latest.level,
    baseCents: result.newBaseCents,
    summary: `Merit ${formatPercent(basisPoints(percent))} for ${rating!.forteSummary}: base ${money(ctx, pkg.latest.baseCents)} to ${money(ctx, result.newBaseCents)}.`,
    details: { percent, forteSummary: rating!.forteSummary, increaseCents: result.increaseCents },
  };
}

/** The annual refresh: the gap to target equity over the horizon, zero when grants cover it. */
export function planRefresh(ctx: PlanContext): PlannedChange {
  const pkg = requirePackage(ctx);
  const target = requireTarget(ctx, pkg.latest.level);
  const price = requirePrice(ctx);
  const refresh = equityRefresh({ targetTcCents: target, baseCents: pkg.latest.baseCents, bonusCents: bonusOf(ctx.policy, pkg.latest.baseCents), grants: pkg.grants, asOf: ctx.effectiveOn, sharePriceCents: price, horizonYears: ctx.policy.refresh.horizonYears, schedulePercent: ctx.schedulePercent });
  const horizon = `${ctx.policy.refresh.horizonYears} year${ctx.policy.refresh.horizonYears === 1 ? '' : 's'}`;
  return {
    kind: 'refresh',
    effectiveOn: ctx.effectiveOn,
    level: pkg.latest.level,
    baseCents: pkg.latest.baseCents,
    summary:
      refresh.shares > 0
        ? `Refresh of ${refresh.shares.toLocaleString('en-US')} shares (${money(ctx, refresh.valueCents)} at ${money(ctx, price)}): target equity over ${horizon} ${money(ctx, refresh.targetEquityCents)} less ${money(ctx, refresh.projectedCents)} of unvested shares.`
        : `No refresh: unvested shares worth ${money(ctx, refresh.projectedCents)} at ${money(ctx, price)} already cover the target equity over ${horizon} (${money(ctx, refresh.targetEquityCents)}).`,
    details: { sharePriceCents: price, targetEquityCents: refresh.targetEquityCents, projectedCents: refresh.projectedCents, gapCents: refresh.gapCents },
    grant: refresh.grant ? { grant: refresh.grant, priceCents: price } : null,
  };
}

/** A retention offer ("dive and save"), only with the approval the policy asks for. */
export async function planRetention(db: Kysely<DB>, ctx: PlanContext, valueCents: number, approverPersonId: number | undefined): Promise<PlannedChange> {
  const pkg = requirePackage(ctx);
  const approver = approverPersonId === undefined ? undefined : await db.selectFrom('people').select(['id', 'name', 'title', 'path', 'status']).where('id', '=', approverPersonId).executeTakeFirst();
  if (approverPersonId !== undefined && (!approver || approver.status === 'terminated')) throw payRuleViolated('APPROVAL_REQUIRED', `no current person ${approverPersonId} to approve this`, 'body.approverPersonId');
  const problem = retentionApprovalProblem(ctx.policy.retention, approver ? { name: approver.name, title: approver.title, aboveInChain: approver.id !== ctx.person.id && ctx.person.path.startsWith(approver.path) } : null);
  if (problem) throw payRuleViolated('APPROVAL_REQUIRED', problem, 'body.approverPersonId');
  const price = requirePrice(ctx);
  const { shares, valueCents: granted } = retentionShares(valueCents, price);
  return {
    kind: 'retention',
    effectiveOn: ctx.effectiveOn,
    level: pkg.latest.level,
    baseCents: pkg.latest.baseCents,
    summary: `Retention grant of ${shares.toLocaleString('en-US')} shares (${money(ctx, granted)} at ${money(ctx, price)})${approver ? `, approved by ${approver.name}` : ''}.`,
    details: { valueCents, sharePriceCents: price },
    approvedBy: approver?.id ?? null,
    grant: shares > 0 ? { grant: grantOnSchedule('retention', ctx.effectiveOn, shares, ctx.schedulePercent), priceCents: price } : null,
  };
}

/** Leaving: unvested shares and future sign-on are forfeited (a boomerang may restore them). */
export function planDeparture(ctx: PlanContext): PlannedChange {
  const pkg = requirePackage(ctx);
  return { kind: 'departure', effectiveOn: ctx.effectiveOn, level: pkg.latest.level, baseCents: pkg.latest.baseCents, summary: `Left on ${ctx.effectiveOn}; unvested shares forfeited.`, details: {} };
}

/** A returning employee gets the package they had before. */
export function planBoomerang(ctx: PlanContext): PlannedChange {
  const departure = ctx.record.changes.at(-1);
  if (departure?.kind !== 'departure') throw payRuleViolated('NOT_A_BOOMERANG', `${ctx.person.name} has no earlier package to restore`);
  if (!ctx.policy.boomerang.restorePreviousPackage) throw payRuleViolated('BOOMERANG_NOT_RESTORED', 'this policy treats returning employees as new hires: record a hire');
  if (ctx.effectiveOn < departure.effectiveOn) throw payRuleViolated('REHIRE_BEFORE_DEPARTURE', `the return (${ctx.effectiveOn}) is before the departure (${departure.effectiveOn})`, 'body.effectiveOn');
  const before = activePackage({ ...ctx.record, changes: ctx.record.changes.slice(0, -1) })!;
  const restored = boomerangPackage({ level: before.latest.level, baseCents: before.latest.baseCents, grants: before.grants, departedOn: departure.effectiveOn, rehiredOn: ctx.effectiveOn });
  const price = ctx.sharePriceCents ?? before.grants.at(-1)?.priceCents ?? null;
  return {
    kind: 'boomerang',
    effectiveOn: ctx.effectiveOn,
    level: restored.level,
    baseCents: restored.baseCents,
    summary: `Returned after ${restored.daysAway} days to the previous package: ${restored.level} on ${money(ctx, restored.baseCents)}${restored.restored ? `, with the ${restored.restored.shares.toLocaleString('en-US')} unvested shares restored, each tranche ${restored.daysAway} days later` : ''}.`,
    details: { daysAway: restored.daysAway, departedOn: departure.effectiveOn },
    grant: restored.restored && price ? { grant: restored.restored, priceCents: price } : null,
  };
}
