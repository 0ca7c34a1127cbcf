import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { AppError } from '../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { getPerson } from '../people/people.service.ts';
import { getMySelfReview } from '../cycles/self-review.service.ts';
import { getManagerReview } from '../cycles/manager-review.service.ts';
import { listReceivedFeedback } from '../cycles/peer-feedback.service.ts';
import { listLog } from '../cycles/feedback-log.service.ts';
import { myRating } from '../calibration/delivery.service.ts';
import { listPersonGoals } from '../growth/goals.service.ts';
import { listCheckIns } from '../growth/check-ins.service.ts';
import { listPlans } from '../growth/development-plans.service.ts';
import { listPackets } from '../promotions/packets.service.ts';
import { getMyCase } from '../pipeline/case-reads.service.ts';
import { getStatement } from '../compensation/statement.service.ts';
import { authorizeExport, loadPrivacySubject, subjectActor, type PrivacySubject } from './privacy.access.ts';

export const EXPORT_FORMAT = 'highbar-person-export';
export const EXPORT_VERSION = 1;

/**
 * Everything Highbar holds about a person, for that person (GDPR art. 15 and 20): the export is
 * what the person can read about themselves through the product, gathered in one file. Each
 * section is read through the product's own read path as the person would read it (an employee,
 * without the roles they hold over others), so the anonymity rules apply unchanged: peer
 * feedback they received comes without authors, a manager review only once delivered, a rating
 * as the cycle's policy delivers it, a pipeline case where the policy shows it to them. What they
 * wrote themselves (peer feedback, log notes) is theirs and comes with whom it was about.
 *
 * HR in scope may produce it on the person's request, and an operator through the CLI; it is
 * still the person's view.
 */
export async function exportPersonData(db: Kysely<DB>, options: { actor: Actor; personId: number; now: Date; requestId?: string }) {
  const subject = await loadPrivacySubject(db, options.personId);
  authorizeExport(options.actor, subject);
  return buildPersonExport(db, { ...options, subject });
}

/**
 * The export itself, for a caller already authorized: the API after authorizeExport, or the
 * operator's CLI (actor null: the export is audited with no actor account).
 */
export async function buildPersonExport(db: Kysely<DB>, options: { actor: Actor | null; subject: PrivacySubject; now: Date; requestId?: string }) {
  const { subject } = options;
  // Logged reads (a pipeline case) name the account that asked; an operator's CLI export names
  // the person's own account, and without one such sections are left out.
  const readerAccountId = options.actor?.accountId ?? (await db.selectFrom('accounts').select('id').where('person_id', '=', subject.id).executeTakeFirst())?.id ?? null;
  const as = subjectActor(readerAccountId ?? 0, subject);
  const { now } = options;

  const cycleRows = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('review_cycles as c', 'c.id', 'cp.cycle_id')
    .select(['c.id', 'c.name'])
    .where('cp.person_id', '=', subject.id)
    .where('c.status', '!=', 'draft')
    .orderBy('c.id')
    .execute();
  const cycles = [];
  for (const cycle of cycleRows) {
    cycles.push({
      cycle: { id: cycle.id, name: cycle.name },
      selfReview: await visible(() => getMySelfReview(db, { actor: as, cycleId: cycle.id })),
      peerFeedbackReceived: await visible(() => listReceivedFeedback(db, { actor: as, cycleId: cycle.id, now })),
      managerReview: await visible(() => getManagerReview(db, { actor: as, cycleId: cycle.id, personId: subject.id, now })),
      rating: await visible(() => myRating(db, { actor: as, cycleId: cycle.id })),
    });
  }

  const document = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: now.toISOString(),
    personId: subject.id,
    profile: await getPerson(db, { actor: as, personId: subject.id }),
    attributes: await db.selectFrom('person_attributes').select(['name', 'value']).where('person_id', '=', subject.id).orderBy('name').execute(),
    account: await accountOf(db, subject.id),
    cycles,
    feedbackWritten: await feedbackWrittenBy(db, subject.id),
    logNotes: await visible(() => listLog(db, { actor: as, personId: subject.id })),
    goals: await visible(() => listPersonGoals(db, { actor: as, personId: subject.id, now })),
    checkIns: await visible(() => listCheckIns(db, { actor: as, personId: subject.id, now })),
    developmentPlans: await visible(() => listPlans(db, { actor: as, personId: subject.id })),
    promotions: await visible(() => listPackets(db, { actor: as })),
    compensation: await visible(() => getStatement(db, { actor: as, personId: subject.id, now })),
    pipeline: readerAccountId === null ? null : await visible(() => getMyCase(db, { actor: as, now, requestId: options.requestId })),
    metricsIdentities: await db.selectFrom('person_identities').select(['kind', 'value']).where('person_id', '=', subject.id).orderBy('kind').orderBy('value').execute(),
    notifications: (await db.selectFrom('notifications').select(['kind', 'title', 'link', 'created_at', 'read_at']).where('person_id', '=', subject.id).orderBy('id').execute()).map((n) => ({
      kind: n.kind,
      title: n.title,
      link: n.link,
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    })),
  };

  await db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      actorAccountId: options.actor?.accountId ?? null,
      action: 'privacy.export.created',
      subjectType: 'person',
      subjectId: subject.id,
      requestId: options.requestId ?? null,
      details: { self: options.actor?.personId === subject.id, cycles: cycles.length },
      at: now,
    }),
  );
  // Dates and other values as JSON carries them, so the API response and the CLI file agree.
  return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
}

/** A section the person cannot read (no such record, not delivered to them) is null, not an error. */
async function visible<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return null;
    throw error;
  }
}

async function accountOf(db: Kysely<DB>, personId: number) {
  const row = await db.selectFrom('accounts').select(['email', 'name', 'roles', 'created_at', 'disabled_at']).where('person_id', '=', personId).executeTakeFirst();
  return row ? { email: row.email, name: row.name, roles: row.roles, createdAt: row.created_at.toISOString(), disabledAt: row.disabled_at?.toISOString() ?? null } : null;
}

/** What the person wrote about others: theirs to take, with whom it was about (never who else wrote). */
async function feedbackWrittenBy(db: Kysely<DB>, personId: number) {
  const peer = await db
    .selectFrom('peer_feedback as f')
    .innerJoin('review_cycles as c', 'c.id', 'f.cycle_id')
    .innerJoin('people as s', 's.id', 'f.subject_id')
    .select(['c.id as cycle_id', 'c.name as cycle_name', 's.id as subject_id', 's.name as subject_name', 'f.superpowers', 'f.improvements', 'f.lps_championed', 'f.lps_to_improve', 'f.status', 'f.submitted_at'])
    .where('f.author_id', '=', personId)
    .orderBy('f.id')
    .execute();
  const notes = await db
    .selectFrom('feedback_log as l')
    .innerJoin('people as s', 's.id', 'l.person_id')
    .select(['s.id as subject_id', 's.name as subject_name', 'l.kind', 'l.occurred_on', 'l.body', 'l.created_at'])
    .where('l.author_id', '=', personId)
    .where('l.person_id', '!=', personId)
    .orderBy('l.id')
    .execute();
  return {
    peerFeedback: peer.map((f) => ({
      cycle: { id: f.cycle_id, name: f.cycle_name },
      about: { id: f.subject_id, name: f.subject_name },
      superpowers: f.superpowers,
      improvements: f.improvements,
      lpsChampioned: f.lps_championed,
      lpsToImprove: f.lps_to_improve,
      status: f.status,
      submittedAt: f.submitted_at?.toISOString() ?? null,
    })),
    logNotes: notes.map((n) => ({ about: { id: n.subject_id, name: n.subject_name }, kind: n.kind, occurredOn: n.occurred_on, body: n.body, createdAt: n.created_at.toISOString() })),
  };
}
