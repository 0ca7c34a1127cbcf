import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { countWords } from '../shared/words.ts';
import { loadCycle, assertActionOpen, phaseOf } from './cycle-loader.ts';
import { aggregatePrinciples, peerAnswerProblems, releaseDecision, type PeerAnswers } from './feedback.rules.ts';
import { findWordingConcerns } from './wording.rules.ts';
import { assertVersion, throwIfProblems } from './drafts.ts';
import { findParticipant, requireSelfParticipant } from './participants.ts';
import { hrCovers, isAboveInChain } from './cycles.access.ts';

async function loadOwnRequest(db: Kysely<DB>, actor: Actor, requestId: number) {
  const request = await db
    .selectFrom('peer_requests as r')
    .innerJoin('people as s', 's.id', 'r.subject_id')
    .select(['r.id', 'r.cycle_id', 'r.subject_id', 'r.reviewer_id', 'r.status', 's.name as subject_name'])
    .where('r.id', '=', requestId)
    .executeTakeFirst();
  if (!request || request.status === 'nominated' || request.status === 'withdrawn') {
    throw new AppError('NOT_FOUND', { detail: `No feedback request ${requestId}.` });
  }
  if (request.reviewer_id !== actor.personId) {
    throw new AppError('FORBIDDEN', { detail: 'Only the person asked can write this feedback.', extra: { rule: 'NOT_YOUR_DRAFT' } });
  }
  return request;
}

function presentDraft(
  row: { superpowers: string; improvements: string; lps_championed: string[]; lps_to_improve: string[]; status: 'draft' | 'submitted'; version: number } | undefined,
  terms: { term: string; why: string }[],
) {
  const superpowers = row?.superpowers ?? '';
  const improvements = row?.improvements ?? '';
  return {
    superpowers,
    improvements,
    lpsChampioned: row?.lps_championed ?? [],
    lpsToImprove: row?.lps_to_improve ?? [],
    status: row?.status ?? ('not_started' as const),
    version: row?.version ?? 0,
    wordCounts: { superpowers: countWords(superpowers), improvements: countWords(improvements) },
    // A gentle prompt, never a block: personality words ask for an observable example instead.
    wordingConcerns: [
      ...findWordingConcerns(superpowers, terms).map((c) => ({ field: 'superpowers' as const, term: c.term, match: c.match, why: c.why })),
      ...findWordingConcerns(improvements, terms).map((c) => ({ field: 'improvements' as const, term: c.term, match: c.match, why: c.why })),
    ],
  };
}

const selectDraft = (db: Kysely<DB>, requestId: number) =>
  db.selectFrom('peer_feedback').select(['id', 'superpowers', 'improvements', 'lps_championed', 'lps_to_improve', 'status', 'version']).where('request_id', '=', requestId).executeTakeFirst();

/** The author's own draft or submitted feedback for a request. */
export async function getMyPeerFeedback(db: Kysely<DB>, options: { actor: Actor; requestId: number }) {
  const request = await loadOwnRequest(db, options.actor, options.requestId);
  const cycle = await loadCycle(db, request.cycle_id);
  const terms = cycle.policy.forte.wordingCheck.enabled ? cycle.policy.forte.wordingCheck.terms : [];
  return { requestId: request.id, cycleId: cycle.id, subject: { id: request.subject_id, name: request.subject_name }, ...presentDraft(await selectDraft(db, request.id), terms) };
}

/** Saves a draft (autosave) or submits; every rule of the cycle's policy is checked first and nothing partial is stored. */
export async function savePeerFeedback(
  db: Kysely<DB>,
  options: { actor: Actor; requestId: number; answers: PeerAnswers; version?: number; submit: boolean; now: Date },
) {
  const request = await loadOwnRequest(db, options.actor, options.requestId);
  const cycle = await loadCycle(db, request.cycle_id);
  assertActionOpen(cycle, 'writePeerFeedback', options.now);
  if (request.status === 'declined') throw new AppError('CONFLICT', { detail: 'You declined this request; it is closed.', extra: { rule: 'REQUEST_DECLINED' } });
  throwIfProblems(peerAnswerProblems(options.answers, cycle.policy, options.submit ? 'submit' : 'draft'));
  const terms = cycle.policy.forte.wordingCheck.enabled ? cycle.policy.forte.wordingCheck.terms : [];
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('peer_feedback').select(['id', 'superpowers', 'improvements', 'lps_championed', 'lps_to_improve', 'status', 'version']).where('request_id', '=', request.id).forUpdate().executeTakeFirst();
    assertVersion(current, options.version, presentDraft(current, terms));
    const values = {
      superpowers: options.answers.superpowers,
      improvements: options.answers.improvements,
      lps_championed: JSON.stringify(options.answers.lpsChampioned),
      lps_to_improve: JSON.stringify(options.answers.lpsToImprove),
      status: options.submit ? ('submitted' as const) : ('draft' as const),
      updated_at: options.now,
      submitted_at: options.submit ? options.now : null,
    };
    if (current) {
      await trx.updateTable('peer_feedback').set({ ...values, version: current.version + 1 }).where('id', '=', current.id).execute();
    } else {
      await trx
        .insertInto('peer_feedback')
        .values({ ...values, request_id: request.id, cycle_id: cycle.id, subject_id: request.subject_id, author_id: request.reviewer_id, public_id: randomUUID() })
        .execute();
    }
    await trx.updateTable('peer_requests').set({ status: options.submit ? 'submitted' : 'accepted', updated_at: options.now }).where('id', '=', request.id).execute();
    return { requestId: request.id, cycleId: cycle.id, subject: { id: request.subject_id, name: request.subject_name }, ...presentDraft(await selectDraft(trx, request.id), terms) };
  });
}

/**
 * What a recipient reads about themselves: the answers and LP tags only. Author columns are
 * never selected, ids are random per response, no timestamps are sent, and the order is by
 * that random id, so nothing in the response points to who wrote what or when.
 */
export async function listReceivedFeedback(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }) {
  const cycle = await loadCycle(db, options.cycleId);
  const me = await requireSelfParticipant(db, cycle.id, options.actor);
  const rows = await db
    .selectFrom('peer_feedback')
    .select(['public_id', 'superpowers', 'improvements', 'lps_championed', 'lps_to_improve'])
    .where('cycle_id', '=', cycle.id)
    .where('subject_id', '=', me.personId)
    .where('status', '=', 'submitted')
    .orderBy('public_id')
    .execute();
  const release = releaseDecision({ policy: cycle.policy, phase: phaseOf(cycle, options.now), submittedCount: rows.length });
  const aggregate = cycle.policy.forte.release.aggregateLpTags;
  if (!release.released) return { released: false as const, reason: release.reason, responses: [], principles: null };
  return {
    released: true as const,
    reason: null,
    responses: rows.map((r) => ({
      id: r.public_id,
      superpowers: r.superpowers,
      improvements: r.improvements,
      ...(aggregate ? {} : { lpsChampioned: r.lps_championed, lpsToImprove: r.lps_to_improve }),
    })),
    principles: aggregate
      ? { championed: aggregatePrinciples(rows.map((r) => r.lps_championed)), toImprove: aggregatePrinciples(rows.map((r) => r.lps_to_improve)) }
      : null,
  };
}

/** Received feedback as CSV for the recipient's own records: the same anonymised content, nothing more. */
export async function exportReceivedFeedbackCsv(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }): Promise<string> {
  const received = await listReceivedFeedback(db, options);
  const cell = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const lines = ['superpowers,areas_of_improvement,lps_championed,lps_to_improve'];
  for (const r of received.responses) {
    lines.push([r.superpowers, r.improvements, (r.lpsChampioned ?? []).join('; '), (r.lpsToImprove ?? []).join('; ')].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Feedback about a person for their management chain (with authors) and for HR in scope (with
 * authors only where the policy says so). Drafts are never shown to anyone but their author.
 */
export async function listFeedbackAbout(db: Kysely<DB>, options: { actor: Actor; cycleId: number; personId: number }) {
  const cycle = await loadCycle(db, options.cycleId);
  const person = await findParticipant(db, cycle.id, options.personId);
  const chain = person !== null && isAboveInChain(options.actor, person.path);
  const hr = person !== null && hrCovers(options.actor, person.path);
  if (!person || !(chain || hr)) throw new AppError('NOT_FOUND', { detail: `No feedback you can read about person ${options.personId}.` });
  const withAuthors = chain || cycle.policy.forte.hrReadsPeerAuthors;
  const rows = await db
    .selectFrom('peer_feedback as f')
    .innerJoin('people as a', 'a.id', 'f.author_id')
    .select(['f.public_id', 'f.superpowers', 'f.improvements', 'f.lps_championed', 'f.lps_to_improve', 'f.submitted_at', 'a.id as author_id', 'a.name as author_name', 'a.title as author_title'])
    .where('f.cycle_id', '=', cycle.id)
    .where('f.subject_id', '=', person.personId)
    .where('f.status', '=', 'submitted')
    .orderBy(withAuthors ? 'a.name' : 'f.public_id')
    .execute();
  return {
    person: { id: person.personId, name: person.name },
    authorsShown: withAuthors,
    responses: rows.map((r) => ({
      id: r.public_id,
      superpowers: r.superpowers,
      improvements: r.improvements,
      lpsChampioned: r.lps_championed,
      lpsToImprove: r.lps_to_improve,
      ...(withAuthors ? { author: { id: r.author_id, name: r.author_name, title: r.author_title }, submittedAt: r.submitted_at?.toISOString() ?? null } : {}),
    })),
  };
}
