import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { AiAdoption, PersonAiUsage } from '../shared/schemas/metrics.ts';
import { identitiesOf } from './catalog.repository.ts';
import { assertAiUsageVisible, loadSubject } from './metrics.access.ts';
import { ORG_ID } from './partitions.repository.ts';
import { dayText } from './periods.rules.ts';
import { requireRange } from './team-dora.service.ts';

/** Weeks with fewer active users than this show no figures: they would describe a handful of people. */
export const AI_MIN_GROUP = 5;

const rate = (acceptances: number, suggestions: number) => (suggestions > 0 ? acceptances / suggestions : null);

/**
 * AI-assistant adoption of the whole organisation per week (Monday-based): active users (Amazon Q:
 * distinct users with activity that week; Copilot: the week's highest daily active users, as its
 * API reports no users), suggestions, acceptances and their rate, AI code lines, chat messages.
 */
export async function orgAiAdoption(db: Kysely<DB>, options: { query: { from?: string | undefined; to?: string | undefined }; now: Date }): Promise<AiAdoption> {
  const range = requireRange(options.query, options.now, 12 * 7);
  const { rows } = await sql<{ source: 'amazon-q' | 'copilot'; week: string; users: number; org_users: number | null; suggestions: number; acceptances: number; lines: number; chats: number }>`
    select source, date_trunc('week', day)::date::text as week,
      count(distinct user_key) filter (where user_key <> '')::int as users, max(active_users) filter (where user_key = '') as org_users,
      sum(suggestions)::float8 as suggestions, sum(acceptances)::float8 as acceptances, sum(ai_code_lines)::float8 as lines, sum(chat_messages)::float8 as chats
    from ai_usage_daily
    where org_id = ${ORG_ID} and day >= ${dayText(range.from)}::date and day <= ${dayText(range.to)}::date
    group by source, week order by source, week`.execute(db);
  const sources = new Map<'amazon-q' | 'copilot', AiAdoption['sources'][number]['weeks']>();
  for (const r of rows) {
    const activeUsers = r.source === 'copilot' ? (r.org_users ?? 0) : r.users;
    const suppressed = activeUsers < AI_MIN_GROUP;
    const figure = (n: number) => (suppressed ? 0 : n);
    const weeks = sources.get(r.source) ?? [];
    weeks.push({
      week: r.week, suppressed, activeUsers: suppressed ? 0 : activeUsers, suggestions: figure(r.suggestions), acceptances: figure(r.acceptances),
      acceptanceRate: suppressed ? null : rate(r.acceptances, r.suggestions), aiCodeLines: figure(r.lines), chatMessages: figure(r.chats),
    });
    sources.set(r.source, weeks);
  }
  return { from: dayText(range.from), to: dayText(range.to), sources: [...sources].map(([source, weeks]) => ({ source, weeks })), suppressedBelow: AI_MIN_GROUP };
}

/** One person's own Amazon Q usage per week: for that person and HR only. */
export async function personAiUsage(db: Kysely<DB>, options: { actor: Actor; personId: number; query: { from?: string | undefined; to?: string | undefined }; now: Date }): Promise<PersonAiUsage> {
  const subject = await loadSubject(db, options.personId);
  assertAiUsageVisible(options.actor, subject);
  const range = requireRange(options.query, options.now, 12 * 7);
  const ids = (await identitiesOf(db, subject.id)).map((i) => i.value);
  const { rows } = await sql<{ week: string; days: number; suggestions: number; acceptances: number; lines: number; chats: number }>`
    select date_trunc('week', day)::date::text as week, count(*)::int as days, sum(suggestions)::float8 as suggestions, sum(acceptances)::float8 as acceptances,
      sum(ai_code_lines)::float8 as lines, sum(chat_messages)::float8 as chats
    from ai_usage_daily
    where org_id = ${ORG_ID} and source = 'amazon-q' and lower(user_key) = any(${ids}::text[])
      and day >= ${dayText(range.from)}::date and day <= ${dayText(range.to)}::date
    group by week order by week`.execute(db);
  return {
    person: { id: subject.id, name: subject.name },
    from: dayText(range.from),
    to: dayText(range.to),
    weeks: rows.map((r) => ({ week: r.week, suppressed: false, activeDays: r.days, suggestions: r.suggestions, acceptances: r.acceptances, acceptanceRate: rate(r.acceptances, r.suggestions), aiCodeLines: r.lines, chatMessages: r.chats })),
  };
}
