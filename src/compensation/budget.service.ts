import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { activeCompensationPolicy, bonusOf } from './compensation-policy.ts';
import { authorizeReadBudget } from './compensation.access.ts';
import { activePackage, latestSharePrice, loadPayRecords } from './compensation.repository.ts';
import { compensationStatement } from './statement.rules.ts';
import { equityRefresh } from './refresh.rules.ts';
import { orgBudget, type BudgetLine } from './budget.rules.ts';
import { isoDay } from './dates.rules.ts';
import { basisPoints, percentOfCents } from './money.rules.ts';

/**
 * An organisation's pay for the coming year: year 1 of everyone's statement, the refreshes the
 * policy would grant today, and the merit budget of each person's band, in total and by level.
 */
export async function getBudget(db: Kysely<DB>, options: { actor: Actor; rootPersonId: number; sharePriceCents?: number; now: Date }) {
  const policy = await activeCompensationPolicy(db);
  const root = await db.selectFrom('people').select(['id', 'name', 'path']).where('id', '=', options.rootPersonId).executeTakeFirst();
  if (!root) throw new AppError('NOT_FOUND', { detail: `No person ${options.rootPersonId}.` });
  authorizeReadBudget(options.actor, root);
  const asOf = isoDay(options.now);
  const price = options.sharePriceCents ?? (await latestSharePrice(db, asOf))?.cents;
  if (!price) throw new AppError('COMPENSATION_RULE_VIOLATED', { detail: 'No share price is recorded: give sharePriceCents.', extra: { rule: 'NO_SHARE_PRICE' } });

  const people = await db.selectFrom('people').select(['id']).where('path', 'like', `${root.path}%`).where('status', '!=', 'terminated').execute();
  const records = await loadPayRecords(db, people.map((p) => p.id));
  // The latest finalised rating of each person, for the merit band.
  const ratings = new Map<number, string>();
  const rated = await db
    .selectFrom('calibrated_ratings as r')
    .innerJoin('calibration_sessions as s', 's.id', 'r.session_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.forte_summary'])
    .where('p.path', 'like', `${root.path}%`)
    .where('s.status', 'in', ['finalised', 'delivered'])
    .orderBy('s.finalised_at', 'asc')
    .execute();
  for (const r of rated) ratings.set(r.person_id, r.forte_summary);

  const lines: BudgetLine[] = [];
  let withoutPackage = 0;
  for (const [personId, record] of records) {
    const pkg = activePackage(record);
    if (!pkg) {
      withoutPackage++;
      continue;
    }
    const level = pkg.latest.level;
    const target = policy.targetTotalCompByLevel[level] ?? 0;
    const base = pkg.latest.baseCents;
    const [year] = compensationStatement({
      asOf,
      years: 1,
      currency: policy.currency,
      level,
      targetTcCents: target,
      base: { cents: base, since: pkg.latest.effectiveOn, reason: pkg.latest.kind },
      bonusBp: policy.cashBonus.enabled ? basisPoints(policy.cashBonus.targetPercentOfBase) : 0,
      grants: pkg.grants,
      signOn: pkg.signOn.map((s) => ({ on: s.payOn, amountCents: s.amountCents, note: s.note })),
      sharePriceCents: price,
    });
    const refresh = equityRefresh({ targetTcCents: target, baseCents: base, bonusCents: bonusOf(policy, base), grants: pkg.grants, asOf, sharePriceCents: price, horizonYears: policy.refresh.horizonYears, schedulePercent: policy.vesting.schedulePercent });
    const band = policy.meritBands.find((b) => b.forteSummary === ratings.get(personId));
    lines.push({
      level,
      baseCents: base,
      equityCents: year!.equityCents,
      signOnCents: year!.signOnCents,
      totalCents: year!.totalCents,
      targetCents: target,
      refreshCents: refresh.valueCents,
      merit: band ? { minCents: percentOfCents(base, basisPoints(band.minPercent)), maxCents: percentOfCents(base, basisPoints(band.maxPercent)) } : null,
    });
  }
  const levelOrder = (await db.selectFrom('ladder_levels').select('code').orderBy('rank').execute()).map((l) => l.code);
  return { root: { id: root.id, name: root.name }, currency: policy.currency, asOf, sharePriceCents: price, withoutPackage, ...orgBudget(lines, levelOrder) };
}
