import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { seenKind, type IdentityKind } from './identities.rules.ts';
import { ORG_ID } from './partitions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface SeenIdentity {
  kind: IdentityKind;
  value: string;
  /** Where it was seen: commits, pull requests, reviews, amazon-q, incidents, on-call pages, on-call shifts. */
  seenIn: string[];
  lastSeen: Date;
}

/**
 * The identities the events name, lower-cased, with where and when they were last seen, in an
 * optional time range and optionally only the given values (which the source indexes on
 * `lower(...)` answer without a scan). No counts: this is for mapping people, not measuring them.
 */
export async function seenIdentities(db: Db, options: { from?: Date; to?: Date; values?: string[] } = {}): Promise<SeenIdentity[]> {
  const from = options.from?.toISOString() ?? '-infinity';
  const to = options.to?.toISOString() ?? 'infinity';
  const values = options.values;
  const only = (column: ReturnType<typeof sql.ref>) => (values ? sql`and lower(${column}) = any(${values}::text[])` : sql``);
  const inRange = sql`occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz`;
  const { rows } = await sql<{ source_kind: IdentityKind; value: string; seen_in: string[]; last_seen: Date }>`
    with seen (source_kind, value, seen_in, at) as (
      select 'email', author_email, 'commits', occurred_at from commits where org_id = ${ORG_ID} and ${inRange} ${only(sql.ref('author_email'))}
      union all select 'email', committer_email, 'commits', occurred_at from commits where org_id = ${ORG_ID} and ${inRange} and committer_email <> author_email ${only(sql.ref('committer_email'))}
      union all select 'github', author, 'pull requests', occurred_at from pull_requests where org_id = ${ORG_ID} and author is not null and ${inRange} ${only(sql.ref('author'))}
      union all select 'github', author, 'reviews', occurred_at from pull_request_comments where org_id = ${ORG_ID} and author is not null and ${inRange} ${only(sql.ref('author'))}
      union all select 'amazon-q', user_key, 'amazon-q', occurred_at from ai_usage_daily where org_id = ${ORG_ID} and source = 'amazon-q' and user_key <> '' and ${inRange} ${only(sql.ref('user_key'))}
      union all select 'pagerduty', a.assignee, 'incidents', occurred_at from incidents, unnest(assignees) as a(assignee) where org_id = ${ORG_ID} and ${inRange} ${only(sql.ref('a.assignee'))}
      union all select 'pagerduty', analysis_author, 'incidents', occurred_at from incidents where org_id = ${ORG_ID} and analysis_author is not null and ${inRange} ${only(sql.ref('analysis_author'))}
      union all select 'pagerduty', person_ref, 'on-call pages', occurred_at from oncall_pages where org_id = ${ORG_ID} and ${inRange} ${only(sql.ref('person_ref'))}
      union all select 'pagerduty', person_ref, 'on-call shifts', occurred_at from oncall_shifts where org_id = ${ORG_ID} and ${inRange} ${only(sql.ref('person_ref'))}
    )
    select source_kind, lower(value) as value, array_agg(distinct seen_in order by seen_in) as seen_in, max(at) as last_seen
    from seen where value <> '' group by source_kind, lower(value)`.execute(db);
  // The same value seen under two source kinds (an email as a PR author and a commit author) is one identity.
  const merged = new Map<string, SeenIdentity>();
  for (const row of rows) {
    const kind = seenKind(row.source_kind, row.value);
    const key = `${kind}\u0000${row.value}`;
    const known = merged.get(key);
    if (!known) merged.set(key, { kind, value: row.value, seenIn: row.seen_in, lastSeen: row.last_seen });
    else {
      known.seenIn = [...new Set([...known.seenIn, ...row.seen_in])].sort();
      if (row.last_seen > known.lastSeen) known.lastSeen = row.last_seen;
    }
  }
  return [...merged.values()].sort((a, b) => (a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1));
}

/** Every identity value that already names someone: directory emails and mapped identities, lower-cased, with the person. */
export async function knownIdentityOwners(db: Db, values: string[]): Promise<Map<string, number>> {
  if (!values.length) return new Map();
  const { rows } = await sql<{ value: string; person_id: number }>`
    select lower(email) as value, id as person_id from people where lower(email) = any(${values}::text[])
    union all select lower(value), person_id from person_identities where org_id = ${ORG_ID} and lower(value) = any(${values}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.value, r.person_id]));
}
