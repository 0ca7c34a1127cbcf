import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import type { CompensationChangeBody } from '../shared/schemas/compensation.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { activePolicy } from '../policy/policy.service.ts';
import { activeCompensationPolicy, payRuleViolated } from './compensation-policy.ts';
import { authorizeRecordPay } from './compensation.access.ts';
import { activePackage, latestSharePrice, loadPayRecord } from './compensation.repository.ts';
import { planBoomerang, planDeparture, planHire, planMerit, planRefresh, planRetention, type PlanContext } from './change-plans.ts';
import { storeChange, type PlannedChange } from './pay-writes.ts';
import { promotionIncrease } from './promotion-increase.rules.ts';
import { scheduleProblem } from './vesting.rules.ts';
import { formatMoney, formatPercent } from './money.rules.ts';

/**
 * Records one pay change for a person (HR in scope, admins): the rules work out the numbers,
 * and the change, its grant, its sign-on payments and the audit event are stored together or not
 * at all. The person's row is locked so two changes to one person apply one after the other.
 */
export async function recordCompensationChange(db: Kysely<DB>, options: { actor: Actor; personId: number; body: CompensationChangeBody; now: Date; requestId?: string }) {
  const policy = await activeCompensationPolicy(db);
  const { body } = options;
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('people').select(['id', 'name', 'level', 'path']).where('id', '=', options.personId).forUpdate().executeTakeFirst();
    if (!person) throw new AppError('NOT_FOUND', { detail: `No person ${options.personId}.` });
    authorizeRecordPay(options.actor, person);
    const schedulePercent = 'vestingPercent' in body && body.vestingPercent ? body.vestingPercent : policy.vesting.schedulePercent;
    const problem = scheduleProblem(schedulePercent);
    if (problem) throw payRuleViolated('SCHEDULE_INVALID', problem, 'body.vestingPercent');
    const given = 'sharePriceCents' in body ? body.sharePriceCents : undefined;
    const ctx: PlanContext = {
      policy,
      person,
      record: await loadPayRecord(trx, person.id),
      effectiveOn: body.effectiveOn,
      sharePriceCents: given ?? (await latestSharePrice(trx, body.effectiveOn))?.cents ?? null,
      schedulePercent,
    };
    let plan: PlannedChange;
    switch (body.kind) {
      case 'hire':
        plan = planHire(ctx, body.baseCents);
        break;
      case 'merit':
        plan = await planMerit(trx, ctx, body.percent);
        break;
      case 'refresh':
        plan = planRefresh(ctx);
        break;
      case 'retention':
        plan = await planRetention(trx, ctx, body.valueCents, body.approverPersonId);
        break;
      case 'departure':
        plan = planDeparture(ctx);
        break;
      case 'boomerang':
        plan = planBoomerang(ctx);
        break;
    }
    return storeChange(trx, { personId: person.id, actorAccountId: options.actor.accountId, change: plan, now: options.now, requestId: options.requestId });
  });
}

/**
 * The pay side of an approved promotion, in the decision's transaction: the new level and the
 * policy's default increase on base. Nothing happens for someone with no pay on record.
 */
export async function applyPromotionIncrease(trx: Kysely<DB>, options: { actorAccountId: number; personId: number; toLevel: string; packetId: number; effectiveOn: string; now: Date; requestId?: string }) {
  const { policy } = await activePolicy(trx);
  if (!policy.compensation) return null;
  const pkg = activePackage(await loadPayRecord(trx, options.personId));
  if (!pkg) return null;
  const result = promotionIncrease(policy.compensation.promotionIncrease, { baseCents: pkg.latest.baseCents });
  if (!result.ok) throw payRuleViolated(result.rule, result.message);
  const money = (c: number) => formatMoney(c, policy.compensation!.currency);
  return storeChange(trx, {
    personId: options.personId,
    actorAccountId: options.actorAccountId,
    now: options.now,
    requestId: options.requestId,
    change: {
      kind: 'promotion',
      effectiveOn: options.effectiveOn,
      level: options.toLevel,
      baseCents: result.newBaseCents,
      summary: `Promoted from ${pkg.latest.level} to ${options.toLevel}: base +${formatPercent(result.bp)}, ${money(pkg.latest.baseCents)} to ${money(result.newBaseCents)}.`,
      details: { fromLevel: pkg.latest.level, increaseCents: result.increaseCents, percentBp: result.bp },
      packetId: options.packetId,
    },
  });
}

/** Records the share price that statements and budgets value equity at by default. */
export async function recordSharePrice(db: Kysely<DB>, options: { actor: Actor; priceCents: number; asOf: string; now: Date; requestId?: string }) {
  const { actor } = options;
  if (!actor.roles.includes('admin') && !actor.hrScope?.wholeOrganisation) {
    throw new AppError('FORBIDDEN', { detail: 'Only administrators and HR partners for the whole organisation record the share price.' });
  }
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('share_prices').values({ as_of: options.asOf, price_cents: options.priceCents, recorded_by: actor.accountId, created_at: options.now }).execute();
    await appendAuditEvent(trx, { actorAccountId: actor.accountId, action: 'compensation.share_price', subjectType: 'share_price', subjectId: options.asOf, requestId: options.requestId, details: { priceCents: options.priceCents }, at: options.now });
    return { priceCents: options.priceCents, asOf: options.asOf };
  });
}
