import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TeamOperations } from '../shared/schemas/metrics.ts';
import { dayText } from './periods.rules.ts';
import { itemStats, pagesPerWeek } from './operations.rules.ts';
import { ORG_ID } from './partitions.repository.ts';
import { loadTeam, requireRange, TEAM_CONTEXT_LABEL } from './team-dora.service.ts';
import { MS_PER_DAY } from './timestamps.rules.ts';

/**
 * A team's operational load over a period (default: the last 90 days): per service, its
 * vulnerabilities and tickets (open at the end, opened, resolved, median days to resolve, open
 * per severity), and the pages its services sent per week. Team context: no person is named.
 */
export async function teamOperations(db: Kysely<DB>, options: { teamId: number; query: { from?: string; to?: string }; now: Date }): Promise<TeamOperations> {
  const team = await loadTeam(db, options.teamId);
  const range = requireRange(options.query, options.now);
  const end = range.to + MS_PER_DAY;
  const serviceIds = team.services.map((s) => s.id);
  const items = serviceIds.length
    ? await db
        .selectFrom('operational_items')
        .select(['service_id', 'kind', 'severity', 'opened_at', 'resolved_at'])
        .where('org_id', '=', ORG_ID)
        .where('service_id', 'in', serviceIds)
        .where('opened_at', '<', new Date(end))
        .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', new Date(range.from))]))
        .execute()
    : [];
  const pages = serviceIds.length
    ? await db.selectFrom('oncall_pages').select('at').where('org_id', '=', ORG_ID).where('service_id', 'in', serviceIds).where('occurred_at', '>=', new Date(range.from)).where('occurred_at', '<', new Date(end)).execute()
    : [];
  const statsOf = (serviceId: number, kind: 'vulnerability' | 'ticket') =>
    itemStats(
      items.filter((i) => i.service_id === serviceId && i.kind === kind).map((i) => ({ severity: i.severity, openedAt: i.opened_at.getTime(), resolvedAt: i.resolved_at?.getTime() ?? null })),
      range.from,
      end,
    );
  return {
    team: { id: team.id, name: team.name },
    from: dayText(range.from),
    to: dayText(range.to),
    label: TEAM_CONTEXT_LABEL,
    services: team.services.map((service) => ({ service, vulnerabilities: statsOf(service.id, 'vulnerability'), tickets: statsOf(service.id, 'ticket') })),
    pages: { total: pages.length, weeks: pagesPerWeek(pages.map((p) => p.at.getTime()), range.from, end).map((w) => ({ week: dayText(w.week), pages: w.pages })) },
  };
}
