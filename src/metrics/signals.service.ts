import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { CodeSignals } from '../shared/schemas/metrics.ts';
import { identitiesOf } from './catalog.repository.ts';
import { assertSignalsVisible, loadSubject } from './metrics.access.ts';
import { ORG_ID } from './partitions.repository.ts';
import { dayText } from './periods.rules.ts';
import { BASELINE_WEEKS, MIN_BASELINE, RECENT_WEEKS } from './signals/change-points.rules.ts';
import { weeklySignals, type PersonActivity } from './signals/weekly-signals.rules.ts';
import { requireRange } from './team-dora.service.ts';
import { MS_PER_DAY } from './timestamps.rules.ts';

export const SIGNALS_LABEL = 'Your own trend, for a conversation: never compared with anyone, never a rating input.';
export const CHANGE_POINT_METHOD =
  `A week is flagged "worth a conversation" when the mean of the last ${RECENT_WEEKS} weeks differs from the mean of the ${BASELINE_WEEKS} weeks before them ` +
  `by more than twice their standard deviation and by at least half their mean (at least 1), after ${MIN_BASELINE} weeks of baseline.`;

/**
 * One person's activity from the sources, matched through their identities (directory email,
 * other emails, GitHub login): commits they authored, pull requests of others they reviewed
 * (at their first comment), and their own merged pull requests with the commits pushed after
 * the first review by someone else.
 */
export async function loadPersonActivity(db: Kysely<DB>, options: { identities: string[]; from: number; to: number }): Promise<PersonActivity> {
  const ids = options.identities;
  const from = new Date(options.from).toISOString();
  const to = new Date(options.to).toISOString();
  const [commits, reviews, authored] = await Promise.all([
    sql<{ at: Date; additions: number; deletions: number }>`
      select authored_at as at, additions, deletions from commits
      where org_id = ${ORG_ID} and lower(author_email) = any(${ids}::text[]) and authored_at >= ${from}::timestamptz and authored_at < ${to}::timestamptz`.execute(db),
    sql<{ at: Date }>`
      select min(c.created_at) as at from pull_request_comments c
      join pull_requests pr on pr.org_id = c.org_id and pr.id = c.pull_request_id
      where c.org_id = ${ORG_ID} and lower(c.author) = any(${ids}::text[]) and (pr.author is null or not (lower(pr.author) = any(${ids}::text[])))
        and c.created_at >= ${from}::timestamptz and c.created_at < ${to}::timestamptz
      group by c.pull_request_id`.execute(db),
    sql<{ merged_at: Date; first_review: Date | null; revisions: number }>`
      select pr.merged_at, fr.first_review,
        (select count(*)::int from pull_request_commits pc where pc.org_id = pr.org_id and pc.pull_request_id = pr.id and pc.authored_at > fr.first_review) as revisions
      from pull_requests pr
      left join lateral (
        select min(c.created_at) as first_review from pull_request_comments c
        where c.org_id = pr.org_id and c.pull_request_id = pr.id and (c.author is null or not (lower(c.author) = any(${ids}::text[])))
      ) fr on true
      where pr.org_id = ${ORG_ID} and lower(pr.author) = any(${ids}::text[]) and pr.merged_at >= ${from}::timestamptz and pr.merged_at < ${to}::timestamptz`.execute(db),
  ]);
  return {
    commits: commits.rows.map((c) => ({ at: c.at.getTime(), additions: c.additions, deletions: c.deletions })),
    reviewsGiven: reviews.rows.map((r) => ({ at: r.at.getTime() })),
    authoredPullRequests: authored.rows.map((p) => ({ mergedAt: p.merged_at.getTime(), reviewed: p.first_review !== null, revisionsAfterReview: p.revisions })),
  };
}

/** A person's weekly code signals with change points: the person, their chain and HR only. */
export async function personCodeSignals(db: Kysely<DB>, options: { actor: Actor; personId: number; query: { from?: string | undefined; to?: string | undefined }; now: Date }): Promise<CodeSignals> {
  const subject = await loadSubject(db, options.personId);
  assertSignalsVisible(options.actor, subject);
  const range = requireRange(options.query, options.now, 26 * 7);
  const identities = (await identitiesOf(db, subject.id)).map((i) => i.value);
  const activity = await loadPersonActivity(db, { identities, from: range.from, to: range.to + MS_PER_DAY });
  const signals = weeklySignals(activity, range);
  return { person: { id: subject.id, name: subject.name }, from: dayText(range.from), to: dayText(range.to), label: SIGNALS_LABEL, method: CHANGE_POINT_METHOD, ...signals };
}
