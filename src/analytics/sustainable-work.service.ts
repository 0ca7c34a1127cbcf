import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { SustainableWork, sustainableWorkQuerySchema } from '../shared/schemas/analytics-governance.ts';
import { demographicsVisibleTo } from '../people/people.access.ts';
import { ORG_ID } from '../metrics/partitions.repository.ts';
import { authorizeTeamSignals } from './analytics.access.ts';
import { activeAnalyticsPolicy, minGroupFor } from './analytics-policy.service.ts';
import { analysisRefused } from './analysis-problems.ts';
import { sustainableWork, type CommitSubject, type TeamActivity } from './sustainable-work.rules.ts';

const DAY = 86_400_000;
const DEFAULT_WEEKS = 12;

/**
 * Sustainable-work signals for the teams with members in an HR partner's scope, read straight
 * from the metrics tables (pages, shifts, incidents, commits). A page or shift belongs to a member
 * through their e-mail or a linked identity; an incident to a team through its service and to
 * members through its assignees; a commit through the team's repositories.
 */
export async function assessSustainableWork(db: Kysely<DB>, options: { actor: Actor; query: z.output<typeof sustainableWorkQuerySchema>; now: Date }): Promise<SustainableWork> {
  const { actor, query, now } = options;
  const reach = authorizeTeamSignals(actor);
  const policy = await activeAnalyticsPolicy(db);
  const minGroup = minGroupFor(policy, query.minGroup);
  const reworkDays = query.reworkDays ?? policy.reworkDays;
  const to = query.to ?? new Date(now.getTime() + DAY).toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - DEFAULT_WEEKS * 7 * DAY).toISOString().slice(0, 10);
  if (from >= to) throw analysisRefused([{ line: null, column: '-', reason: `The period must start before it ends (from ${from}, to ${to}).` }]);
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  if (end.getTime() - start.getTime() > 366 * DAY) throw analysisRefused([{ line: null, column: '-', reason: 'The period is at most a year: load is a recent signal.' }]);

  const members = await db
    .selectFrom('people as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .select(['p.id', 'p.email', 'p.time_zone', 't.id as team_id', 't.name as team_name'])
    .where('p.status', '!=', 'terminated')
    .$if(reach === 'scope', (q) => q.where(demographicsVisibleTo(actor)))
    .orderBy('p.id')
    .execute();
  const teams = new Map<number, { name: string; members: typeof members }>();
  for (const m of members) {
    const team = teams.get(m.team_id) ?? { name: m.team_name, members: [] };
    team.members.push(m);
    teams.set(m.team_id, team);
  }
  const personIds = members.map((m) => m.id);
  const identities = personIds.length ? await db.selectFrom('person_identities').select(['person_id', 'value']).where('org_id', '=', ORG_ID).where('person_id', 'in', personIds).execute() : [];
  const personOfRef = new Map<string, number>();
  for (const m of members) personOfRef.set(m.email.toLowerCase(), m.id);
  for (const i of identities) personOfRef.set(i.value.toLowerCase(), i.person_id);
  const refs = [...personOfRef.keys()];

  const [pages, shifts] = refs.length
    ? await Promise.all([
        db.selectFrom('oncall_pages').select(['person_ref', 'at']).where('org_id', '=', ORG_ID).where('at', '>=', start).where('at', '<', end).where(sql<string>`lower(person_ref)`, 'in', refs).execute(),
        db.selectFrom('oncall_shifts').select(['person_ref', 'starts_at', 'ends_at']).where('org_id', '=', ORG_ID).where('starts_at', '<', end).where('ends_at', '>', start).where(sql<string>`lower(person_ref)`, 'in', refs).execute(),
      ])
    : [[], []];
  const teamIds = [...teams.keys()];
  const [teamServices, teamRepositories] = teamIds.length
    ? await Promise.all([
        db.selectFrom('team_services').select(['team_id', 'service_id']).where('team_id', 'in', teamIds).execute(),
        db.selectFrom('team_repositories').select(['team_id', 'repository_id']).where('team_id', 'in', teamIds).execute(),
      ])
    : [[], []];
  const serviceIds = [...new Set(teamServices.map((s) => s.service_id))];
  const repositoryIds = [...new Set(teamRepositories.map((r) => r.repository_id))];
  const lookback = new Date(start.getTime() - reworkDays * DAY);
  const [incidents, commits] = await Promise.all([
    serviceIds.length ? db.selectFrom('incidents').select(['service_id', 'created_at', 'assignees']).where('org_id', '=', ORG_ID).where('service_id', 'in', serviceIds).where('created_at', '>=', start).where('created_at', '<', end).execute() : [],
    repositoryIds.length
      ? db.selectFrom('commits').select(['repository_id', 'sha', 'subject', 'committed_at']).where('org_id', '=', ORG_ID).where('repository_id', 'in', repositoryIds).where('committed_at', '>=', lookback).where('committed_at', '<', end).execute()
      : [],
  ]);

  const activities: TeamActivity[] = [...teams].map(([teamId, team]) => {
    const memberIds = new Set(team.members.map((m) => m.id));
    const mine = (ref: string) => {
      const id = personOfRef.get(ref.toLowerCase());
      return id !== undefined && memberIds.has(id) ? id : null;
    };
    const services = new Set(teamServices.filter((s) => s.team_id === teamId).map((s) => s.service_id));
    const repositories = new Set(teamRepositories.filter((r) => r.team_id === teamId).map((r) => r.repository_id));
    const teamCommits: CommitSubject[] = commits.filter((c) => repositories.has(c.repository_id)).map((c) => ({ repositoryId: c.repository_id, sha: c.sha, subject: c.subject, at: c.committed_at }));
    return {
      name: team.name,
      members: team.members.map((m) => ({ personId: m.id, timeZone: m.time_zone })),
      pages: pages.flatMap((p) => {
        const id = mine(p.person_ref);
        return id === null ? [] : [{ personId: id, at: p.at }];
      }),
      incidents: incidents.filter((i) => i.service_id !== null && services.has(i.service_id)).map((i) => ({ at: i.created_at, assignees: i.assignees.map(mine).filter((id): id is number => id !== null) })),
      shifts: shifts.flatMap((s) => {
        const id = mine(s.person_ref);
        if (id === null) return [];
        const hours = (Math.min(s.ends_at.getTime(), end.getTime()) - Math.max(s.starts_at.getTime(), start.getTime())) / 3_600_000;
        return hours > 0 ? [{ personId: id, hours }] : [];
      }),
      commits: teamCommits.filter((c) => c.at >= start),
      earlierCommits: teamCommits.filter((c) => c.at < start),
    };
  });
  return sustainableWork(activities, { from, to, reworkDays, minGroup, workingHours: policy.workingHours });
}
