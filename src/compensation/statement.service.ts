import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import type { Statement } from '../shared/schemas/compensation.ts';
import { activeCompensationPolicy } from './compensation-policy.ts';
import { readsPay } from './compensation.access.ts';
import { activePackage, latestSharePrice, loadPayRecord } from './compensation.repository.ts';
import { compensationStatement } from './statement.rules.ts';
import { isoDay } from './dates.rules.ts';
import { basisPoints } from './money.rules.ts';

const BASE_SETTING_KINDS = new Set(['hire', 'merit', 'promotion', 'boomerang']);

/**
 * A person's pay for the next four years from `asOf` (today by default), at a share price given
 * or the latest recorded one. Under a policy that explains every number, each figure carries its
 * sentence; otherwise the reader gets the figures.
 */
export async function getStatement(db: Kysely<DB>, options: { actor: Actor; personId: number; sharePriceCents?: number; asOf?: string; now: Date }): Promise<Statement> {
  const policy = await activeCompensationPolicy(db);
  const person = await db.selectFrom('people').select(['id', 'name', 'level', 'path']).where('id', '=', options.personId).executeTakeFirst();
  if (!person || !readsPay(options.actor, person, policy)) throw new AppError('NOT_FOUND', { detail: `No compensation you can read for person ${options.personId}.` });
  const asOf = options.asOf ?? isoDay(options.now);
  const record = await loadPayRecord(db, person.id);
  const pkg = activePackage(record);
  const history = record.changes.map((c) => ({ id: c.id, kind: c.kind, effectiveOn: c.effectiveOn, level: c.level, baseCents: c.baseCents, approvedBy: c.approvedBy, summary: String(c.details.summary ?? c.kind) }));
  const empty = { person: { id: person.id, name: person.name, level: person.level }, currency: policy.currency, asOf, explained: policy.statement.explainEveryNumber, history, grants: [], signOn: [] };
  if (!pkg) {
    const left = record.changes.at(-1)?.kind === 'departure';
    return { ...empty, sharePrice: null, hasPackage: false, base: null, targetCents: null, years: [], notes: [left ? 'Left the company: no pay in force.' : 'No pay on record yet.'] };
  }

  const recorded = options.sharePriceCents ? null : await latestSharePrice(db, asOf);
  const lastGrant = pkg.grants.at(-1);
  const sharePrice = options.sharePriceCents
    ? { cents: options.sharePriceCents, asOf: null, source: 'query' as const }
    : recorded
      ? { ...recorded, source: 'recorded' as const }
      : lastGrant
        ? { cents: lastGrant.priceCents, asOf: lastGrant.grantDate, source: 'recorded' as const }
        : null;
  const target = policy.targetTotalCompByLevel[pkg.latest.level] ?? null;
  const baseChange = [...record.changes].reverse().find((c) => BASE_SETTING_KINDS.has(c.kind) && c.id >= pkg.start.id) ?? pkg.start;
  const years = compensationStatement({
    asOf,
    years: 4,
    currency: policy.currency,
    level: pkg.latest.level,
    targetTcCents: target ?? 0,
    base: { cents: pkg.latest.baseCents, since: baseChange.effectiveOn, reason: baseChange.kind },
    bonusBp: policy.cashBonus.enabled ? basisPoints(policy.cashBonus.targetPercentOfBase) : 0,
    grants: pkg.grants,
    signOn: pkg.signOn.map((s) => ({ on: s.payOn, amountCents: s.amountCents, note: s.note })),
    sharePriceCents: sharePrice?.cents ?? 0,
  });
  const notes = ['Future merit increases and refreshes are not assumed.'];
  if (!sharePrice) notes.push('No share price is recorded: equity is shown at zero.');
  else if (sharePrice.source === 'recorded') notes.push(`Equity is valued at ${sharePrice.asOf ? `the share price of ${sharePrice.asOf}` : 'the recorded share price'}; the real value will move with the stock.`);
  if (target === null) notes.push(`The policy has no target total compensation for ${pkg.latest.level}.`);
  if (!policy.cashBonus.enabled) notes.push('The policy pays no cash bonus.');
  return {
    ...empty,
    sharePrice,
    hasPackage: true,
    base: { cents: pkg.latest.baseCents, since: baseChange.effectiveOn, reason: baseChange.kind },
    targetCents: target,
    years: policy.statement.explainEveryNumber ? years : years.map((y) => ({ ...y, explanations: [] })),
    grants: pkg.grants.map((g) => ({ id: g.id, kind: g.kind, grantDate: g.grantDate, shares: g.shares, priceCents: g.priceCents, tranches: g.tranches })),
    signOn: pkg.signOn.map((s) => ({ payOn: s.payOn, amountCents: s.amountCents, note: s.note })),
    notes,
  };
}
