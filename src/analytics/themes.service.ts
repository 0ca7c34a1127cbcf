import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { listFeedbackAbout, listReceivedFeedback } from '../cycles/peer-feedback.service.ts';
import { aggregatePrinciples } from '../cycles/feedback.rules.ts';
import type { FeedbackThemes } from '../shared/schemas/analytics.ts';
import { activeAnalyticsPolicy } from './analytics-policy.service.ts';
import { authorizeGroupThemes } from './analytics.access.ts';
import { phraseFrequencies, recurringPhrases, type PhraseFrequencies } from './themes.ts';

/** One response as themes read it: the two answers and the tags. Never who wrote it. */
interface ThemeResponse {
  superpowers: string;
  improvements: string;
  lpsChampioned: readonly string[];
  lpsToImprove: readonly string[];
}

/**
 * The reader's own themes in a cycle, from exactly what listReceivedFeedback shows them: nothing
 * before the cycle's release rule lets them read their feedback.
 */
export async function myThemes(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }): Promise<FeedbackThemes> {
  const received = await listReceivedFeedback(db, options);
  const subject = { kind: 'person' as const, id: options.actor.personId!, name: options.actor.name };
  if (!received.released) return hidden(subject, received.reason);
  const responses = received.responses.map((r) => ({ superpowers: r.superpowers, improvements: r.improvements, lpsChampioned: r.lpsChampioned ?? [], lpsToImprove: r.lpsToImprove ?? [] }));
  const themes = await themesOf(db, options.cycleId, subject, responses, 1);
  // With tags aggregated by policy, the responses carry none: use the aggregate as given.
  return received.principles ? { ...themes, principles: received.principles } : themes;
}

/** A person's themes for their management chain and HR in scope, whom listFeedbackAbout admits. */
export async function personThemes(db: Kysely<DB>, options: { actor: Actor; cycleId: number; personId: number }): Promise<FeedbackThemes> {
  const about = await listFeedbackAbout(db, options);
  // listFeedbackAbout may carry authors for these readers; only the answers are read from it.
  const responses = about.responses.map((r) => ({ superpowers: r.superpowers, improvements: r.improvements, lpsChampioned: r.lpsChampioned, lpsToImprove: r.lpsToImprove }));
  return themesOf(db, options.cycleId, { kind: 'person', id: about.person.id, name: about.person.name }, responses, 1);
}

/**
 * Themes of an organisation (the cycle's, or a subtree of it): for the person at its root and their
 * chain, and HR in scope; only when at least the minimum group of people received feedback, and
 * never counting the reader's own feedback, which their release rule may still hold back.
 */
export async function groupThemes(db: Kysely<DB>, options: { actor: Actor; cycleId: number; rootPersonId?: number }): Promise<FeedbackThemes> {
  const cycle = await loadCycle(db, options.cycleId);
  const rootId = options.rootPersonId ?? cycle.rootPersonId;
  const root = await db.selectFrom('people').select(['id', 'name', 'path']).where('id', '=', rootId).executeTakeFirst();
  if (!root) throw new AppError('NOT_FOUND', { detail: `No person ${rootId}.` });
  authorizeGroupThemes(options.actor, root);
  const rows = await db
    .selectFrom('peer_feedback as f')
    .innerJoin('people as s', 's.id', 'f.subject_id')
    .select(['f.subject_id', 'f.superpowers', 'f.improvements', 'f.lps_championed', 'f.lps_to_improve'])
    .where('f.cycle_id', '=', cycle.id)
    .where('f.status', '=', 'submitted')
    .where('s.path', 'like', `${root.path}%`)
    .$if(options.actor.personId !== null, (q) => q.where('f.subject_id', '!=', options.actor.personId!))
    .execute();
  const subject = { kind: rootId === cycle.rootPersonId ? ('organisation' as const) : ('team' as const), id: root.id, name: root.name };
  const people = new Set(rows.map((r) => r.subject_id)).size;
  const { minGroupSize: minGroup } = await activeAnalyticsPolicy(db);
  if (people < minGroup) {
    return { ...hidden(subject, `Themes are shown for groups of at least ${minGroup} people with feedback; this one has fewer.`), people: 0 };
  }
  const responses = rows.map((r) => ({ superpowers: r.superpowers, improvements: r.improvements, lpsChampioned: r.lps_championed, lpsToImprove: r.lps_to_improve }));
  return themesOf(db, cycle.id, subject, responses, people);
}

async function themesOf(db: Kysely<DB>, cycleId: number, subject: FeedbackThemes['subject'], responses: readonly ThemeResponse[], people: number): Promise<FeedbackThemes> {
  const organisation = await organisationFrequencies(db, cycleId);
  return {
    subject,
    shown: true,
    reason: null,
    people,
    responses: responses.length,
    principles: { championed: aggregatePrinciples(responses.map((r) => [...r.lpsChampioned])), toImprove: aggregatePrinciples(responses.map((r) => [...r.lpsToImprove])) },
    superpowers: recurringPhrases(responses.map((r) => r.superpowers), organisation.superpowers),
    improvements: recurringPhrases(responses.map((r) => r.improvements), organisation.improvements),
  };
}

function hidden(subject: FeedbackThemes['subject'], reason: string): FeedbackThemes {
  return { subject, shown: false, reason, people: 1, responses: 0, principles: { championed: [], toImprove: [] }, superpowers: [], improvements: [] };
}

type Frequencies = { superpowers: PhraseFrequencies; improvements: PhraseFrequencies };

// Reading and tokenising a whole cycle's feedback for every page view would be wasteful: the
// frequencies are kept per database and cycle until a submission changes the count or the latest
// update time.
const cache = new WeakMap<object, Map<number, { stamp: string; frequencies: Frequencies }>>();

/** Phrase frequencies over everyone who received feedback in the cycle: the "organisation" of TF-IDF. */
async function organisationFrequencies(db: Kysely<DB>, cycleId: number): Promise<Frequencies> {
  const submitted = db.selectFrom('peer_feedback').where('cycle_id', '=', cycleId).where('status', '=', 'submitted');
  const { n, latest } = await submitted.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')]).executeTakeFirstOrThrow();
  const stamp = `${n}@${latest ? new Date(latest).getTime() : 0}`;
  const perDb = cache.get(db) ?? new Map();
  cache.set(db, perDb);
  const cached = perDb.get(cycleId);
  if (cached?.stamp === stamp) return cached.frequencies;
  const rows = await submitted.select(['subject_id', 'superpowers', 'improvements']).execute();
  const bySubject = new Map<number, { superpowers: string[]; improvements: string[] }>();
  for (const r of rows) {
    const texts = bySubject.get(r.subject_id) ?? { superpowers: [], improvements: [] };
    texts.superpowers.push(r.superpowers);
    texts.improvements.push(r.improvements);
    bySubject.set(r.subject_id, texts);
  }
  const frequencies = {
    superpowers: phraseFrequencies([...bySubject.values()].map((t) => t.superpowers)),
    improvements: phraseFrequencies([...bySubject.values()].map((t) => t.improvements)),
  };
  if (perDb.size > 20) perDb.clear();
  perDb.set(cycleId, { stamp, frequencies });
  return frequencies;
}
