import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, LogKind, PeerRequestStatus } from '../db/schema.ts';
import { loadActor, type Actor } from '../accounts/actor.ts';
import { countWords } from '../shared/words.ts';
import { chunk } from '../db/bulk.ts';
import { createCycle, launchCycle } from './cycles.service.ts';
import { loadCycle, type LoadedCycle } from './cycle-loader.ts';
import type { Deadlines } from './phases.rules.ts';
import { saveSelfReview } from './self-review.service.ts';
import { approveNominations, requestPeers } from './peer-requests.service.ts';
import { savePeerFeedback } from './peer-feedback.service.ts';
import { saveManagerReview } from './manager-review.service.ts';
import { addLogEntry } from './feedback-log.service.ts';
import { notify } from './notifications.service.ts';
import { peerAnswerProblems, selfReviewProblems, type PeerAnswers, type SelfReviewAnswers } from './feedback.rules.ts';
import { findWordingConcerns } from './wording.rules.ts';

export const DEMO_CYCLE_NAME = 'Forte 2026';
const DEMO_CYCLE_SEED = 202611;
const DAY = 86_400_000;

/**
 * Seeds the demo's review season: "Forte 2026" for the whole organisation under the amazon
 * policy, launched four weeks before `now` and in its peer-feedback phase at `now`. The demo's
 * sign-ins act through the services, each at a back-dated moment of the season. Everyone else
 * has no account, and an actor is an account, so their self reviews, requests and answers are
 * inserted in bulk, after the same rules the services apply have passed. Same `now`, same rows
 * (ids aside); seeding again finds the cycle and adds nothing.
 */
export async function seedDemoCycle(db: Kysely<DB>, options: { now: Date }): Promise<{ status: 'seeded' | 'already-seeded'; cycleId: number }> {
  const root = await db.selectFrom('people').select('id').where('manager_id', 'is', null).where('status', '!=', 'terminated').orderBy('employee_id').executeTakeFirstOrThrow();
  const existing = await db.selectFrom('review_cycles').select('id').where('name', '=', DEMO_CYCLE_NAME).where('root_person_id', '=', root.id).executeTakeFirst();
  if (existing) return { status: 'already-seeded', cycleId: existing.id };

  const rng = createRng(DEMO_CYCLE_SEED);
  const actors = await findDemoActors(db);
  const season = seasonAround(options.now);
  const cycleId = await createCycle(db, { actor: actors.hr, name: DEMO_CYCLE_NAME, rootPersonId: root.id, policyKey: 'amazon', deadlines: season.deadlines, now: season.day(-1) });
  await launchCycle(db, { actor: actors.hr, cycleId, now: season.launched });
  const cycle = await loadCycle(db, cycleId);
  const texts = new DemoTexts(rng, cycle);
  const people = await loadParticipants(db, cycleId);
  const employeeId = actors.employee.personId!;
  const waiting = people.find((p) => p.managerId === actors.manager.personId && p.id !== employeeId && p.status === 'active' && !p.hasReports);
  const plan = planPeerRequests(rng, people, season, { employeeId, waitingForApprovalId: waiting?.id ?? null });
  const mine = plan.filter((r) => r.subjectId === employeeId);

  // The demo sign-ins: self reviews before the deadline; the employee nominates peers, the manager approves.
  const withAccounts = [actors.employee, actors.manager, ...(actors.leader ? [actors.leader] : [])];
  for (const [i, actor] of withAccounts.entries()) {
    await saveSelfReview(db, { actor, cycleId, answers: texts.selfReview(), submit: i < 2, now: new Date(season.selfReviewEnds.getTime() - (i + 2) * DAY) });
  }
  await requestPeers(db, { actor: actors.employee, cycleId, subjectId: employeeId, reviewerIds: mine.map((r) => r.reviewerId), now: season.day(2) });
  await approveNominations(db, { actor: actors.manager, cycleId, subjectId: employeeId, now: season.day(3) });

  const accountPeople = new Set(withAccounts.map((a) => a.personId));
  await db.transaction().execute(async (trx) => {
    const selfRows = people
      .filter((p) => p.status === 'active' && !accountPeople.has(p.id))
      .flatMap((p) => {
        const roll = rng.next();
        if (roll >= 0.92) return []; // not started
        const answers = texts.selfReview();
        const status = roll < 0.82 ? ('submitted' as const) : ('draft' as const);
        const at = season.between(rng, season.day(2), season.selfReviewEnds);
        return [{ cycle_id: cycleId, person_id: p.id, body: answers.body, principles: JSON.stringify(answers.principles), status, version: rng.int(1, 4), updated_at: at, submitted_at: status === 'submitted' ? at : null }];
      });
    for (const batch of chunk(selfRows, 500)) await trx.insertInto('self_reviews').values(batch).execute();

    const requestIds = new Map<string, number>();
    const others = plan.filter((r) => r.subjectId !== employeeId);
    for (const batch of chunk(others, 500)) {
      const rows = await trx
        .insertInto('peer_requests')
        .values(batch.map((r) => ({ cycle_id: cycleId, subject_id: r.subjectId, reviewer_id: r.reviewerId, nominated_by: r.nominatedBy, status: STATUS_OF[r.outcome], decline_reason: r.outcome === 'declined' ? texts.declineReason() : null, created_at: r.requestedAt, updated_at: r.answeredAt })))
        .returning(['id', 'subject_id', 'reviewer_id'])
        .execute();
      for (const row of rows) requestIds.set(`${row.subject_id}:${row.reviewer_id}`, row.id);
    }
    // The employee's requests were made through the services above; their peers answer now.
    const made = await trx.selectFrom('peer_requests').select(['id', 'reviewer_id']).where('cycle_id', '=', cycleId).where('subject_id', '=', employeeId).orderBy('reviewer_id').execute();
    for (const request of made) {
      const planned = mine.find((r) => r.reviewerId === request.reviewer_id)!;
      requestIds.set(`${employeeId}:${request.reviewer_id}`, request.id);
      await trx.updateTable('peer_requests').set({ status: STATUS_OF[planned.outcome], updated_at: planned.answeredAt }).where('id', '=', request.id).execute();
    }
    // The services stamp creation with the database clock; the season happened weeks ago.
    await sql`update peer_requests set created_at = ${season.day(2)} where cycle_id = ${cycleId} and subject_id = ${employeeId}`.execute(trx);
    await sql`update review_cycles set created_at = ${season.day(-1)} where id = ${cycleId}`.execute(trx);
    const feedbackRows = plan
      .filter((r) => r.outcome === 'submitted' || r.outcome === 'draft')
      .map((r) => {
        const submitted = r.outcome === 'submitted';
        const answers = texts.peerAnswers(submitted ? 'submit' : 'draft');
        return {
          request_id: requestIds.get(`${r.subjectId}:${r.reviewerId}`)!,
          cycle_id: cycleId,
          subject_id: r.subjectId,
          author_id: r.reviewerId,
          public_id: randomUUID(), // random by design: the recipient's view must not order by author or time
          superpowers: answers.superpowers,
          improvements: answers.improvements,
          lps_championed: JSON.stringify(answers.lpsChampioned),
          lps_to_improve: JSON.stringify(answers.lpsToImprove),
          status: submitted ? ('submitted' as const) : ('draft' as const),
          version: rng.int(1, 4),
          updated_at: r.answeredAt,
          submitted_at: submitted ? r.answeredAt : null,
        };
      });
    for (const batch of chunk(feedbackRows, 500)) await trx.insertInto('peer_feedback').values(batch).execute();

    // The notices requestPeers would have sent with each request.
    const byId = new Map(people.map((p) => [p.id, p]));
    const bySubject = new Map<number, PlannedRequest[]>();
    for (const r of others) bySubject.set(r.subjectId, [...(bySubject.get(r.subjectId) ?? []), r]);
    for (const [subjectId, requests] of bySubject) {
      const subject = byId.get(subjectId)!;
      const { requestedAt } = requests[0]!;
      if (requests[0]!.outcome === 'nominated') {
        await notify(trx, [subject.managerId!], { kind: 'peer.nominated', title: `${subject.name} nominated peers for feedback: please approve`, link: `/cycles/${cycleId}/team`, dedupeKey: `nominated-${cycleId}-${subjectId}-${requestedAt.toISOString().slice(0, 10)}`, now: requestedAt });
      } else {
        await notify(trx, requests.map((r) => r.reviewerId), { kind: 'peer.requested', title: `${subject.name} would value your feedback`, link: `/cycles/${cycleId}/tasks`, dedupeKey: `peer-${cycleId}-${subjectId}`, now: requestedAt });
      }
    }
  });

  // The employee answers what they were asked: one submitted, one draft, the rest still to do.
  const asked = await db.selectFrom('peer_requests').select('id').where('cycle_id', '=', cycleId).where('reviewer_id', '=', employeeId).where('status', '=', 'requested').orderBy('subject_id').execute();
  for (const [i, request] of asked.slice(0, 2).entries()) {
    const submit = i === 0;
    await savePeerFeedback(db, { actor: actors.employee, requestId: request.id, answers: texts.peerAnswers(submit ? 'submit' : 'draft'), submit, now: new Date(options.now.getTime() - (3 - i) * DAY) });
  }
  // The manager has started the employee's review, and has kept notes through the year.
  const narrative = texts.checked(MANAGER_NARRATIVE);
  await saveManagerReview(db, { actor: actors.manager, cycleId, personId: employeeId, answers: { narrative, strengths: '', growthAreas: '', evidenceLinks: [] }, submit: false, now: new Date(options.now.getTime() - DAY) });
  for (const entry of LOG_ENTRIES) {
    const occurred = new Date(options.now.getTime() - entry.daysAgo * DAY);
    await addLogEntry(db, { actor: actors.manager, personId: employeeId, kind: entry.kind, occurredOn: occurred.toISOString().slice(0, 10), body: texts.checked(entry.body), now: new Date(occurred.getTime() + 6 * 3_600_000) });
  }
  return { status: 'seeded', cycleId };
}

type Outcome = 'submitted' | 'draft' | 'accepted' | 'requested' | 'declined' | 'nominated';
const STATUS_OF: Record<Outcome, PeerRequestStatus> = { submitted: 'submitted', draft: 'accepted', accepted: 'accepted', requested: 'requested', declined: 'declined', nominated: 'nominated' };

interface Season {
  launched: Date;
  selfReviewEnds: Date;
  now: Date;
  deadlines: Deadlines;
  day: (n: number) => Date;
  between: (rng: Rng, from: Date, to: Date) => Date;
}

/** Launched four weeks ago; self review closed three days ago; peer feedback closes in three weeks. */
function seasonAround(now: Date): Season {
  const endOfDay = (days: number) => {
    const d = new Date(now.getTime() + days * DAY);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59));
  };
  const launched = new Date(Math.floor((now.getTime() - 28 * DAY) / 1000) * 1000);
  const selfReviewEnds = endOfDay(-3);
  const [peer, manager, calibration, delivery] = [21, 49, 77, 105].map((d) => endOfDay(d).toISOString()) as [string, string, string, string];
  return {
    launched,
    selfReviewEnds,
    now,
    deadlines: { self_review: selfReviewEnds.toISOString(), peer_feedback: peer, manager_review: manager, calibration, delivery },
    day: (n) => new Date(launched.getTime() + n * DAY),
    between: (rng, from, to) => new Date(Math.floor((from.getTime() + rng.next() * Math.max(0, to.getTime() - from.getTime())) / 1000) * 1000),
  };
}

/** The demo sign-ins as actors: HR for the whole organisation and for one organisation, the employee, their manager, and the org leader. */
export async function findDemoActors(db: Kysely<DB>) {
  const accounts = await db.selectFrom('accounts').select('id').orderBy('id').execute();
  const actors = (await Promise.all(accounts.map((a) => loadActor(db, a.id)))).filter((a): a is Actor => a !== null);
  const hr = actors.find((a) => a.hrScope?.wholeOrganisation);
  const staff = actors.filter((a) => a.personId !== null);
  const managerOf = new Map((await db.selectFrom('people').select(['id', 'manager_id']).where('id', 'in', staff.length ? staff.map((a) => a.personId!) : [-1]).execute()).map((p) => [p.id, p.manager_id]));
  const employee = staff.find((a) => !a.roles.includes('manager') && staff.some((m) => m.personId === managerOf.get(a.personId!)));
  const manager = staff.find((m) => employee && m.personId === managerOf.get(employee.personId!));
  if (!hr || !employee || !manager) throw new Error('The demo cycle needs the demo sign-ins: HR, an employee and their manager.');
  const leader = staff.find((a) => a !== manager && a.roles.includes('manager')) ?? null;
  const hrScoped = actors.find((a) => a.roles.includes('hr') && a.hrScope && !a.hrScope.wholeOrganisation) ?? null;
  return { hr, employee, manager, leader, hrScoped };
}

interface DemoPerson {
  id: number;
  name: string;
  managerId: number | null;
  teamId: number | null;
  status: 'active' | 'leave' | 'terminated';
  hasReports: boolean;
}

async function loadParticipants(db: Kysely<DB>, cycleId: number): Promise<DemoPerson[]> {
  const rows = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .select(['p.id', 'p.name', 'p.manager_id', 'p.team_id', 'p.status'])
    .where('cp.cycle_id', '=', cycleId)
    .orderBy('p.employee_id')
    .execute();
  const managers = new Set(rows.map((r) => r.manager_id));
  return rows.map((r) => ({ id: r.id, name: r.name, managerId: r.manager_id, teamId: r.team_id, status: r.status, hasReports: managers.has(r.id) }));
}

interface PlannedRequest {
  subjectId: number;
  reviewerId: number;
  nominatedBy: number;
  outcome: Outcome;
  requestedAt: Date;
  answeredAt: Date;
}

/**
 * Who asks whom: each engineer 5-8 peers from their team and neighbouring teams (same
 * product-area leader); each front-line manager a few of their engineers and fellow managers.
 * The demo employee is asked by a few teammates; one of the manager's reports waits for approval.
 */
function planPeerRequests(rng: Rng, people: DemoPerson[], season: Season, special: { employeeId: number; waitingForApprovalId: number | null }): PlannedRequest[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const active = people.filter((p) => p.status === 'active');
  const engineers = active.filter((p) => !p.hasReports && p.teamId !== null);
  const leads = active.filter((p) => p.hasReports && p.teamId !== null);
  const leaderOf = (p: DemoPerson) => byId.get(p.managerId ?? -1)?.managerId ?? null;
  const employeeManager = byId.get(special.employeeId)?.managerId;
  let askedEmployee = 0;
  const plan: PlannedRequest[] = [];
  for (const subject of [...engineers, ...leads]) {
    let reviewers: DemoPerson[];
    if (!subject.hasReports) {
      const k = subject.id === special.employeeId ? 7 : rng.int(5, 8);
      const team = rng.shuffle(engineers.filter((p) => p.teamId === subject.teamId && p.id !== subject.id));
      const employeeAt = team.findIndex((p) => p.id === special.employeeId);
      if (employeeAt > 0 && askedEmployee < 3 && subject.id !== special.waitingForApprovalId) team.unshift(...team.splice(employeeAt, 1));
      const neighbours = rng.shuffle(engineers.filter((p) => p.teamId !== subject.teamId && leaderOf(p) === leaderOf(subject)));
      const fromTeam = Math.min(team.length, k - Math.min(neighbours.length, rng.int(1, 3)));
      reviewers = [...team.slice(0, fromTeam), ...neighbours.slice(0, k - fromTeam)];
    } else {
      const reports = rng.shuffle(engineers.filter((p) => p.managerId === subject.id));
      const fellows = rng.shuffle(leads.filter((p) => p.id !== subject.id && p.managerId === subject.managerId));
      const k = rng.int(5, 6);
      const fromReports = Math.max(rng.int(2, 3), k - fellows.length);
      reviewers = [...reports.slice(0, fromReports), ...fellows].slice(0, k);
    }
    if (reviewers.some((r) => r.id === special.employeeId) && subject.managerId === employeeManager) askedEmployee++;
    // The employee's requests go out with their manager's approval on day 3 (see seedDemoCycle).
    const requestedAt =
      subject.id === special.employeeId ? season.day(3)
      : subject.id === special.waitingForApprovalId ? season.between(rng, season.day(24), season.day(26))
      : season.between(rng, season.day(1), season.day(12));
    reviewers.forEach((reviewer, i) => {
      const outcome = outcomeFor(rng, subject.id, reviewer.id, i, special);
      const answeredAt =
        outcome === 'submitted' || outcome === 'draft' ? season.between(rng, new Date(requestedAt.getTime() + DAY), new Date(season.now.getTime() - 2 * 3_600_000))
        : outcome === 'declined' || outcome === 'accepted' ? season.between(rng, requestedAt, new Date(requestedAt.getTime() + 3 * DAY))
        : requestedAt;
      const nominatedBy = subject.id === special.employeeId || subject.id === special.waitingForApprovalId || rng.chance(0.7) ? subject.id : subject.managerId!;
      plan.push({ subjectId: subject.id, reviewerId: reviewer.id, nominatedBy, outcome, requestedAt, answeredAt });
    });
  }
  if (plan.filter((r) => r.subjectId === special.employeeId && r.outcome === 'submitted').length < 5) throw new Error('The demo employee needs at least 5 submitted peer responses.');
  return plan;
}

function outcomeFor(rng: Rng, subjectId: number, reviewerId: number, index: number, special: { employeeId: number; waitingForApprovalId: number | null }): Outcome {
  if (subjectId === special.employeeId) return index < 6 ? 'submitted' : 'draft';
  if (subjectId === special.waitingForApprovalId) return 'nominated';
  if (reviewerId === special.employeeId) return 'requested'; // answered through the services, as the employee
  const roll = rng.next();
  return roll < 0.6 ? 'submitted' : roll < 0.75 ? 'draft' : roll < 0.79 ? 'declined' : roll < 0.87 ? 'accepted' : 'requested';
}

/**
 * Feedback text from fragments about observable engineering work, with every rule checked as
 * it is made: the word limit (counted as the server counts), the LP tags, and the wording check.
 */
class DemoTexts {
  private readonly terms: { term: string; why: string }[];
  constructor(
    private readonly rng: Rng,
    private readonly cycle: LoadedCycle,
  ) {
    this.terms = cycle.policy.forte.wordingCheck.terms;
  }

  peerAnswers(mode: 'draft' | 'submit'): PeerAnswers {
    const limit = this.cycle.policy.forte.peers.wordLimit;
    const strengths = this.sentences(STRENGTHS, this.rng.int(2, 3), limit);
    const growth = this.sentences(GROWTH, this.rng.chance(0.65) ? 2 : 1, limit);
    const unfinished = mode === 'draft' && this.rng.chance(0.5);
    const answers: PeerAnswers = {
      superpowers: strengths.text,
      improvements: unfinished ? '' : growth.text,
      lpsChampioned: this.rng.shuffle([...new Set(strengths.lps)]).slice(0, this.rng.int(1, 3)),
      lpsToImprove: unfinished ? [] : this.rng.shuffle([...new Set(growth.lps)]).slice(0, this.rng.int(0, 2)),
    };
    for (const text of [answers.superpowers, answers.improvements]) {
      if (countWords(text) > limit) throw new Error(`Demo feedback over ${limit} words: ${text}`);
      this.checked(text);
    }
    const problems = peerAnswerProblems(answers, this.cycle.policy, mode);
    if (problems.length) throw new Error(`Demo feedback breaks a rule: ${problems.map((p) => p.message).join('; ')}`);
    return answers;
  }

  selfReview(): SelfReviewAnswers {
    const picked = this.rng.shuffle([...SELF]).slice(0, this.rng.int(2, 4));
    const sentences = picked.map(([template]) => this.fill(template));
    const principles = picked.map(([, principle], i) => ({ principle, example: sentences[i]! })).filter((p, i, all) => all.findIndex((q) => q.principle === p.principle) === i);
    const answers = { body: this.checked([...sentences, this.rng.pick(NEXT_YEAR)].join(' ')), principles };
    const problems = selfReviewProblems(answers, this.cycle.policy, 'submit');
    if (problems.length) throw new Error(`Demo self review breaks a rule: ${problems.map((p) => p.message).join('; ')}`);
    return answers;
  }

  declineReason(): string {
    return this.checked(this.fill(this.rng.pick(DECLINE_REASONS)));
  }

  /** Refuses demo text with a personality word: the demo shows the feedback the wording check asks for. */
  checked(text: string): string {
    const concerns = findWordingConcerns(text, this.terms);
    if (concerns.length) throw new Error(`Demo text uses "${concerns[0]!.match}": ${text}`);
    return text;
  }

  private sentences(pool: readonly (readonly [string, ...string[]])[], wanted: number, limit: number) {
    const chosen: string[] = [];
    const lps: string[] = [];
    for (const [template, ...tags] of this.rng.shuffle([...pool])) {
      if (chosen.length === wanted) break;
      const sentence = this.fill(template);
      if (countWords([...chosen, sentence].join(' ')) > limit) continue;
      chosen.push(sentence);
      lps.push(...tags);
    }
    return { text: chosen.join(' '), lps };
  }

  private fill(template: string): string {
    const used = new Set<string>();
    return template.replace(/\{(\w+)\}/gu, (_, slot: string) => {
      const values = SLOTS[slot];
      if (!values) throw new Error(`No demo slot ${slot}`);
      let value = this.rng.pick(values);
      while (used.has(value) && values.length > 1) value = this.rng.pick(values);
      used.add(value);
      return value;
    });
  }
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: T[]): T[];
}

/** mulberry32: small, fast and the same on every platform, which is all demo data needs. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(0, i);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}

const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => String(from + i * step));
/** Values for the `{slot}`s of demo text templates: systems, projects, months, numbers. */
export const SLOTS: Record<string, readonly string[]> = {
  system: ['the checkout service', 'the billing pipeline', 'the search indexer', 'the payments gateway', 'the notification fan-out', 'the mobile release pipeline', 'the feature-flag service', 'the warehouse loaders', 'the identity service', 'the build farm', 'the pricing engine', 'the inventory API', 'the order router', 'the fraud scoring service', 'the media transcoder'],
  project: ['the ledger rewrite', 'one-click returns', 'the regional failover', 'the partner API v2', 'offline mode', 'the new onboarding flow', 'usage-based billing', 'the data retention project', 'the search relevance work', 'multi-currency checkout', 'the audit log export', 'the SSO rollout'],
  target: ['the new cluster', 'managed PostgreSQL', 'Kubernetes', 'the shared event bus', 'the v2 storage layer'],
  customer: ['our largest retail customer', 'a hospital network', 'the enterprise pilot customer', 'a public-sector customer', 'a marketplace partner'],
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'],
  few: range(2, 4),
  items: range(3, 9),
  pages: range(12, 40),
  calm: range(1, 5),
  minutes: range(8, 25),
  slow: range(600, 1500, 50),
  fast: range(120, 300, 10),
  files: range(30, 90, 5),
  saving: range(4, 30),
};

// [template, LPs it shows]; the LP names are the amazon policy's, and the rules check them.
const STRENGTHS = [
  ['Led the response to the {month} outage of {system}: clear updates every half hour and a rollback within {minutes} minutes.', 'Ownership', 'Bias for Action', 'Earn Trust'],
  ['Wrote the post-incident review for {system} and saw all {items} action items through to done.', 'Ownership', 'Dive Deep'],
  ['The design doc for {project} compared three options with costs and risks, so the review ended with a decision.', 'Invent and Simplify', 'Are Right, A Lot'],
  ['Code reviews are quick and specific: comments name the failing case and suggest a fix.', 'Insist on the Highest Standards', 'Earn Trust'],
  ['Mentored {few} newer engineers through their first on-call shifts and reviewed every runbook they wrote.', 'Hire and Develop the Best', "Strive to be Earth's Best Employer"],
  ['Cut pages for {system} from {pages} a week to {calm} by fixing noisy alarms and writing runbooks.', 'Insist on the Highest Standards', 'Ownership'],
  ['Moved {system} to {target} with no downtime, shifting traffic in small steps after rehearsing the rollback.', 'Deliver Results', 'Dive Deep'],
  ['Took the escalation from {customer} end to end, from a reliable reproduction to a patched release in {items} days.', 'Customer Obsession', 'Ownership', 'Deliver Results'],
  ['Added contract tests between {system} and {system} that caught two breaking changes before production.', 'Insist on the Highest Standards', 'Dive Deep'],
  ['Profiled {system} and cut p99 latency from {slow} ms to {fast} ms without new hardware.', 'Dive Deep', 'Frugality', 'Deliver Results'],
  ['Found idle capacity behind {system} and resized it, saving about {saving}k a month.', 'Frugality', 'Ownership'],
  ['Coordinated the API change for {project} with four consuming teams and shipped it without a rollback.', 'Earn Trust', 'Deliver Results'],
  ['Replaced a long cron script in {system} with a small queue worker the whole team can follow and test.', 'Invent and Simplify', 'Insist on the Highest Standards'],
  ['Ran {items} interview loops this half and wrote evidence-based debriefs that made decisions quick.', 'Hire and Develop the Best', 'Are Right, A Lot'],
  ['Kept {project} on date by cutting scope early and writing down the trade-off for product.', 'Deliver Results', 'Bias for Action'],
  ['Argued with load-test data for delaying {project} a week; the tests found a queue limit we would have hit at launch.', 'Have Backbone; Disagree and Commit', 'Are Right, A Lot'],
  ['Reads the support queue every week and turned the top {items} recurring tickets into product fixes.', 'Customer Obsession', 'Dive Deep'],
  ['Wrote the on-call handbook for {system}; new people on the rotation open it first.', 'Earn Trust', 'Hire and Develop the Best'],
  ['Added a privacy review to the data flow of {project} before launch, which avoided a late audit finding.', 'Success and Scale Bring Broad Responsibility', 'Ownership'],
  ['Prototyped {project} in a week to test the riskiest assumption before the team committed a quarter.', 'Bias for Action', 'Invent and Simplify', 'Learn and Be Curious'],
  ['Learned the billing domain quickly and now answers questions about {system} that used to go to another team.', 'Learn and Be Curious', 'Ownership'],
  ['Sketched a three-year plan for {system} that the directors now use to decide what to fund.', 'Think Big'],
] as const;

const GROWTH = [
  ['Share design drafts earlier: the doc for {project} arrived the day before review, so the hard questions came late.', 'Earn Trust', 'Bias for Action'],
  ['Write decisions down after chat threads; twice this half we reopened settled questions about {system}.', 'Earn Trust'],
  ['Hand more on-call follow-ups to others; several action items waited weeks for a single owner.', 'Hire and Develop the Best'],
  ['Split large pull requests: one change to {system} touched {files} files and took a week to review.', 'Invent and Simplify', 'Insist on the Highest Standards'],
  ['Add dashboards and alarms before launch rather than after the first incident, as happened with {system}.', 'Insist on the Highest Standards', 'Dive Deep'],
  ['Give estimates as ranges and flag slips early; the date for {project} moved twice with little notice.', 'Earn Trust', 'Deliver Results'],
  ['Turn down more side requests: a milestone of {project} slipped while helping other teams with theirs.', 'Deliver Results', 'Have Backbone; Disagree and Commit'],
  ['Pair with newer engineers in code review instead of rewriting their changes, so they learn the reasons.', 'Hire and Develop the Best'],
  ['Bring usage data to planning; the case for {project} would have landed sooner with numbers.', 'Are Right, A Lot', 'Customer Obsession'],
  ['Hand over context before time off: the rollout of {system} stalled for a week during the last absence.', 'Ownership'],
  ['Raise disagreements in the design review itself; concerns about {system} came up only after launch.', 'Have Backbone; Disagree and Commit'],
  ['Test the rollback path as well as the rollout: the last release of {system} could not be reverted cleanly.', 'Insist on the Highest Standards', 'Dive Deep'],
  ['Spend time on customer-facing docs; support tickets about {project} repeat the same three questions.', 'Customer Obsession'],
  ['Plan beyond the current quarter: the schema of {system} will need a second migration within a year.', 'Think Big'],
  ['Ask for help sooner when blocked; a permissions problem on {system} cost three days one message would have saved.', 'Bias for Action', 'Earn Trust'],
  ['Keep review threads on behaviour and risk; a few on {project} went round in circles over naming.', 'Earn Trust'],
  ['Delegate more of the coordination of {project} to free time for the design work the team needs most.', 'Hire and Develop the Best', 'Think Big'],
  ['Check cost before choosing instance sizes; the test environment for {system} ran at production scale for a month.', 'Frugality'],
  ['Lead status updates with risks; the weekly note on {project} puts blockers at the end.', 'Earn Trust', 'Deliver Results'],
  ['Write the rollout plan for {project} before the code: {items} steps were improvised during the {month} release.', 'Insist on the Highest Standards', 'Deliver Results'],
  ['Review the alarms on {system} after each incident; {items} of them still page for conditions that clear on their own.', 'Insist on the Highest Standards', 'Dive Deep'],
  ['Invite consumers of {system} to design reviews; two teams learned about the {month} change from an outage.', 'Earn Trust', 'Customer Obsession'],
  ['Give newer teammates the lead on smaller launches such as {project}, with a review at each milestone.', 'Hire and Develop the Best'],
  ['Measure before optimising: the {month} caching change to {system} added complexity without moving p99.', 'Dive Deep', 'Invent and Simplify'],
  ['Close the loop on escalations: {customer} heard about the fix for {system} from support, not from the team.', 'Customer Obsession', 'Earn Trust'],
  ['Prune the backlog for {system}; {pages} stale tickets make the real priorities hard to see.', 'Deliver Results'],
  ['Timebox investigations: the {month} error spike on {system} ran {items} days before anyone asked for help.', 'Bias for Action'],
] as const;

const SELF = [
  ['I led the move of {system} to {target}, shifting traffic in small steps with no customer-visible downtime.', 'Deliver Results'],
  ['I owned the {month} incident on {system} from the first page to the last action item.', 'Ownership'],
  ['I wrote the design for {project} and brought two other teams to agreement on the API.', 'Earn Trust'],
  ['I reduced pages on {system} from {pages} to {calm} a week by removing noisy alarms.', 'Insist on the Highest Standards'],
  ['I mentored {few} newer engineers and ran the on-call training for the team.', 'Hire and Develop the Best'],
  ['I cut p99 latency on {system} from {slow} ms to {fast} ms after profiling the hot path.', 'Dive Deep'],
  ['I handled the escalation from {customer} and shipped the fix in {items} days.', 'Customer Obsession'],
  ['I resized idle capacity behind {system}, saving about {saving}k a month.', 'Frugality'],
  ['I replaced the hand-run release checklist for {system} with an automated pipeline.', 'Invent and Simplify'],
] as const;

const NEXT_YEAR = [
  'Next year I want to lead a cross-team design from the first draft.',
  'Next year I want to write fewer, shorter documents and decide faster.',
  'Next year I want to take on the on-call lead role for the area.',
  'Next year I want to mentor someone through their first launch.',
];

const DECLINE_REASONS = [
  'We only overlapped on one short project, so I cannot give useful examples.',
  'I have not worked with them since the spring reorganisation; someone from {project} would have better examples.',
  'I am on leave for most of the feedback window.',
  'I already have eleven requests this cycle and want to give each proper time.',
  'I moved to the platform group in the summer and have not seen their recent work on {system}.',
  'I am covering two on-call rotations until January; please ask someone else from the team.',
];

const MANAGER_NARRATIVE =
  'Draft. Took over the checkout latency work mid-year and delivered it; peers consistently mention incident leadership and clear design docs. To discuss at calibration: scope of the ledger migration and readiness for the next level.';

const LOG_ENTRIES: { daysAgo: number; kind: LogKind; body: string }[] = [
  { daysAgo: 160, kind: 'win', body: 'Ran the checkout rollback during the Sunday outage; customers saw 12 minutes of errors instead of an hour. Post-incident review shared the same week.' },
  { daysAgo: 110, kind: 'feedback', body: 'Told them in our 1:1 that the ledger design doc reached reviewers too late; agreed to share a one-page outline first next time.' },
  { daysAgo: 62, kind: 'decision', body: 'Agreed they lead the ledger migration in Q4, with the staff engineer reviewing the cut-over plan.' },
  { daysAgo: 19, kind: 'support', body: 'Paired them with a senior engineer from payments for the reconciliation edge cases; they asked for it, which was the right call.' },
];
