import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { PromotionVelocity, velocityQuerySchema } from '../shared/schemas/analytics-governance.ts';
import { demographicsVisibleTo } from '../people/people.access.ts';
import { authorizeHrAnalytics } from './analytics.access.ts';
import { attributeOf, dimensionLabel, dimensionValue } from './audit-dimensions.rules.ts';
import { findRootInScope } from './audit-population.repository.ts';
import { activeAnalyticsPolicy, minGroupFor } from './analytics-policy.service.ts';
import { analysisRefused } from './analysis-problems.ts';
import { promotionVelocity, waitSpells, type GroupedSpell, type PromotionHistory } from './promotion-velocity.rules.ts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Promotion velocity over the people in an HR partner's scope (current and former: leavers are
 * censored at the day they left, not dropped). Promotions are those on record: pay changes of
 * kind `promotion` and approved promotion packets, one per packet.
 */
export async function assessPromotionVelocity(db: Kysely<DB>, options: { actor: Actor; query: z.output<typeof velocityQuerySchema>; now: Date }): Promise<PromotionVelocity> {
  const { actor, query, now } = options;
  authorizeHrAnalytics(actor);
  const minGroup = minGroupFor(await activeAnalyticsPolicy(db), query.minGroup);
  const root = query.rootPersonId === undefined ? null : await findRootInScope(db, { actor, personId: query.rootPersonId });
  const people = await db
    .selectFrom('people as p')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .select(['p.id', 'p.level', 'p.location', 'p.job_function', 'p.hire_date', 'p.manager_id', 'm.name as manager_name', 'p.status', 'p.updated_at'])
    .where(demographicsVisibleTo(actor))
    .$if(root !== null, (q) => q.where('p.path', 'like', `${root!.path}%`))
    .orderBy('p.id')
    .execute();
  if (people.length < minGroup) throw analysisRefused([{ line: null, column: '-', reason: `Only ${people.length} people are in scope, fewer than the minimum group size ${minGroup}: nothing can be shown.` }]);
  const ids = people.map((p) => p.id);
  const attribute = attributeOf(query.group);
  const [attributes, changes, packets, exits] = await Promise.all([
    attribute === null ? [] : inChunks(ids, (chunk) => db.selectFrom('person_attributes').select(['person_id', 'value']).where('name', '=', attribute).where('person_id', 'in', chunk).execute()),
    inChunks(ids, (chunk) => db.selectFrom('compensation_changes').select(['person_id', 'kind', 'effective_on', 'level', 'packet_id']).where('person_id', 'in', chunk).orderBy('effective_on').orderBy('id').execute()),
    inChunks(ids, (chunk) => db.selectFrom('promotion_packets').select(['id', 'candidate_id', 'from_level', 'to_level', 'decided_at']).where('status', '=', 'approved').where('candidate_id', 'in', chunk).execute()),
    inChunks(ids, (chunk) => db.selectFrom('exits').select(['person_id', 'exit_date']).where('person_id', 'in', chunk).execute()),
  ]);
  const attributeOfPerson = new Map(attributes.map((a) => [a.person_id, a.value]));
  const exitOf = new Map(exits.map((e) => [e.person_id, e.exit_date]));
  const asOf = isoDay(now);

  const promotionsOf = new Map<number, PromotionHistory['promotions'][number][]>();
  const add = (personId: number, p: PromotionHistory['promotions'][number]) => {
    const list = promotionsOf.get(personId);
    if (list) list.push(p);
    else promotionsOf.set(personId, [p]);
  };
  const packetById = new Map(packets.map((p) => [p.id, p]));
  const packetsWithChange = new Set<number>();
  const lastLevel = new Map<number, string>();
  for (const c of changes) {
    if (c.kind === 'promotion') {
      const packet = c.packet_id === null ? undefined : packetById.get(c.packet_id);
      if (packet) packetsWithChange.add(packet.id);
      // The pay change's effective day is when the new level began; the packet names the old one.
      add(c.person_id, { on: c.effective_on, fromLevel: packet?.from_level ?? lastLevel.get(c.person_id) ?? null, toLevel: c.level });
    }
    lastLevel.set(c.person_id, c.level);
  }
  for (const p of packets) if (!packetsWithChange.has(p.id) && p.decided_at) add(p.candidate_id, { on: isoDay(p.decided_at), fromLevel: p.from_level, toLevel: p.to_level });

  const spells: GroupedSpell[] = [];
  let unknownLevel = 0;
  for (const p of people) {
    const leftOn = exitOf.get(p.id) ?? (p.status === 'terminated' ? isoDay(p.updated_at) : null);
    const waits = waitSpells({ personId: p.id, hireDate: p.hire_date, currentLevel: p.level, leftOn, promotions: promotionsOf.get(p.id) ?? [] }, asOf);
    unknownLevel += waits.unknownLevel;
    const person = {
      personId: p.id,
      outcome: '-',
      level: p.level,
      location: p.location,
      jobFunction: p.job_function,
      hireDate: p.hire_date,
      manager: p.manager_id === null ? null : { id: p.manager_id, name: p.manager_name ?? '' },
      attributes: attribute !== null && attributeOfPerson.has(p.id) ? { [attribute]: attributeOfPerson.get(p.id)! } : {},
    };
    const group = dimensionValue(person, query.group, now);
    for (const s of waits.spells) spells.push({ ...s, group });
  }
  const result = promotionVelocity(spells, { groupLabel: dimensionLabel(query.group), minGroup, asOf, ...(query.reference !== undefined ? { reference: query.reference } : {}) });
  if (!result.ok) throw analysisRefused(result.problems);
  return { ...result.value, unknownLevel };
}

/** Ids per statement, under PostgreSQL's parameter limit. */
async function inChunks<T>(ids: readonly number[], query: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 5_000) out.push(...(await query(ids.slice(i, i + 5_000))));
  return out;
}
