import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { notify } from '../cycles/notifications.service.ts';
import { growthPolicy } from './growth-policy.ts';
import { workshopAgreement } from './workshop.rules.ts';

export interface WorkshopInput {
  name: string;
  scale?: { value: number; label: string }[];
  packets: { title: string; body: string }[];
  raterAccountIds: number[];
}

function refuse(detail: string, rule: string, path?: string): never {
  throw new AppError('GROWTH_RULE_VIOLATED', { detail, ...(path ? { errors: [{ path, message: detail }] } : {}), extra: { rule } });
}

/**
 * Opens a calibration workshop before a cycle: sample packets for managers to rate on their own,
 * on the policy's performance scale unless another is given. Managers, HR and admins run one.
 */
export async function createWorkshop(db: Kysely<DB>, options: { actor: Actor; input: WorkshopInput; now: Date; requestId?: string }) {
  if (!['manager', 'hr', 'admin'].some((r) => hasRole(options.actor, r as 'manager'))) throw new AppError('FORBIDDEN', { detail: 'Managers, HR partners and administrators run calibration workshops.' });
  const { growth, policy } = await growthPolicy(db);
  const scale = options.input.scale ?? policy.olr?.scales.performance.levels.map((l) => ({ value: l.value, label: l.label }));
  if (!scale) refuse('Give a scale: the active policy has none to rate on.', 'NO_SCALE', 'body.scale');
  const values = scale.map((s) => s.value);
  if (new Set(values).size !== values.length || values.some((v, i) => i > 0 && v <= values[i - 1]!)) refuse('Scale values must rise from the lowest, each once.', 'SCALE_INVALID', 'body.scale');
  const raterIds = [...new Set(options.input.raterAccountIds)];
  const raters = await db.selectFrom('accounts').select(['id', 'person_id']).where('id', 'in', raterIds).where('disabled_at', 'is', null).execute();
  if (raters.length !== raterIds.length) refuse('Every rater must be an active account.', 'UNKNOWN_RATER', 'body.raterAccountIds');
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('calibration_workshops').values({ name: options.input.name.trim(), scale: JSON.stringify(scale), metric: growth.workshop.metric, created_by: options.actor.accountId, created_at: options.now }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('workshop_packets').values(options.input.packets.map((p, i) => ({ workshop_id: id, position: i + 1, title: p.title.trim(), body: p.body.trim() }))).execute();
    await trx.insertInto('workshop_raters').values(raterIds.map((account_id) => ({ workshop_id: id, account_id }))).execute();
    await notify(trx, raters.flatMap((r) => (r.person_id === null ? [] : [r.person_id])), { kind: 'workshop.assigned', title: `Rate the sample packets of “${options.input.name.trim()}”`, link: `/growth/workshops/${id}`, dedupeKey: `workshop-${id}`, now: options.now });
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'workshop.created', subjectType: 'calibration_workshop', subjectId: id, requestId: options.requestId, details: { packets: options.input.packets.length, raters: raterIds.length }, at: options.now });
    return id;
  });
  return getWorkshop(db, { actor: options.actor, workshopId: id });
}

async function loadWorkshop(db: Kysely<DB>, actor: Actor, workshopId: number) {
  const unsafeWorkshop = await db.selectFrom('calibration_workshops').selectAll().where('id', '=', workshopId).executeTakeFirst();
  const rater = await db.selectFrom('workshop_raters').select('account_id').where('workshop_id', '=', workshopId).where('account_id', '=', actor.accountId).executeTakeFirst();
  const runs = unsafeWorkshop !== undefined && (unsafeWorkshop.created_by === actor.accountId || hasRole(actor, 'admin'));
  if (!unsafeWorkshop || !(runs || rater)) throw new AppError('NOT_FOUND', { detail: `No workshop ${workshopId} you take part in.` });
  return { workshop: unsafeWorkshop, runs, rates: rater !== undefined };
}

/** My workshops: the ones I run and the ones I rate in. */
export async function listWorkshops(db: Kysely<DB>, options: { actor: Actor }) {
  const rows = await db
    .selectFrom('calibration_workshops as w')
    .select(['w.id', 'w.name', 'w.status', 'w.created_by'])
    .select((eb) => eb.selectFrom('workshop_packets as p').select((e) => e.fn.countAll<number>().as('n')).whereRef('p.workshop_id', '=', 'w.id').as('packets'))
    .where((eb) => eb.or([eb('w.created_by', '=', options.actor.accountId), eb.exists(eb.selectFrom('workshop_raters as r').select('r.account_id').whereRef('r.workshop_id', '=', 'w.id').where('r.account_id', '=', options.actor.accountId))]))
    .orderBy('w.id', 'desc')
    .execute();
  return { workshops: rows.map((r) => ({ id: r.id, name: r.name, status: r.status, packets: Number(r.packets ?? 0), runs: r.created_by === options.actor.accountId })) };
}

/**
 * A workshop as its reader may see it: my own ratings while it is open (never anyone else's, so
 * ratings stay independent), who has finished, and once revealed every packet's spread with
 * Krippendorff's alpha.
 */
export async function getWorkshop(db: Kysely<DB>, options: { actor: Actor; workshopId: number }) {
  const { workshop, runs, rates } = await loadWorkshop(db, options.actor, options.workshopId);
  const { growth } = await growthPolicy(db);
  const [packets, raters, ratings] = await Promise.all([
    db.selectFrom('workshop_packets').select(['id', 'title', 'body']).where('workshop_id', '=', workshop.id).orderBy('position').execute(),
    db.selectFrom('workshop_raters as r').innerJoin('accounts as a', 'a.id', 'r.account_id').select(['a.id', 'a.name']).where('r.workshop_id', '=', workshop.id).orderBy('a.name').execute(),
    db.selectFrom('workshop_ratings as wr').innerJoin('workshop_packets as p', 'p.id', 'wr.packet_id').select(['wr.packet_id', 'wr.account_id', 'wr.value']).where('p.workshop_id', '=', workshop.id).execute(),
  ]);
  const revealed = workshop.status === 'revealed';
  return {
    id: workshop.id,
    name: workshop.name,
    status: workshop.status,
    metric: workshop.metric,
    scale: workshop.scale,
    packets: packets.map((p) => ({ ...p, myRating: ratings.find((r) => r.packet_id === p.id && r.account_id === options.actor.accountId)?.value ?? null })),
    raters: raters.map((r) => ({ accountId: r.id, name: r.name, done: packets.every((p) => ratings.some((x) => x.packet_id === p.id && x.account_id === r.id)) })),
    viewer: { rates, runs },
    results: revealed
      ? {
          ...workshopAgreement(
            packets.map((p) => ({ packetId: p.id, values: ratings.filter((r) => r.packet_id === p.id).map((r) => r.value) })),
            { metric: workshop.metric, flagSpread: growth.workshop.flagSpread, alignedAlpha: growth.workshop.alignedAlpha },
          ),
          alignedAlpha: growth.workshop.alignedAlpha,
        }
      : null,
  };
}

/** A rater's own ratings of the packets, changeable until the workshop is revealed; all or nothing. */
export async function rateWorkshop(db: Kysely<DB>, options: { actor: Actor; workshopId: number; ratings: { packetId: number; value: number }[]; now: Date }) {
  const { workshop, rates } = await loadWorkshop(db, options.actor, options.workshopId);
  if (!rates) throw new AppError('FORBIDDEN', { detail: 'Only the workshop’s raters rate its packets.', extra: { rule: 'NOT_A_RATER' } });
  if (workshop.status !== 'open') throw new AppError('CONFLICT', { detail: 'The workshop is revealed: ratings are fixed so the discussion is about what was decided alone.', extra: { rule: 'WORKSHOP_REVEALED' } });
  const packetIds = new Set((await db.selectFrom('workshop_packets').select('id').where('workshop_id', '=', workshop.id).execute()).map((p) => p.id));
  const values = new Set(workshop.scale.map((s) => s.value));
  const problems = options.ratings.flatMap((r, i) => [
    ...(packetIds.has(r.packetId) ? [] : [{ path: `body.ratings.${i}.packetId`, message: `packet ${r.packetId} is not in this workshop` }]),
    ...(values.has(r.value) ? [] : [{ path: `body.ratings.${i}.value`, message: `${r.value} is not on the workshop's scale (${[...values].join(', ')})` }]),
  ]);
  if (problems.length) throw new AppError('GROWTH_RULE_VIOLATED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems, extra: { rule: 'RATING_INVALID' } });
  await db.transaction().execute(async (trx) => {
    for (const r of options.ratings) {
      await trx.insertInto('workshop_ratings').values({ packet_id: r.packetId, account_id: options.actor.accountId, value: r.value, at: options.now }).onConflict((oc) => oc.columns(['packet_id', 'account_id']).doUpdateSet({ value: r.value, at: options.now })).execute();
    }
  });
  return getWorkshop(db, { actor: options.actor, workshopId: workshop.id });
}

/** Ends independent rating and shows the spread and the agreement statistic to everyone in the workshop. */
export async function revealWorkshop(db: Kysely<DB>, options: { actor: Actor; workshopId: number; now: Date; requestId?: string }) {
  const { workshop, runs } = await loadWorkshop(db, options.actor, options.workshopId);
  if (!runs) throw new AppError('FORBIDDEN', { detail: 'Only the person who runs the workshop reveals it.' });
  if (workshop.status === 'revealed') throw new AppError('CONFLICT', { detail: 'Already revealed.', extra: { rule: 'WORKSHOP_REVEALED' } });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('calibration_workshops').set({ status: 'revealed', revealed_at: options.now }).where('id', '=', workshop.id).execute();
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'workshop.revealed', subjectType: 'calibration_workshop', subjectId: workshop.id, requestId: options.requestId, at: options.now });
  });
  return getWorkshop(db, { actor: options.actor, workshopId: workshop.id });
}
