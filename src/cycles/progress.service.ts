import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { cycleFromRow, loadCycle, phaseOf, selectCycleColumns } from './cycle-loader.ts';
import { administersSubtree, assertTakesPartOrManagesIn, authorizeAdministerCycle } from './cycles.access.ts';
import { notify } from './notifications.service.ts';

/** My to-do list in a cycle: my self review, the feedback others asked of me, and, for managers, my reports. */
export async function listMyTasks(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }) {
  // Everyone opens this page all season, so the cycle, my participation, my self review's status
  // and how many peers I asked come back in one statement.
  const personId = options.actor.personId ?? -1;
  const row = await selectCycleColumns(db.selectFrom('review_cycles as c'))
    .leftJoin('cycle_participants as cp', (j) => j.onRef('cp.cycle_id', '=', 'c.id').on('cp.person_id', '=', personId))
    .select('cp.person_id as participant_id')
    .select((eb) => [
      eb.selectFrom('self_reviews as sr').select('sr.status').whereRef('sr.cycle_id', '=', 'c.id').where('sr.person_id', '=', personId).as('self_status'),
      eb
        .selectFrom('peer_requests as mine')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('mine.cycle_id', '=', 'c.id')
        .where('mine.subject_id', '=', personId)
        .where('mine.status', '!=', 'withdrawn')
        .as('requests_made'),
    ])
    .where('c.id', '=', options.cycleId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No review cycle ${options.cycleId}.` });
  if (row.participant_id === null) throw new AppError('FORBIDDEN', { detail: 'You are not taking part in this review cycle.' });
  const cycle = await cycleFromRow(db, row);
  const toAnswer = await db
    .selectFrom('peer_requests as r')
    .innerJoin('people as s', 's.id', 'r.subject_id')
    .leftJoin('peer_feedback as f', 'f.request_id', 'r.id')
    .select(['r.id', 'r.status', 's.id as subject_id', 's.name as subject_name', 's.title as subject_title', 'f.status as feedback_status'])
    .where('r.cycle_id', '=', cycle.id)
    .where('r.reviewer_id', '=', personId)
    .where('r.status', 'in', ['requested', 'accepted', 'submitted', 'declined'])
    .orderBy('s.name')
    .execute();
  // Manager is a role that follows from having reports, so people without it skip the query.
  const reports = hasRole(options.actor, 'manager') ? await listReportTasks(db, cycle.id, personId) : [];
  return {
    cycle: { id: cycle.id, name: cycle.name, phase: phaseOf(cycle, options.now), deadlines: cycle.deadlines },
    selfReview: { status: row.self_status ?? ('not_started' as const) },
    peerRequestsMade: Number(row.requests_made ?? 0),
    recommendedPeers: cycle.policy.forte.peers.recommendedMinimum,
    feedbackToWrite: toAnswer.map((r) => ({
      requestId: r.id,
      subject: { id: r.subject_id, name: r.subject_name, title: r.subject_title },
      status: r.status,
      feedbackStatus: r.feedback_status ?? ('not_started' as const),
    })),
    reports: reports.map((r) => ({ person: { id: r.id, name: r.name, title: r.title }, managerReview: r.review_status ?? ('not_started' as const), nominationsAwaitingApproval: Number(r.awaiting_approval ?? 0) })),
  };
}

function listReportTasks(db: Kysely<DB>, cycleId: number, managerId: number) {
  return db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .leftJoin('manager_reviews as mr', (j) => j.onRef('mr.cycle_id', '=', 'cp.cycle_id').onRef('mr.person_id', '=', 'cp.person_id'))
    .select(['p.id', 'p.name', 'p.title', 'mr.status as review_status'])
    .select((eb) =>
      eb
        .selectFrom('peer_requests as n')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('n.subject_id', '=', 'p.id')
        .whereRef('n.cycle_id', '=', 'cp.cycle_id')
        .where('n.status', '=', 'nominated')
        .as('awaiting_approval'),
    )
    .where('cp.cycle_id', '=', cycleId)
    .where('p.manager_id', '=', managerId)
    .orderBy('p.name')
    .execute();
}

/**
 * Who has done what, per participant: HR sees the whole cycle, managers their subtree. People who
 * left, joined after launch or changed manager are flagged, not silently dropped.
 */
export async function cycleProgress(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }) {
  const cycle = await loadCycle(db, options.cycleId);
  const admin = administersSubtree(options.actor, cycle.rootPath);
  if (!admin && !(options.actor.personPath && options.actor.roles.includes('manager'))) {
    throw new AppError('FORBIDDEN', { detail: 'Progress is for HR, administrators and managers.' });
  }
  if (!admin) await assertTakesPartOrManagesIn(db, options.actor, cycle.id);
  let query = db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .leftJoin('self_reviews as sr', (j) => j.onRef('sr.cycle_id', '=', 'cp.cycle_id').onRef('sr.person_id', '=', 'cp.person_id'))
    .leftJoin('manager_reviews as mr', (j) => j.onRef('mr.cycle_id', '=', 'cp.cycle_id').onRef('mr.person_id', '=', 'cp.person_id'))
    .select(['p.id', 'p.name', 'p.status as person_status', 'cp.manager_id as manager_at_launch', 'p.manager_id', 'm.name as manager_name', 'sr.status as self_status', 'mr.status as manager_review_status'])
    .select((eb) => [
      eb.selectFrom('peer_requests as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.subject_id', '=', 'p.id').whereRef('r.cycle_id', '=', 'cp.cycle_id').where('r.status', 'in', ['requested', 'accepted', 'submitted']).as('peers_requested'),
      eb.selectFrom('peer_requests as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.subject_id', '=', 'p.id').whereRef('r.cycle_id', '=', 'cp.cycle_id').where('r.status', '=', 'submitted').as('peer_responses'),
    ])
    .where('cp.cycle_id', '=', cycle.id)
    .orderBy('p.name');
  if (!admin) query = query.where('p.path', 'like', `${options.actor.personPath}_%`);
  const rows = await query.execute();
  const minimum = cycle.policy.forte.peers.recommendedMinimum;
  const joined = admin
    ? await db
        .selectFrom('people as p')
        .select(['p.id', 'p.name'])
        .where('p.path', 'like', `${cycle.rootPath}%`)
        .where('p.status', '!=', 'terminated')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('cycle_participants as cp').select('cp.person_id').whereRef('cp.person_id', '=', 'p.id').where('cp.cycle_id', '=', cycle.id))))
        .orderBy('p.name')
        .execute()
    : [];
  const people = rows.map((r) => ({
    person: { id: r.id, name: r.name },
    manager: r.manager_id !== null ? { id: r.manager_id, name: r.manager_name ?? '' } : null,
    left: r.person_status === 'terminated',
    managerChanged: r.manager_at_launch !== r.manager_id,
    selfReview: r.self_status ?? ('not_started' as const),
    peersRequested: Number(r.peers_requested ?? 0),
    peerResponses: Number(r.peer_responses ?? 0),
    tooFewPeerResponses: Number(r.peer_responses ?? 0) < minimum,
    managerReview: r.manager_review_status ?? ('not_started' as const),
  }));
  const active = people.filter((p) => !p.left);
  return {
    cycle: { id: cycle.id, name: cycle.name, phase: phaseOf(cycle, options.now) },
    summary: {
      participants: active.length,
      selfReviewsSubmitted: active.filter((p) => p.selfReview === 'submitted').length,
      withEnoughPeerResponses: active.filter((p) => !p.tooFewPeerResponses).length,
      managerReviewsSubmitted: active.filter((p) => p.managerReview === 'submitted').length,
      recommendedPeerResponses: minimum,
      left: people.length - active.length,
      joinedAfterLaunch: joined.length,
    },
    people,
    joinedAfterLaunch: joined.map((j) => ({ id: j.id, name: j.name })),
  };
}

/** Adds people who joined the organisation after launch; people who left stay, flagged. */
export async function addLateJoiners(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date; requestId?: string }) {
  const cycle = await loadCycle(db, options.cycleId);
  authorizeAdministerCycle(options.actor, cycle.rootPath);
  if (cycle.status !== 'launched') throw new AppError('CONFLICT', { detail: 'Only a running cycle takes late joiners; a draft takes everyone at launch.' });
  return db.transaction().execute(async (trx) => {
    const added = await sql<{ person_id: number }>`
      insert into cycle_participants (cycle_id, person_id, manager_id, path, joined_at)
      select ${cycle.id}, p.id, p.manager_id, p.path, ${options.now}
      from people p
      where p.path like ${`${cycle.rootPath}%`} and p.status <> 'terminated'
        and not exists (select 1 from cycle_participants cp where cp.cycle_id = ${cycle.id} and cp.person_id = p.id)
      returning person_id`.execute(trx);
    const ids = added.rows.map((r) => r.person_id);
    await notify(trx, ids, { kind: 'cycle.joined', title: `You have been added to ${cycle.name}`, link: `/cycles/${cycle.id}/tasks`, dedupeKey: `cycle-${cycle.id}-launched`, now: options.now });
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'cycle.participants_added', subjectType: 'cycle', subjectId: cycle.id, requestId: options.requestId, details: { personIds: ids }, at: options.now });
    return { added: ids.length };
  });
}

/** Reminds everyone behind in the current phase; at most once a day per person and phase. */
export async function sendReminders(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }) {
  const cycle = await loadCycle(db, options.cycleId);
  authorizeAdministerCycle(options.actor, cycle.rootPath);
  const phase = phaseOf(cycle, options.now);
  const progress = await cycleProgress(db, options);
  const day = options.now.toISOString().slice(0, 10);
  const link = `/cycles/${cycle.id}/tasks`;
  let sent = 0;
  if (phase === 'self_review') {
    const behind = progress.people.filter((p) => !p.left && p.selfReview !== 'submitted').map((p) => p.person.id);
    sent += await notify(db, behind, { kind: 'reminder.self_review', title: `Reminder: your self review for ${cycle.name} is due ${cycle.deadlines.self_review.slice(0, 10)}`, link, dedupeKey: `remind-${cycle.id}-self-${day}`, now: options.now });
  }
  if (phase === 'self_review' || phase === 'peer_feedback') {
    const pending = await db
      .selectFrom('peer_requests as r')
      .innerJoin('people as p', 'p.id', 'r.reviewer_id')
      .select('r.reviewer_id')
      .distinct()
      .where('r.cycle_id', '=', cycle.id)
      .where('r.status', 'in', ['requested', 'accepted'])
      .where('p.status', '!=', 'terminated')
      .execute();
    sent += await notify(db, pending.map((p) => p.reviewer_id), { kind: 'reminder.peer_feedback', title: `Reminder: colleagues are waiting for your feedback (${cycle.name})`, link, dedupeKey: `remind-${cycle.id}-peer-${day}`, now: options.now });
  }
  if (phase === 'peer_feedback' || phase === 'manager_review') {
    const managers = progress.people.filter((p) => !p.left && p.managerReview !== 'submitted' && p.manager).map((p) => p.manager!.id);
    sent += await notify(db, managers, { kind: 'reminder.manager_review', title: `Reminder: manager reviews for ${cycle.name} are due ${cycle.deadlines.manager_review.slice(0, 10)}`, link: `/cycles/${cycle.id}/team`, dedupeKey: `remind-${cycle.id}-manager-${day}`, now: options.now });
  }
  return { phase, sent };
}
