import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { countWords } from '../shared/words.ts';
import { csvCell } from '../shared/csv-cells.ts';
import { loadCycle, assertActionOpen, phaseOf, selectCycleColumns, cycleFromRow } from './cycle-loader.ts';
import { aggregatePrinciples, peerAnswerProblems, releaseDecision, type PeerAnswers } from './feedback.rules.ts';
import { findWordingConcerns } from './wording.rules.ts';
import { assertVersion, throwIfProblems } from './drafts.ts';
import { findParticipant, requireSelfParticipant } from './participants.ts';
import { hrCovers, isAboveInChain } from './cycles.access.ts';

/** The request the actor was asked to answer, with its cycle, in one query; 404/403 otherwise. */
async function loadOwnRequest(db: Kysely<DB>, actor: Actor, requestId: number) {
  const row = await selectCycleColumns(db.selectFrom('review_cycles as c'))
    .innerJoin('peer_requests as r', 'r.cycle_id', 'c.id')
    .innerJoin('people as s', 's.id', 'r.subject_id')
    .select(['r.id', 'r.subject_id', 'r.reviewer_id', 'r.status', 's.name as subject_name'])
    .where('r.id', '=', requestId)
    .executeTakeFirst();
  if (!row || row.status === 'nominated' || row.status === 'withdrawn') {
    throw new AppError('NOT_FOUND', { detail: `No feedback request ${requestId}.` });
  }
  if (row.reviewer_id !== actor.personId) {
    throw new AppError('FORBIDDEN', { detail: 'Only the person asked can write this feedback.', extra: { rule: 'NOT_YOUR_DRAFT' } });
  }
  return { id: row.id, subject_id: row.subject_id, reviewer_id: row.reviewer_id, status: row.status, subject_name: row.subject_name, cycle: await cycleFromRow(db, row) };
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
  const { cycle } = request;
  const terms = cycle.policy.forte.wordingCheck.enabled ? cycle.policy.forte.wordingCheck.terms : [];
  return { requestId: request.id, cycleId: cycle.id, subject: { id: request.subject_id, name: request.subject_name }, ...presentDraft(await selectDraft(db, request.id), terms) };
}

/** Saves a draft (autosave) or submits; every rule of the cycle's policy is checked first and nothing partial is stored. */
export async function savePeerFeedback(
  db: Kysely<DB>,
  options: { actor: Actor; requestId: number; answers: PeerAnswers; version?: number; submit: boolean; now: Date },
) {
  const request = await loadOwnRequest(db, options.actor, options.requestId);
  const { cycle } = request;
  assertActionOpen(cycle, 'writePeerFeedback', options.now);
  if (request.status === 'declined') throw new AppError('CONFLICT', { detail: 'You declined this request; it is closed.', extra: { rule: 'REQUEST_DECLINED' } });
  throwIfProblems(peerAnswerProblems(options.answers, cycle.policy, options.submit ? 'submit' : 'draft'));
  const terms = cycle.policy.forte.wordingCheck.enabled ? cycle.policy.forte.wordingCheck.terms : [];
  const present = (row: DraftRow | undefined) => ({ requestId: request.id, cycleId: cycle.id, subject: { id: request.subject_id, name: request.subject_name }, ...presentDraft(row, terms) });
  const saved = await writeDraft(db, {
    requestId: request.id,
    cycleId: cycle.id,
    subjectId: request.subject_id,
    authorId: request.reviewer_id,
    answers: options.answers,
    expectedVersion: options.version,
    submit: options.submit,
    now: options.now,
  });
  if (saved) return present(saved);
  // Nothing was written: the draft was submitted meanwhile, another tab saved a newer version,
  // or the request was closed. Read what is there to say which, with the latest text.
  const current = await selectDraft(db, request.id);
  assertVersion(current, options.version, presentDraft(current, terms));
  throw new AppError('CONFLICT', { detail: 'This request was closed while you were writing.', extra: { rule: 'REQUEST_CLOSED' } });
}

type DraftRow = { superpowers: string; improvements: string; lps_championed: string[]; lps_to_improve: string[]; status: 'draft' | 'submitted'; version: number };

/**
 * Writes a draft or a submission in one statement (so one round trip, atomic without an explicit
 * transaction): insert when there is none yet, else update only while it is a draft at the
 * expected version, and move the request along in the same statement. Returns the row written,
 * or undefined when a condition failed and nothing changed. Under READ COMMITTED a concurrent
 * save of the same draft waits for the row lock and then re-checks the version, so exactly one
 * of two tabs saving the same version wins.
 */
async function writeDraft(
  db: Kysely<DB>,
  input: { requestId: number; cycleId: number; subjectId: number; authorId: number; answers: PeerAnswers; expectedVersion: number | undefined; submit: boolean; now: Date },
): Promise<DraftRow | undefined> {
  const status = input.submit ? 'submitted' : 'draft';
  const submittedAt = input.submit ? input.now : null;
  const championed = JSON.stringify(input.answers.lpsChampioned);
  const toImprove = JSON.stringify(input.answers.lpsToImprove);
  const expected = input.expectedVersion ?? null;
  const result = await sql<DraftRow>`
    with open_request as (
      -- Locked, so a withdrawal or decline committing meanwhile is waited for and re-checked
      -- rather than overwritten by the status update below (test/concurrency-feedback).
      select id from peer_requests
      where id = ${input.requestId} and status in ('requested', 'accepted')
      for update
    ),
    updated as (
      update peer_feedback f
      set superpowers = ${input.answers.superpowers}, improvements = ${input.answers.improvements},
          lps_championed = ${championed}::jsonb, lps_to_improve = ${toImprove}::jsonb,
          status = ${status}, updated_at = ${input.now}, submitted_at = ${submittedAt}, version = f.version + 1
      where f.request_id = (select id from open_request) and f.status = 'draft'
        and (${expected}::integer is null or f.version = ${expected}::integer)
      returning f.superpowers, f.improvements, f.lps_championed, f.lps_to_improve, f.status, f.version
    ),
    inserted as (
      insert into peer_feedback (request_id, cycle_id, subject_id, author_id, public_id, superpowers, improvements, lps_championed, lps_to_improve, status, updated_at, submitted_at)
      select id, ${input.cycleId}::integer, ${input.subjectId}::integer, ${input.authorId}::integer, ${randomUUID()}::uuid,
             ${input.answers.superpowers}::text, ${input.answers.improvements}::text,
             ${championed}::jsonb, ${toImprove}::jsonb, ${status}::text, ${input.now}::timestamptz, ${submittedAt}::timestamptz
      from open_request
      where not exists (select 1 from peer_feedback where request_id = ${input.requestId})
        and coalesce(${expected}::integer, 0) = 0
      on conflict (request_id) do nothing
      returning superpowers, improvements, lps_championed, lps_to_improve, status, version
    ),
    written as (select * from updated union all select * from inserted),
    moved as (
      update peer_requests set status = ${input.submit ? 'submitted' : 'accepted'}, updated_at = ${input.now}
      where id = ${input.requestId} and exists (select 1 from written)
    )
    select * from written`.execute(db);
  return result.rows[0];
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
  const lines = ['superpowers,areas_of_improvement,lps_championed,lps_to_improve'];
  for (const r of received.responses) {
    // Spreadsheet-safe: a peer's text starting with = or @ must not run as a formula when opened.
    lines.push([r.superpowers, r.improvements, (r.lpsChampioned ?? []).join('; '), (r.lpsToImprove ?? []).join('; ')].map(csvCell).join(','));
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
